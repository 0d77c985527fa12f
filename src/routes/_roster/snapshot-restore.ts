import { RosterError } from "../../errors.ts";
import { errorResponses } from "../../schemas/common.ts";
import type { ControlRoute } from "../../testing/controls.ts";
import {
  CONTROL_SERVERS,
  CONTROL_TAG,
  EmptyObject,
  SnapshotParams,
} from "../../testing/schemas.ts";

/** `POST /_roster/snapshots/{id}/restore`: the database exactly as the snapshot saw it; `{}`. */
export const registerRestoreSnapshot: ControlRoute = (app, double) => {
  app.post(
    "/_roster/snapshots/:id/restore",
    {
      schema: {
        operationId: "restoreSnapshot",
        summary: "Restore a database snapshot",
        tags: [CONTROL_TAG],
        servers: CONTROL_SERVERS,
        params: SnapshotParams,
        response: { 200: EmptyObject, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      if (!(await double.snapshots.restore(request.params.id)))
        throw RosterError.notFound("Snapshot");
      return {};
    },
  );
};
