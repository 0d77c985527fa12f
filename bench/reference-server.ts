import { createServer } from "node:http";

/**
 * The yardstick: a bare `node:http` server that reads the request body and answers every
 * PUT and GET with a small fixed JSON body. It does what any Node HTTP server must do and
 * nothing else, so Roster's req/s divided by its req/s is the share of the machine that
 * Roster's own work (routing, auth, validation, the database, serialization) leaves.
 */
const BODY = JSON.stringify({ id: "memb_reference", role_id: "user", ok: true });
const LENGTH = Buffer.byteLength(BODY);

const server = createServer((request, response) => {
  request.on("data", () => {});
  request.on("end", () => {
    const known = request.method === "PUT" || request.method === "GET";
    response.writeHead(known ? 200 : 405, {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Length": LENGTH,
    });
    response.end(BODY);
  });
});
server.keepAliveTimeout = 65_000;

const port = Number(process.env.PORT ?? 8090);
server.listen(port, process.env.HOST ?? "127.0.0.1", () => {
  process.stdout.write(`reference server listening on ${port}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
