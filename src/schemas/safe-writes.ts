import { type TObject, type TProperties, Type } from "typebox";
import { PERMISSIONS } from "../domain/permissions.ts";

/** `?dry_run=true`: on the writes that offer it (membership and role writes). */
export const DryRunParam = {
  dry_run: Type.Optional(
    Type.Enum(["true", "false"], {
      description:
        "Roster extension: `true` runs every check and answers what would be written, plus `permission_diff`, without committing anything.",
    }),
  ),
};

/** One member's change in what they may do, as a dry run predicts it. */
export const PermissionChangeSchema = Type.Object(
  {
    membership_id: Type.String(),
    gained: Type.Array(Type.Enum([...PERMISSIONS])),
    lost: Type.Array(Type.Enum([...PERMISSIONS])),
  },
  { title: "PermissionChange" },
);

/**
 * A write's answer, which under `?dry_run=true` also carries `permission_diff`: one entry per
 * affected member. Absent otherwise, so a Close client's bytes do not change.
 */
export function WithPermissionDiff<T extends TProperties>(schema: TObject<T>) {
  return Type.Object({
    ...schema.properties,
    permission_diff: Type.Optional(
      Type.Array(PermissionChangeSchema, { description: "Dry runs only (Roster extension)." }),
    ),
  });
}
