import http, { type ServerResponse } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fetchPage } from "./fetch-page";
import { ALLOW_LOCAL, expectCode, html, redirect, startServer, withTestServers } from "./fetch-page-test-support";

const servers = withTestServers();

/** One event-loop turn (setImmediate is never faked): lets the loopback sockets move data without moving the clock. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Waits, turn by turn, for what real I/O brings about (a request reaching the test server); bounded by turns, not time. */
async function untilIo(predicate: () => boolean) {
  for (let i = 0; i < 100_000 && !predicate(); i++) await turn();
  expect(predicate()).toBe(true);
}
const turns = async (n = 50) => {
  for (let i = 0; i < n; i++) await turn();
};
/** Tracks whether a fetch has settled yet, without consuming its outcome. */
function tracked<T>(promise: Promise<T>) {
  const state = { settled: false, promise };
  promise.then(
    () => (state.settled = true),
    () => (state.settled = true),
  );
  return state;
}

describe("fetchPage from an allowed private address", () => {
  it("fetches a page, sends our headers, and decodes UTF-8", async () => {
    let seen: http.IncomingHttpHeaders = {};
    servers.main.route("/about", (request, response) => {
      seen = request.headers;
      response.writeHead(200, { "Content-Type": "text/html; charset=UTF-8" }).end("<p>Olá, marcação às 9h €</p>");
    });
    const page = await fetchPage(`${servers.main.origin}/about?x=1`, ALLOW_LOCAL);
    expect(page.status).toBe(200);
    expect(page.url).toBe(`${servers.main.origin}/about?x=1`);
    expect(page.contentType).toBe("text/html");
    expect(page.text()).toBe("<p>Olá, marcação às 9h €</p>");
    expect(page.body).toBeInstanceOf(Uint8Array);
    expect(seen["user-agent"]).toBe("FrontdeskBot/1.0 (+knowledge import)");
    expect(seen["accept-encoding"]).toBe("identity");
    expect(seen.accept).toContain("text/html");
    expect(servers.main.hits).toEqual(["/about?x=1"]);
  });

  it("decodes with the charset the page declares, and falls back to UTF-8 without one", async () => {
    servers.main.route("/latin1", (_request, response) => {
      response.writeHead(200, { "Content-Type": 'text/plain; charset="ISO-8859-1"' }).end(Buffer.from("Café crème", "latin1"));
    });
    servers.main.route("/nocharset", html("naïve", "text/plain"));
    servers.main.route("/bogus", html("naïve", "text/plain; charset=klingon"));
    const latin1 = await fetchPage(`${servers.main.origin}/latin1`, ALLOW_LOCAL);
    expect(latin1.body.length).toBe(10);
    expect(latin1.text()).toBe("Café crème");
    expect((await fetchPage(`${servers.main.origin}/nocharset`, ALLOW_LOCAL)).text()).toBe("naïve");
    expect((await fetchPage(`${servers.main.origin}/bogus`, ALLOW_LOCAL)).text()).toBe("naïve");
  });

  it("follows a redirect chain within allowed addresses and reports the final URL", async () => {
    servers.main.route("/old", redirect("/older", 301));
    servers.main.route("/older", redirect(`${servers.main.origin}/new`, 308));
    servers.main.route("/new", html("new home"));
    const page = await fetchPage(`${servers.main.origin}/old`, ALLOW_LOCAL);
    expect(page.url).toBe(`${servers.main.origin}/new`);
    expect(page.text()).toBe("new home");
    expect(servers.main.hits).toEqual(["/old", "/older", "/new"]);
  });

  it("refuses a redirect to another private address even though the first hop was allowed", async () => {
    servers.other.route("/", html("internal admin"));
    servers.main.route("/jump", redirect(`${servers.other.origin}/`));
    const error = await expectCode(fetchPage(`${servers.main.origin}/jump`, ALLOW_LOCAL), "blocked_address");
    expect(error.message).toMatch(/redirects to a private network/);
    expect(servers.other.hits).toEqual([]);
    // The same server is reachable when configuration allows it, so the refusal above came from the policy.
    expect((await fetchPage(`${servers.main.origin}/jump`, { allowCidrs: ["127.0.0.0/30"] })).text()).toBe("internal admin");
  });

  it("refuses redirects to metadata, to other schemes and to addresses with credentials", async () => {
    servers.main.route("/meta", redirect("http://169.254.169.254/latest/meta-data/"));
    servers.main.route("/ftp", redirect("ftp://127.0.0.1/"));
    servers.main.route("/file", redirect("file:///etc/passwd"));
    servers.main.route("/creds", redirect(`http://admin:admin@127.0.0.1:${servers.main.port}/`));
    await expectCode(fetchPage(`${servers.main.origin}/meta`, ALLOW_LOCAL), "blocked_address");
    await expectCode(fetchPage(`${servers.main.origin}/ftp`, ALLOW_LOCAL), "invalid_url");
    await expectCode(fetchPage(`${servers.main.origin}/file`, ALLOW_LOCAL), "invalid_url");
    await expectCode(fetchPage(`${servers.main.origin}/creds`, ALLOW_LOCAL), "invalid_url");
  });

  it("stops a redirect loop, and counts redirects against maxRedirects", async () => {
    servers.main.route("/loop", redirect("/loop"));
    await expectCode(fetchPage(`${servers.main.origin}/loop`, ALLOW_LOCAL), "too_many_redirects");
    expect(servers.main.hits.length).toBe(6);

    for (let i = 0; i < 3; i++) servers.main.route(`/hop${i}`, redirect(`/hop${i + 1}`));
    servers.main.route("/hop3", html("arrived"));
    expect((await fetchPage(`${servers.main.origin}/hop0`, { ...ALLOW_LOCAL, maxRedirects: 3 })).text()).toBe("arrived");
    await expectCode(fetchPage(`${servers.main.origin}/hop0`, { ...ALLOW_LOCAL, maxRedirects: 2 }), "too_many_redirects");
    await expectCode(fetchPage(`${servers.main.origin}/hop0`, { ...ALLOW_LOCAL, maxRedirects: 0 }), "too_many_redirects");
  });

});

