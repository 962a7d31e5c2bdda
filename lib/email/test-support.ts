import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export type RecordedEmail = { path: string; auth: string | undefined; body: { from: string; to: string[]; subject: string; text: string } };

/** A local stand-in for the email API (lib/email/sender) that records what it receives and can be told to fail. */
export function fakeEmailApi() {
  const received: RecordedEmail[] = [];
  let failWith = 0;
  const server = createServer((req: IncomingMessage, res) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => {
      if (failWith) {
        res.writeHead(failWith).end();
        return;
      }
      received.push({ path: req.url ?? "", auth: req.headers.authorization, body: JSON.parse(data) });
      res.writeHead(200, { "content-type": "application/json" }).end('{"id":"em_1"}');
    });
  });
  return {
    received,
    fail: (status: number) => (failWith = status),
    start: () => new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
