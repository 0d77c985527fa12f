import { errorResponses } from "../../schemas/common.ts";
import type { ControlRoute } from "../../testing/controls.ts";
import { CONTROL_SERVERS, CONTROL_TAG, SnapshotResponse } from "../../testing/schemas.ts";

/** `POST /_roster/snapshots`: captures the whole database; `{"id": "snap_..."}`. */
export const registerCreateSnapshot: ControlRoute = (app, double) => {
  app.post(
    "/_roster/snapshots",
    {
      schema: {
        operationId: "createSnapshot",
        summary: "Take a database snapshot",
        tags: [CONTROL_TAG],
        servers: CONTROL_SERVERS,
        response: { 200: SnapshotResponse, ...errorResponses(401) },
      },
    },
    async () => ({ id: await double.snapshots.take() }),
  );
};