describe("fetchPage's deadline (on a fake clock)", () => {
  // Only setTimeout is fake: fetchPage's deadline and the slow test server's delays move when the test says, while
  // sockets, and the servers' own bookkeeping, run for real.
  afterEach(() => {
    vi.useRealTimers();
  });

  it("times out a server that never answers, at the deadline and not before", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    servers.main.route("/silent", () => {
      // Never responds.
    });
    const fetching = tracked(fetchPage(`${servers.main.origin}/silent`, { ...ALLOW_LOCAL, timeoutMs: 300 }));
    await untilIo(() => servers.main.hits.includes("/silent"));
    await vi.advanceTimersByTimeAsync(299);
    await turns();
    expect(fetching.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await turns();
    expect(fetching.settled).toBe(true);
    const error = await expectCode(fetching.promise, "timeout");
    expect(error.message).toMatch(/took longer than 0.3 seconds/);
  });

  it("times out a body that keeps trickling in: the deadline is for the whole fetch, not the time between bytes", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    let answer: ServerResponse | undefined;
    servers.main.route("/trickle", (_request, response) => {
      response.writeHead(200, { "Content-Type": "text/plain" });
      response.write(".");
      answer = response;
    });
    const fetching = tracked(fetchPage(`${servers.main.origin}/trickle`, { ...ALLOW_LOCAL, timeoutMs: 300 }));
    await untilIo(() => answer !== undefined);
    // A byte every 50 ms: an idle timeout would never fire.
    for (let elapsed = 50; elapsed < 300; elapsed += 50) {
      await vi.advanceTimersByTimeAsync(50);
      answer!.write(".");
      await turns();
      expect(fetching.settled).toBe(false);
    }
    await vi.advanceTimersByTimeAsync(49);
    await turns();
    expect(fetching.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await turns();
    expect(fetching.settled).toBe(true);
    await expectCode(fetching.promise, "timeout");
  });

  it("times out a redirect chain that is slow as a whole, though each hop is well under the limit", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    servers.main.route("/slow-hop", (_request, response) => {
      setTimeout(() => response.writeHead(302, { Location: "/slow-hop" }).end(), 150);
    });
    const fetching = tracked(fetchPage(`${servers.main.origin}/slow-hop`, { ...ALLOW_LOCAL, timeoutMs: 400, maxRedirects: 20 }));
    // Two hops of 150 ms each answered; the third is waiting when the 400 ms are up.
    for (const hop of [1, 2]) {
      await untilIo(() => servers.main.hits.length === hop);
      await vi.advanceTimersByTimeAsync(150);
    }
    await untilIo(() => servers.main.hits.length === 3);
    await vi.advanceTimersByTimeAsync(99);
    await turns();
    expect(fetching.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await turns();
    expect(fetching.settled).toBe(true);
    await expectCode(fetching.promise, "timeout");
    expect(servers.main.hits).toEqual(["/slow-hop", "/slow-hop", "/slow-hop"]);
  });
});

describe("fetchPage from an allowed private address, continued", () => {

  it("turns a non-2xx answer into http_error with the status", async () => {
    servers.main.route("/gone", (_request, response) => void response.writeHead(500, { "Content-Type": "text/html" }).end("oops"));
    servers.main.route("/naked-redirect", (_request, response) => void response.writeHead(302).end());
    const missing = await expectCode(fetchPage(`${servers.main.origin}/missing`, ALLOW_LOCAL), "http_error");
    expect(missing.status).toBe(404);
    expect(missing.message).toMatch(/^The page answered 404 Not Found\./);
    const broken = await expectCode(fetchPage(`${servers.main.origin}/gone`, ALLOW_LOCAL), "http_error");
    expect(broken.status).toBe(500);
    expect(broken.message).toMatch(/try again later/i);
    expect((await expectCode(fetchPage(`${servers.main.origin}/naked-redirect`, ALLOW_LOCAL), "http_error")).status).toBe(302);
  });

  it("refuses content types outside accept, naming the type", async () => {
    servers.main.route("/logo.png", html("\x89PNG", "image/png"));
    servers.main.route("/untyped", (_request, response) => void response.writeHead(200).end("?"));
    servers.main.route("/feed", html("<rss/>", "application/rss+xml"));
    const error = await expectCode(fetchPage(`${servers.main.origin}/logo.png`, ALLOW_LOCAL), "unsupported_content");
    expect(error.message).toContain("image/png");
    await expectCode(fetchPage(`${servers.main.origin}/untyped`, ALLOW_LOCAL), "unsupported_content");
    await expectCode(fetchPage(`${servers.main.origin}/feed`, ALLOW_LOCAL), "unsupported_content");
    const feed = await fetchPage(`${servers.main.origin}/feed`, { ...ALLOW_LOCAL, accept: ["application/rss+xml"] });
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
    await expect(fetchPage(`${servers.main.origin}/`, { allowCidrs: ["127.0.0.1/99"] })).rejects.toThrow(RangeError);
    await expect(fetchPage(`${servers.main.origin}/`, { timeoutMs: 0 })).rejects.toThrow(RangeError);
    expect(servers.main.hits).toEqual([]);
  });
});

