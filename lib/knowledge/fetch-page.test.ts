import dns, { type LookupAddress } from "node:dns";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { fetchPage, PageFetchError, type FetchPageOptions, type PageFetchErrorCode } from "./fetch-page";

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A real HTTP server on one loopback address, answering from a path → handler table and counting requests. */
interface TestServer {
  origin: string;
  port: number;
  hits: string[];
  route(path: string, handler: Handler): void;
  close(): Promise<void>;
}

async function startServer(host: string): Promise<TestServer> {
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

const ALLOW_LOCAL: FetchPageOptions = { allowCidrs: ["127.0.0.1/32"] };

/** Resolves to the PageFetchError the call failed with, and fails the test if it succeeded or threw anything else. */
async function failure(promise: Promise<unknown>): Promise<PageFetchError> {
  const error: unknown = await promise.then(
    () => new Error("expected fetchPage to fail, but it succeeded"),
    (reason: unknown) => reason,
  );
  if (!(error instanceof PageFetchError)) throw error;
  return error;
}

async function expectCode(promise: Promise<unknown>, code: PageFetchErrorCode): Promise<PageFetchError> {
  const error = await failure(promise);
  expect(error.code, error.message).toBe(code);
  return error;
}

/** Swaps in fixed DNS answers, so hostnames (and a rebinding resolver) can be tested without a network. */
function fakeDns(answer: (hostname: string, call: number) => LookupAddress[]) {
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

const html = (body: string, type = "text/html; charset=utf-8"): Handler => (_request, response) => {
  response.writeHead(200, { "Content-Type": type }).end(body);
};
const redirect = (location: string, status = 302): Handler => (_request, response) => {
  response.writeHead(status, { Location: location }).end();
};

let main: TestServer;
let other: TestServer;

beforeAll(async () => {
  main = await startServer("127.0.0.1");
  other = await startServer("127.0.0.2");
});
afterAll(async () => {
  await Promise.all([main.close(), other.close()]);
});
afterEach(() => {
  vi.restoreAllMocks();
  main.hits.length = 0;
  other.hits.length = 0;
});

describe("fetchPage with default options", () => {
  it("refuses loopback in every spelling WHATWG URL turns into one, without a request reaching the server", async () => {
    main.route("/", html("secret"));
    const urls = [
      `${main.origin}/`,
      `http://localhost:${main.port}/`,
      `http://LOCALHOST:${main.port}/`,
      `http://2130706433:${main.port}/`,
      `http://0x7f.1:${main.port}/`,
      `http://0x7f000001:${main.port}/`,
      `http://017700000001:${main.port}/`,
      `http://127.1:${main.port}/`,
      `http://[::ffff:127.0.0.1]:${main.port}/`,
      `http://[::ffff:7f00:1]:${main.port}/`,
      `http://[::1]:${main.port}/`,
      `http://0:${main.port}/`,
      `https://127.0.0.1:${main.port}/`,
    ];
    for (const url of urls) {
      const error = await expectCode(fetchPage(url), "blocked_address");
      expect(error.message).toMatch(/private network/);
    }
    expect(main.hits).toEqual([]);
  });

  it("refuses the cloud metadata address and other private literals before connecting", async () => {
    const connect = vi.spyOn(http, "request");
    const started = Date.now();
    for (const url of [
      "http://169.254.169.254/latest/meta-data/",
      "http://[fd00::1]/",
      "http://10.0.0.1/",
      "http://192.168.1.1/",
      "http://[fe80::1]/",
      "http://[64:ff9b::a9fe:a9fe]/",
      "http://[2002:a9fe:a9fe::]/",
    ]) {
      await expectCode(fetchPage(url), "blocked_address");
    }
    // A connection attempt to an unroutable address would hang until the timeout instead.
    expect(Date.now() - started).toBeLessThan(500);
    expect(connect).not.toHaveBeenCalled();
  });

  it("rejects addresses that are not plain http(s) or that carry credentials", async () => {
    for (const url of [
      "ftp://example.com/file.txt",
      "file:///etc/passwd",
      "javascript:alert(1)",
      "gopher://127.0.0.1:70/",
      "http://user:pw@example.com/",
      "https://user@example.com/",
      "not a url",
      "",
      "//example.com/",
    ]) {
      await expectCode(fetchPage(url), "invalid_url");
    }
  });

  it("refuses a hostname whose DNS answer is private", async () => {
    const lookup = fakeDns(() => [{ address: "10.0.0.5", family: 4 }]);
    await expectCode(fetchPage("http://intranet.example/"), "blocked_address");
    expect(lookup).toHaveBeenCalledWith("intranet.example", expect.objectContaining({ all: true }), expect.any(Function));
  });
});

describe("fetchPage from an allowed private address", () => {
  it("fetches a page, sends our headers, and decodes UTF-8", async () => {
    let seen: http.IncomingHttpHeaders = {};
    main.route("/about", (request, response) => {
      seen = request.headers;
      response.writeHead(200, { "Content-Type": "text/html; charset=UTF-8" }).end("<p>Olá, marcação às 9h €</p>");
    });
    const page = await fetchPage(`${main.origin}/about?x=1`, ALLOW_LOCAL);
    expect(page.status).toBe(200);
    expect(page.url).toBe(`${main.origin}/about?x=1`);
    expect(page.contentType).toBe("text/html");
    expect(page.text()).toBe("<p>Olá, marcação às 9h €</p>");
    expect(page.body).toBeInstanceOf(Uint8Array);
    expect(seen["user-agent"]).toBe("FrontdeskBot/1.0 (+knowledge import)");
    expect(seen["accept-encoding"]).toBe("identity");
    expect(seen.accept).toContain("text/html");
    expect(main.hits).toEqual(["/about?x=1"]);
  });

  it("decodes with the charset the page declares, and falls back to UTF-8 without one", async () => {
    main.route("/latin1", (_request, response) => {
      response.writeHead(200, { "Content-Type": 'text/plain; charset="ISO-8859-1"' }).end(Buffer.from("Café crème", "latin1"));
    });
    main.route("/nocharset", html("naïve", "text/plain"));
    main.route("/bogus", html("naïve", "text/plain; charset=klingon"));
    const latin1 = await fetchPage(`${main.origin}/latin1`, ALLOW_LOCAL);
    expect(latin1.body.length).toBe(10);
    expect(latin1.text()).toBe("Café crème");
    expect((await fetchPage(`${main.origin}/nocharset`, ALLOW_LOCAL)).text()).toBe("naïve");
    expect((await fetchPage(`${main.origin}/bogus`, ALLOW_LOCAL)).text()).toBe("naïve");
  });

  it("follows a redirect chain within allowed addresses and reports the final URL", async () => {
    main.route("/old", redirect("/older", 301));
    main.route("/older", redirect(`${main.origin}/new`, 308));
    main.route("/new", html("new home"));
    const page = await fetchPage(`${main.origin}/old`, ALLOW_LOCAL);
    expect(page.url).toBe(`${main.origin}/new`);
    expect(page.text()).toBe("new home");
    expect(main.hits).toEqual(["/old", "/older", "/new"]);
  });

  it("refuses a redirect to another private address even though the first hop was allowed", async () => {
    other.route("/", html("internal admin"));
    main.route("/jump", redirect(`${other.origin}/`));
    const error = await expectCode(fetchPage(`${main.origin}/jump`, ALLOW_LOCAL), "blocked_address");
    expect(error.message).toMatch(/redirects to a private network/);
    expect(other.hits).toEqual([]);
    // The same server is reachable when configuration allows it, so the refusal above came from the policy.
    expect((await fetchPage(`${main.origin}/jump`, { allowCidrs: ["127.0.0.0/30"] })).text()).toBe("internal admin");
  });

  it("refuses redirects to metadata, to other schemes and to addresses with credentials", async () => {
    main.route("/meta", redirect("http://169.254.169.254/latest/meta-data/"));
    main.route("/ftp", redirect("ftp://127.0.0.1/"));
    main.route("/file", redirect("file:///etc/passwd"));
    main.route("/creds", redirect(`http://admin:admin@127.0.0.1:${main.port}/`));
    await expectCode(fetchPage(`${main.origin}/meta`, ALLOW_LOCAL), "blocked_address");
    await expectCode(fetchPage(`${main.origin}/ftp`, ALLOW_LOCAL), "invalid_url");
    await expectCode(fetchPage(`${main.origin}/file`, ALLOW_LOCAL), "invalid_url");
    await expectCode(fetchPage(`${main.origin}/creds`, ALLOW_LOCAL), "invalid_url");
  });

  it("stops a redirect loop, and counts redirects against maxRedirects", async () => {
    main.route("/loop", redirect("/loop"));
    await expectCode(fetchPage(`${main.origin}/loop`, ALLOW_LOCAL), "too_many_redirects");
    expect(main.hits.length).toBe(6);

    for (let i = 0; i < 3; i++) main.route(`/hop${i}`, redirect(`/hop${i + 1}`));
    main.route("/hop3", html("arrived"));
    expect((await fetchPage(`${main.origin}/hop0`, { ...ALLOW_LOCAL, maxRedirects: 3 })).text()).toBe("arrived");
    await expectCode(fetchPage(`${main.origin}/hop0`, { ...ALLOW_LOCAL, maxRedirects: 2 }), "too_many_redirects");
    await expectCode(fetchPage(`${main.origin}/hop0`, { ...ALLOW_LOCAL, maxRedirects: 0 }), "too_many_redirects");
  });

  it("times out a server that never answers", async () => {
    main.route("/silent", () => {
      // Never responds.
    });
    const started = Date.now();
    const error = await expectCode(fetchPage(`${main.origin}/silent`, { ...ALLOW_LOCAL, timeoutMs: 300 }), "timeout");
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error.message).toMatch(/took longer than 0.3 seconds/);
  });

  it("times out a body that trickles in, and a redirect chain that is slow as a whole", async () => {
    main.route("/trickle", (_request, response) => {
      response.writeHead(200, { "Content-Type": "text/plain" });
      const timer = setInterval(() => response.write("."), 50);
      response.on("close", () => clearInterval(timer));
    });
    main.route("/slow-hop", (_request, response) => {
      setTimeout(() => response.writeHead(302, { Location: "/slow-hop" }).end(), 150);
    });
    await expectCode(fetchPage(`${main.origin}/trickle`, { ...ALLOW_LOCAL, timeoutMs: 300 }), "timeout");
    // Each hop alone is well under the limit; only a deadline over the whole chain catches it.
    await expectCode(fetchPage(`${main.origin}/slow-hop`, { ...ALLOW_LOCAL, timeoutMs: 400, maxRedirects: 20 }), "timeout");
  });

  it("fails with too_large as soon as a streamed body passes maxBytes, without reading the rest", async () => {
    let sent = 0;
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
    main.route("/huge", (_request, response) => {
      response.writeHead(200, { "Content-Type": "text/plain" });
      const chunk = Buffer.alloc(16 * 1024, "a");
      const pump = () => {
        while (sent < 50 * 1024 * 1024) {
          sent += chunk.length;
          if (!response.write(chunk)) return void response.once("drain", pump);
        }
        response.end();
      };
      response.on("close", closed);
      pump();
    });
    const error = await expectCode(fetchPage(`${main.origin}/huge`, { ...ALLOW_LOCAL, maxBytes: 100_000 }), "too_large");
    expect(error.message).toMatch(/larger than 97.7 KB/);
    await connectionClosed;
    expect(sent).toBeLessThan(10 * 1024 * 1024);
  });

  it("fails at once on a declared Content-Length over maxBytes, and accepts a body of exactly maxBytes", async () => {
    main.route("/declared", (_request, response) => {
      response.writeHead(200, { "Content-Type": "text/plain", "Content-Length": String(10 * 1024 * 1024) });
      response.write("a");
    });
    main.route("/exact", html("x".repeat(1000), "text/plain"));
    await expectCode(fetchPage(`${main.origin}/declared`, ALLOW_LOCAL), "too_large");
    expect((await fetchPage(`${main.origin}/exact`, { ...ALLOW_LOCAL, maxBytes: 1000 })).body.length).toBe(1000);
    await expectCode(fetchPage(`${main.origin}/exact`, { ...ALLOW_LOCAL, maxBytes: 999 }), "too_large");
  });

  it("counts decompressed bytes, so a small compression bomb fails with too_large", async () => {
    // 16 MB of zeros against the default 5 MB cap; brotli at low quality, as its default takes seconds to compress.
    const zeros = Buffer.alloc(16 * 1024 * 1024);
    const bombs = {
      gzip: zlib.gzipSync(zeros),
      deflate: zlib.deflateSync(zeros),
      br: zlib.brotliCompressSync(zeros, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }),
    };
    expect(bombs.gzip.length).toBeLessThan(20 * 1024);
    for (const [encoding, body] of Object.entries(bombs)) {
      main.route(`/bomb-${encoding}`, (_request, response) => {
        response.writeHead(200, { "Content-Type": "text/html", "Content-Encoding": encoding }).end(body);
      });
      await expectCode(fetchPage(`${main.origin}/bomb-${encoding}`, ALLOW_LOCAL), "too_large");
    }
  });

  it("decodes gzip, zlib and raw deflate, and brotli, though it asked for no compression", async () => {
    const text = "<p>Opening hours: Mon–Fri 9–18</p>".repeat(50);
    const encoded: [string, Buffer][] = [
      ["gzip", zlib.gzipSync(text)],
      ["x-gzip", zlib.gzipSync(text)],
      ["deflate", zlib.deflateSync(text)],
      ["deflate", zlib.deflateRawSync(text)],
      ["br", zlib.brotliCompressSync(text)],
      ["identity", Buffer.from(text)],
    ];
    for (const [index, [encoding, body]] of encoded.entries()) {
      main.route(`/enc${index}`, (_request, response) => {
        response.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Encoding": encoding }).end(body);
      });
      expect((await fetchPage(`${main.origin}/enc${index}`, ALLOW_LOCAL)).text(), encoding).toBe(text);
    }
  });

  it("reports corrupt compression and unknown encodings plainly", async () => {
    main.route("/corrupt", (_request, response) => {
      response.writeHead(200, { "Content-Type": "text/html", "Content-Encoding": "gzip" }).end("definitely not gzip");
    });
    main.route("/zstd", (_request, response) => {
      response.writeHead(200, { "Content-Type": "text/html", "Content-Encoding": "zstd" }).end("whatever");
    });
    await expectCode(fetchPage(`${main.origin}/corrupt`, ALLOW_LOCAL), "network_error");
    const error = await expectCode(fetchPage(`${main.origin}/zstd`, ALLOW_LOCAL), "unsupported_content");
    expect(error.message).toContain("zstd");
  });

  it("turns a non-2xx answer into http_error with the status", async () => {
    main.route("/gone", (_request, response) => void response.writeHead(500, { "Content-Type": "text/html" }).end("oops"));
    main.route("/naked-redirect", (_request, response) => void response.writeHead(302).end());
    const missing = await expectCode(fetchPage(`${main.origin}/missing`, ALLOW_LOCAL), "http_error");
    expect(missing.status).toBe(404);
    expect(missing.message).toMatch(/^The page answered 404 Not Found\./);
    const broken = await expectCode(fetchPage(`${main.origin}/gone`, ALLOW_LOCAL), "http_error");
    expect(broken.status).toBe(500);
    expect(broken.message).toMatch(/try again later/i);
    expect((await expectCode(fetchPage(`${main.origin}/naked-redirect`, ALLOW_LOCAL), "http_error")).status).toBe(302);
  });

  it("refuses content types outside accept, naming the type", async () => {
    main.route("/logo.png", html("\x89PNG", "image/png"));
    main.route("/untyped", (_request, response) => void response.writeHead(200).end("?"));
    main.route("/feed", html("<rss/>", "application/rss+xml"));
    const error = await expectCode(fetchPage(`${main.origin}/logo.png`, ALLOW_LOCAL), "unsupported_content");
    expect(error.message).toContain("image/png");
    await expectCode(fetchPage(`${main.origin}/untyped`, ALLOW_LOCAL), "unsupported_content");
    await expectCode(fetchPage(`${main.origin}/feed`, ALLOW_LOCAL), "unsupported_content");
    const feed = await fetchPage(`${main.origin}/feed`, { ...ALLOW_LOCAL, accept: ["application/rss+xml"] });
    expect(feed.contentType).toBe("application/rss+xml");
  });

  it("fetches from an allowed IPv6 literal and still refuses it without the allowance", async (context) => {
    const v6 = await startServer("::1").catch(() => undefined);
    if (!v6) return context.skip("no IPv6 loopback here");
    try {
      v6.route("/", html("over IPv6"));
      await expectCode(fetchPage(`${v6.origin}/`, ALLOW_LOCAL), "blocked_address");
      expect((await fetchPage(`${v6.origin}/`, { allowCidrs: ["::1/128"] })).text()).toBe("over IPv6");
      expect(v6.hits).toEqual(["/"]);
    } finally {
      await v6.close();
    }
  });

  it("reports a refused connection as a network error", async () => {
    const closed = await startServer("127.0.0.1");
    await closed.close();
    const error = await expectCode(fetchPage(`${closed.origin}/`, ALLOW_LOCAL), "network_error");
    expect(error.message).toMatch(/refused the connection/);
  });

  it("rejects malformed configuration loudly rather than fetching", async () => {
    await expect(fetchPage(`${main.origin}/`, { allowCidrs: ["127.0.0.1/99"] })).rejects.toThrow(RangeError);
    await expect(fetchPage(`${main.origin}/`, { timeoutMs: 0 })).rejects.toThrow(RangeError);
    expect(main.hits).toEqual([]);
  });
});

