import net from "node:net";

/** A response read off a raw socket, and how the server ended the connection. */
export interface RawExchange {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** "end": the server closed cleanly (FIN); "reset": ECONNRESET; "open": still open at `waitMs`. */
  ending: "end" | "reset" | "open";
}

/** Splits the first HTTP/1.1 response out of `text` (Content-Length framed). */
export function parseResponse(text: string): Omit<RawExchange, "ending"> | undefined {
  const headEnd = text.indexOf("\r\n\r\n");
  if (headEnd < 0) return undefined;
  const [statusLine = "", ...lines] = text.slice(0, headEnd).split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers["content-length"] ?? 0);
  return {
    status: Number(statusLine.split(" ")[1]),
    headers,
    body: text.slice(headEnd + 4, headEnd + 4 + length),
  };
}

/**
 * Sends `request` (raw bytes, exactly as given) and reads until the server closes the
 * connection or `waitMs` passes with it open. For requests no HTTP client would send.
 */
export function rawExchange(
  port: number,
  request: string | Buffer,
  options: { waitMs?: number; localAddress?: string } = {},
): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: "127.0.0.1", localAddress: options.localAddress });
    const chunks: Buffer[] = [];
    let ending: RawExchange["ending"] | undefined;
    const finish = () => {
      clearTimeout(timer);
      const parsed = parseResponse(Buffer.concat(chunks).toString("utf8"));
      if (!parsed) {
        reject(new Error(`no HTTP response (${ending}): ${Buffer.concat(chunks).toString()}`));
        return;
      }
      resolve({ ...parsed, ending: ending ?? "open" });
    };
    const timer = setTimeout(() => {
      ending = "open";
      socket.destroy();
    }, options.waitMs ?? 30_000);
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("end", () => {
      ending ??= "end";
      socket.end();
    });
    socket.on("error", (error: NodeJS.ErrnoException) => {
      ending ??= error.code === "ECONNRESET" ? "reset" : "end";
    });
    socket.on("close", finish);
    socket.on("connect", () => socket.write(request));
  });
}
