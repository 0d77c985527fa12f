import type { Server, ServerOptions } from "node:http";
import type { ConnectionLimits } from "../config.ts";

/**
 * Node's own timers for slow clients: headers must arrive within `headersTimeoutMs`, the
 * whole request within `requestTimeoutMs` (Fastify sets that one). Node checks them on an
 * interval (30 s by default), which would let a slow client overstay a short timeout by that
 * much; a quarter of the headers timeout keeps the overstay small.
 */
export function serverTimeouts(limits: ConnectionLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    connectionsCheckingInterval: Math.max(250, Math.min(5000, limits.headersTimeoutMs / 4)),
  };
}

/**
 * Caps the connections one client address holds open: a connection beyond `max` is closed
 * as soon as it is accepted, before it costs a parser or a request. Many slow sockets from
 * one address (a slowloris) then cannot use up the server for everyone else. The table
 * holds one entry per address with an open connection, so it is bounded by the open
 * connections themselves.
 */
export function limitConnectionsPerAddress(server: Server, max: number): void {
  const open = new Map<string, number>();
  server.on("connection", (socket) => {
    const address = socket.remoteAddress ?? "";
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once("close", () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
