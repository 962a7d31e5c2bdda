// Shared by the fetchPage tests: real loopback HTTP servers, a fake resolver, and error matchers.
import dns, { type LookupAddress } from "node:dns";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, expect, vi } from "vitest";
import { PageFetchError, type FetchPageOptions, type PageFetchErrorCode } from "./fetch-page";

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A real HTTP server on one loopback address, answering from a path → handler table and counting requests. */
export interface TestServer {
  origin: string;
  port: number;
  hits: string[];
  route(path: string, handler: Handler): void;
  close(): Promise<void>;
}

export async function startServer(host: string): Promise<TestServer> {
  const routes = new Map<string, Handler>();
  const hits: string[] = [];
  const server = http.createServer((request, response) => {
    hits.push(request.url ?? "");
    const handler = routes.get(new URL(request.url ?? "/", "http://x").pathname);
    if (handler) return handler(request, response);
    response.writeHead(404, { "Content-Type": "text/html" }).end("<h1>Not here</h1>");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    hits,
    route: (path, handler) => void routes.set(path, handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const ALLOW_LOCAL: FetchPageOptions = { allowCidrs: ["127.0.0.1/32"] };

/** Resolves to the PageFetchError the call failed with, and fails the test if it succeeded or threw anything else. */
export async function failure(promise: Promise<unknown>): Promise<PageFetchError> {
  const error: unknown = await promise.then(
    () => new Error("expected fetchPage to fail, but it succeeded"),
    (reason: unknown) => reason,
  );
  if (!(error instanceof PageFetchError)) throw error;
  return error;
}

export async function expectCode(promise: Promise<unknown>, code: PageFetchErrorCode): Promise<PageFetchError> {
  const error = await failure(promise);
  expect(error.code, error.message).toBe(code);
  return error;
}

/** Swaps in fixed DNS answers, so hostnames (and a rebinding resolver) can be tested without a network. */
export function fakeDns(answer: (hostname: string, call: number) => LookupAddress[]) {
  let calls = 0;
  const lookup = (
    hostname: string,
    _options: unknown,
    callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
  ) => {
    const addresses = answer(hostname, ++calls);
    setImmediate(() => callback(null, addresses));
  };
  return vi.spyOn(dns, "lookup").mockImplementation(lookup as unknown as typeof dns.lookup);
}

export const html = (body: string, type = "text/html; charset=utf-8"): Handler => (_request, response) => {
  response.writeHead(200, { "Content-Type": type }).end(body);
};
export const redirect = (location: string, status = 302): Handler => (_request, response) => {
  response.writeHead(status, { Location: location }).end();
};

/** Two servers, on 127.0.0.1 and 127.0.0.2, started once per file; mocks and request logs reset after each test. */
export function withTestServers(): { readonly main: TestServer; readonly other: TestServer } {
  let main: TestServer | undefined;
  let other: TestServer | undefined;
  beforeAll(async () => {
    main = await startServer("127.0.0.1");
    other = await startServer("127.0.0.2");
  });
  afterAll(async () => {
    await Promise.all([main?.close(), other?.close()]);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    if (main) main.hits.length = 0;
    if (other) other.hits.length = 0;
  });
  const started = (server: TestServer | undefined) => {
    if (!server) throw new Error("test servers not started");
    return server;
  };
  return {
    get main() {
      return started(main);
    },
    get other() {
      return started(other);
    },
  };
}
