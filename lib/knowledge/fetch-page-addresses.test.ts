import dns from "node:dns";
import http from "node:http";
import { describe, expect, it, vi } from "vitest";
import { fetchPage } from "./fetch-page";
import { ALLOW_LOCAL, expectCode, fakeDns, html, redirect, withTestServers } from "./fetch-page-test-support";

const servers = withTestServers();

describe("fetchPage with default options", () => {
  it("refuses loopback in every spelling WHATWG URL turns into one, without a request reaching the server", async () => {
    servers.main.route("/", html("secret"));
    const urls = [
      `${servers.main.origin}/`,
      `http://localhost:${servers.main.port}/`,
      `http://LOCALHOST:${servers.main.port}/`,
      `http://2130706433:${servers.main.port}/`,
      `http://0x7f.1:${servers.main.port}/`,
      `http://0x7f000001:${servers.main.port}/`,
      `http://017700000001:${servers.main.port}/`,
      `http://127.1:${servers.main.port}/`,
      `http://[::ffff:127.0.0.1]:${servers.main.port}/`,
      `http://[::ffff:7f00:1]:${servers.main.port}/`,
      `http://[::1]:${servers.main.port}/`,
      `http://0:${servers.main.port}/`,
      `https://127.0.0.1:${servers.main.port}/`,
    ];
    for (const url of urls) {
      const error = await expectCode(fetchPage(url), "blocked_address");
      expect(error.message).toMatch(/private network/);
    }
    expect(servers.main.hits).toEqual([]);
  });

  it("refuses the cloud metadata address and other private literals before connecting", async () => {
    const connect = vi.spyOn(http, "request");
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
    // Refused before any request was made (every URL here is http:, so http.request is the only way out), rather
    // than judged by how quickly it failed.
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


describe("fetchPage checks the addresses it connects to", () => {
  it("connects to the address the checked lookup returned, sending the hostname as Host", async () => {
    let host: string | undefined;
    servers.main.route("/", (request, response) => {
      host = request.headers.host;
      html("shop front")(request, response);
    });
    fakeDns((hostname) => (hostname === "shop.example" ? [{ address: "127.0.0.1", family: 4 }] : []));
    const page = await fetchPage(`http://shop.example:${servers.main.port}/`, ALLOW_LOCAL);
    expect(page.text()).toBe("shop front");
    expect(host).toBe(`shop.example:${servers.main.port}`);
  });

  it("refuses a hostname when any one of its addresses is not allowed", async () => {
    fakeDns(() => [
      { address: "127.0.0.1", family: 4 },
      { address: "10.0.0.1", family: 4 },
    ]);
    await expectCode(fetchPage(`http://mixed.example:${servers.main.port}/`, ALLOW_LOCAL), "blocked_address");
    expect(servers.main.hits).toEqual([]);
  });

  it("re-resolves and re-checks on every hop, so a rebinding answer on the redirect is caught", async () => {
    servers.main.route("/start", redirect("/next"));
    servers.main.route("/next", html("should not be read"));
    const lookup = fakeDns((_hostname, call) => [{ address: call === 1 ? "127.0.0.1" : "127.0.0.2", family: 4 }]);
    const error = await expectCode(fetchPage(`http://rebind.example:${servers.main.port}/start`, ALLOW_LOCAL), "blocked_address");
    expect(error.message).toMatch(/redirects to a private network/);
    expect(lookup).toHaveBeenCalledTimes(2);
    expect(servers.main.hits).toEqual(["/start"]);
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
