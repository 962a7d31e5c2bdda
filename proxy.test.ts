import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { localMailboxServed } from "@/lib/email/local-mailbox";
import * as proxyModule from "./proxy";
import { proxy } from "./proxy";

const savedEnv = { ...process.env };
afterEach(() => {
  process.env = { ...savedEnv };
  resetConfigForTests();
  vi.restoreAllMocks();
});

/** A request as the embedded server receives it: the URL is the server's, the Host header is what the browser sent. */
const at = (path: string, host: string | null) => {
  const headers = new Headers();
  if (host !== null) headers.set("host", host);
  return new NextRequest(`http://127.0.0.1:3000${path}`, { headers });
};
const passed = (response: Response) => response.status === 200 && response.headers.get("x-middleware-next") === "1";

// Every kind of path, including those the proxy's old matcher left out (static files, the widget, the health check).
const PATHS = ["/api/health", "/api/dev/mailbox", "/api/widget/config?key=pk_x", "/widget.js", "/widget/frame", "/_next/static/chunks/app.js", "/sw.js", "/icons/icon-192.png", "/sign-in", "/b/00000000-0000-4000-b000-00000000000a/inbox", "/"];

describe("proxy: the DNS-rebinding defence (embedded mode)", () => {
  it.each(["evil.example", "evil.example:3000", "localhost.evil.example", "127.0.0.1.nip.io:3000", "[::2]:3000", "10.0.0.7:3000", "", "local host"])(
    "refuses Host %j on every path with 421",
    async (host) => {
      vi.spyOn(process.stderr, "write").mockImplementation(() => true);
      for (const path of PATHS) {
        const response = await proxy(at(path, host));
        expect(response.status, path).toBe(421);
        if (path.startsWith("/api/")) {
          expect((await response.json()).error.code, path).toBe("host_not_allowed");
        } else {
          expect(await response.text(), path).toMatch(/only answers on its own address/);
        }
      }
    },
  );

  it("runs on every path: no matcher leaves static files, the widget or the health check out", () => {
    expect("config" in proxyModule).toBe(false);
  });

  it("refuses a request without a Host header", async () => {
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect((await proxy(at("/api/health", null))).status).toBe(421);
  });

  it.each(["localhost:3000", "localhost:3210", "LOCALHOST:3210", "localhost", "127.0.0.1:3000", "127.0.0.1:4123", "[::1]:3000"])(
    "serves Host %j (any port: the name is what a rebinding page cannot fake)",
    async (host) => {
      // Served: passed on, or (a dashboard page, signed out) sent to sign in.
      for (const path of PATHS) expect((await proxy(at(path, host))).status, `${host} ${path}`).not.toBe(421);
    },
  );

  it("serves APP_URL's host name, and still refuses others", async () => {
    process.env.APP_URL = "http://frontdesk.lan:8080";
    resetConfigForTests();
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(passed(await proxy(at("/api/health", "frontdesk.lan:8080")))).toBe(true);
    expect(passed(await proxy(at("/sign-in", "frontdesk.lan")))).toBe(true);
    expect((await proxy(at("/api/health", "frontdesk.lan.evil.example"))).status).toBe(421);
  });

  it("serves every loopback address the local mailbox is served on: one definition of this machine", async () => {
    for (const host of ["127.0.0.2", "127.1.2.3", "::1", "localhost"]) {
      process.env.HOST = host;
      resetConfigForTests();
      expect(localMailboxServed(), host).toBe(true);
      const hostHeader = host.includes(":") ? `[${host}]:3000` : `${host}:3000`;
      for (const path of PATHS) expect((await proxy(at(path, hostHeader))).status, `${hostHeader} ${path}`).not.toBe(421);
    }
  });

  it("serves APP_ORIGINS' host names, and still refuses others", async () => {
    process.env.APP_ORIGINS = "http://frontdesk.lan:8080, http://desk.home.arpa";
    resetConfigForTests();
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(passed(await proxy(at("/api/health", "frontdesk.lan:8080")))).toBe(true);
    expect(passed(await proxy(at("/sign-in", "desk.home.arpa")))).toBe(true);
    expect((await proxy(at("/api/health", "frontdesk.lan.evil.example"))).status).toBe(421);
  });

  it("keeps renewing sessions and redirecting signed-out visitors only where it did before", async () => {
    const page = await proxy(at("/b/00000000-0000-4000-b000-00000000000a/inbox", "localhost:3000"));
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toContain("/sign-in?next=");
    const asset = await proxy(at("/widget/frame", "localhost:3000"));
    expect(passed(asset)).toBe(true);
    expect(asset.headers.get("x-request-id")).toBeNull();
  });
});

describe("proxy in hosted mode", () => {
  it("answers any Host: hosted deployments sit behind real domains", async () => {
    Object.assign(process.env, {
      FRONTDESK_MODE: "hosted",
      DATABASE_URL: "postgres://u:p@db.example:5432/postgres",
      NEXT_PUBLIC_SUPABASE_URL: "https://project.supabase.example",
      NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: "sb_publishable_x",
      APP_URL: "https://desk.example.com",
    });
    resetConfigForTests();
    expect(passed(await proxy(at("/api/health", "preview-123.desk.example.com")))).toBe(true);
    expect(passed(await proxy(at("/widget.js", "10.0.0.7:3000")))).toBe(true);
  });
});