describe("fetchPage checks the addresses it connects to", () => {
  it("connects to the address the checked lookup returned, sending the hostname as Host", async () => {
    let host: string | undefined;
    main.route("/", (request, response) => {
      host = request.headers.host;
      html("shop front")(request, response);
    });
    fakeDns((hostname) => (hostname === "shop.example" ? [{ address: "127.0.0.1", family: 4 }] : []));
    const page = await fetchPage(`http://shop.example:${main.port}/`, ALLOW_LOCAL);
    expect(page.text()).toBe("shop front");
    expect(host).toBe(`shop.example:${main.port}`);
  });

  it("refuses a hostname when any one of its addresses is not allowed", async () => {
    fakeDns(() => [
      { address: "127.0.0.1", family: 4 },
      { address: "10.0.0.1", family: 4 },
    ]);
    await expectCode(fetchPage(`http://mixed.example:${main.port}/`, ALLOW_LOCAL), "blocked_address");
    expect(main.hits).toEqual([]);
  });

  it("re-resolves and re-checks on every hop, so a rebinding answer on the redirect is caught", async () => {
    main.route("/start", redirect("/next"));
    main.route("/next", html("should not be read"));
    const lookup = fakeDns((_hostname, call) => [{ address: call === 1 ? "127.0.0.1" : "127.0.0.2", family: 4 }]);
    const error = await expectCode(fetchPage(`http://rebind.example:${main.port}/start`, ALLOW_LOCAL), "blocked_address");
    expect(error.message).toMatch(/redirects to a private network/);
    expect(lookup).toHaveBeenCalledTimes(2);
    expect(main.hits).toEqual(["/start"]);
  });

  it("reports a hostname that does not resolve as a network error", async () => {
    vi.spyOn(dns, "lookup").mockImplementation(((
      hostname: string,
      _options: unknown,
      callback: (error: NodeJS.ErrnoException | null) => void,
    ) => {
      const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
      error.code = "ENOTFOUND";
      setImmediate(() => callback(error));
    }) as unknown as typeof dns.lookup);
    const error = await expectCode(fetchPage("http://no-such-shop.example/"), "network_error");
    expect(error.message).toBe("Frontdesk could not find the website no-such-shop.example. Check the address for typos.");
  });
});
