import dns2 from "dns2";

/**
 * A real DNS server on a free UDP port of 127.0.0.1 that answers TXT questions from a table
 * the test fills in: what Roster's domain verification reads through DNS_RESOLVER.
 */
export interface TestDnsServer {
  /** `127.0.0.1:<port>`: the value of DNS_RESOLVER. */
  address: string;
  /** Replaces the TXT records of `domain` (none: the name has no TXT records). */
  setTxt(domain: string, records: string[]): void;
  close(): Promise<void>;
}

export async function startDnsServer(): Promise<TestDnsServer> {
  const records = new Map<string, string[]>();
  const server = dns2.createServer({
    udp: true,
    handle(request, send) {
      const response = dns2.Packet.createResponseFromRequest(request);
      for (const question of request.questions) {
        if (question.type !== dns2.Packet.TYPE.TXT) continue;
        for (const data of records.get(question.name.toLowerCase()) ?? []) {
          response.answers.push({
            name: question.name,
            type: dns2.Packet.TYPE.TXT,
            class: dns2.Packet.CLASS.IN,
            ttl: 1,
            data,
            // dns2's types want a decoded Resource; its encoder takes this plain form.
          } as never);
        }
      }
      send(response);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: "127.0.0.1" } });
  if (!addresses.udp) throw new Error("the DNS server did not listen on UDP");
  return {
    address: `127.0.0.1:${addresses.udp.port}`,
    setTxt(domain, txt) {
      records.set(domain.toLowerCase(), txt);
    },
    close: () => server.close(),
  };
}
