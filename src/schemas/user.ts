import { Type } from "typebox";
import { NullableString, Timestamp } from "./common.ts";

export const UserSchema = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    first_name: Type.String(),
    last_name: Type.String(),
    image: NullableString(Type.String()),
    date_created: Timestamp,
    date_updated: Timestamp,
  },
  { title: "User" },
);
