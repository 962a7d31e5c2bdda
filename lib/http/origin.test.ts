import { afterEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { fromChatFrame, permittedParentOrigin } from "@/lib/widget/server/origin";
import { assertSameOrigin, hostAllowed, isLoopback, isOwnOrigin } from "./origin";

const embedded = { mode: "embedded" as const, appUrl: "http://localhost:3000", appOrigins: [] as string[] };
const hosted = { mode: "hosted" as const, appUrl: "https://desk.example.com", appOrigins: [] as string[] };
const post = (headers: Record<string, string>) => new Request("https://desk.example.com/api/x", { method: "POST", headers });
const refused = expect.objectContaining({ status: 403, code: "cross_origin_request" });

describe("isLoopback", () => {
  it("is localhost, all of 127.0.0.0/8 and ::1, in any case, bracketed or not", () => {
    for (const name of ["localhost", "LOCALHOST", "127.0.0.1", "127.0.0.2", "127.1.2.3", "127.255.255.255", "::1", "[::1]"]) {
      expect(isLoopback(name), name).toBe(true);
    }
  });
  it("is nothing else: every address, other machines, look-alike names", () => {
    for (const name of ["0.0.0.0", "::", "[::2]", "10.0.0.1", "128.0.0.1", "127.0.0.256", "127.0.0", "127.0.0.1.nip.io", "localhost.example.com", "", null, undefined]) {
      expect(isLoopback(name), String(name)).toBe(false);
    }
  });
});

describe("hostAllowed", () => {
  it("embedded: this machine's names and APP_URL's, on any port", () => {
    for (const host of ["localhost:3000", "127.0.0.1", "[::1]:8080", "Localhost:1"]) expect(hostAllowed(host, embedded), host).toBe(true);
    expect(hostAllowed("desk.lan:3000", { ...embedded, appUrl: "http://desk.lan:3000" })).toBe(true);
    for (const host of ["evil.example", "0.0.0.0:3000", "localhost@evil.example", "localhost/x", "127.0.0.1.nip.io", "", null]) {
      expect(hostAllowed(host, embedded), String(host)).toBe(false);
    }
  });
  it("embedded: every loopback address the local mailbox counts as this machine (HOST=127.0.0.2 is served, not a 421)", () => {
    for (const host of ["127.0.0.2:3000", "127.1.2.3", "[::1]"]) expect(hostAllowed(host, embedded), host).toBe(true);
  });
  it("embedded: APP_ORIGINS' host names too", () => {
    const lan = { ...embedded, appOrigins: ["http://frontdesk.lan:8080"] };
    expect(hostAllowed("frontdesk.lan:8080", lan)).toBe(true);
    expect(hostAllowed("frontdesk.lan.evil.example", lan)).toBe(false);
  });
  it("hosted: not checked (real domains, previews and health checks)", () => {
    expect(hostAllowed("anything.example", hosted)).toBe(true);
  });
});

describe("assertSameOrigin", () => {
  it("hosted: only APP_URL's origin, never the Host the request names", () => {
    expect(() => assertSameOrigin(post({ origin: "https://desk.example.com" }), hosted)).not.toThrow();
    expect(() => assertSameOrigin(post({ host: "other.example", origin: "https://other.example" }), hosted)).toThrow(refused);
    expect(() => assertSameOrigin(post({ origin: "https://app.desk.example.com", "sec-fetch-site": "same-site" }), hosted)).toThrow();
  });
  it("passes requests without browser headers and same-origin ones", () => {
    expect(() => assertSameOrigin(post({}), hosted)).not.toThrow();
    expect(() => assertSameOrigin(post({ "sec-fetch-site": "same-origin" }), hosted)).not.toThrow();
    expect(() => assertSameOrigin(post({ "sec-fetch-site": "none" }), embedded)).not.toThrow();
  });
  it("accepts the APP_ORIGINS a deployment is also served on (a preview, a second domain), in both modes", () => {
    const preview = "https://preview-42.desk.example.com";
    for (const config of [
      { ...hosted, appOrigins: [preview, "https://desk.example.org"] },
      { ...embedded, appOrigins: [preview, "https://desk.example.org"] },
    ]) {
      for (const origin of [preview, "https://desk.example.org"]) {
        expect(() => assertSameOrigin(post({ origin, "sec-fetch-site": "same-origin" }), config), `${config.mode} ${origin}`).not.toThrow();
      }
      // Only those: a sibling preview, another scheme or port, and a page that says it is another site are still refused.
      const others: Record<string, string>[] = [
        { origin: "https://preview-43.desk.example.com" },
        { origin: "http://preview-42.desk.example.com" },
        { origin: "https://preview-42.desk.example.com:8443" },
        { origin: preview, "sec-fetch-site": "cross-site" },
      ];
      for (const headers of others) {
        expect(() => assertSameOrigin(post(headers), config), `${config.mode} ${JSON.stringify(headers)}`).toThrow(refused);
      }
    }
  });
});

describe("isOwnOrigin: the one own-origin check (CSRF and the chat frame)", () => {
  const at = (headers: Record<string, string>) => new Request("http://10.0.0.5:3000/api/widget/messages", { method: "POST", headers });

  it("hosted: trusts neither Host nor X-Forwarded-Proto, which the sender writes", () => {
    const spoofed = at({ host: "evil.example", "x-forwarded-proto": "https", origin: "https://evil.example" });
    expect(isOwnOrigin("https://evil.example", spoofed, hosted)).toBe(false);
    expect(isOwnOrigin("https://desk.example.com", spoofed, hosted)).toBe(true);
  });
  it("embedded: the request's own host once it passed the Host check, never an arbitrary one", () => {
    expect(isOwnOrigin("http://127.0.0.1:3000", at({ host: "127.0.0.1:3000" }), embedded)).toBe(true);
    expect(isOwnOrigin("http://evil.example:3000", at({ host: "evil.example:3000" }), embedded)).toBe(false);
    expect(isOwnOrigin("http://127.0.0.1:3000/path", at({ host: "127.0.0.1:3000" }), embedded)).toBe(false);
    expect(isOwnOrigin("null", at({ host: "127.0.0.1:3000" }), embedded)).toBe(false);
  });
});

describe("the chat frame uses the same check", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    resetConfigForTests();
  });
  const useHosted = (extra: Record<string, string> = {}) => {
    Object.assign(process.env, {
      FRONTDESK_MODE: "hosted",
      DATABASE_URL: "postgres://u:p@db.example:5432/postgres",
      NEXT_PUBLIC_SUPABASE_URL: "https://project.supabase.example",
      NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: "sb_publishable_x",
      APP_URL: "https://desk.example.com",
      ...extra,
    });
    resetConfigForTests();
  };

  it("hosted: a script on a page whose name reaches the app (Host) is not the chat frame, nor a parent it may talk to", () => {
    useHosted();
    const call = (origin: string) =>
      new Request("https://desk.example.com/api/widget/messages", {
        method: "POST",
        headers: { host: "evil.example", "x-forwarded-proto": "https", origin },
      });
    expect(fromChatFrame(call("https://evil.example"))).toBe(false);
    expect(fromChatFrame(call("https://desk.example.com"))).toBe(true);
    const frame = new Request("https://desk.example.com/widget/frame?key=pk_x&origin=https%3A%2F%2Fevil.example", {
      headers: { host: "evil.example", "x-forwarded-proto": "https" },
    });
    expect(() => permittedParentOrigin(frame, ["https://lumen.example"])).toThrow(expect.objectContaining({ code: "origin_not_allowed" }));
  });

  it("hosted: APP_ORIGINS count as the app's own for the frame's API calls", () => {
    useHosted({ APP_ORIGINS: "https://preview-42.desk.example.com" });
    const call = new Request("https://preview-42.desk.example.com/api/widget/messages", {
      method: "POST",
      headers: { origin: "https://preview-42.desk.example.com" },
    });
    expect(fromChatFrame(call)).toBe(true);
  });
});
