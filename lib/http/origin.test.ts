import { describe, expect, it } from "vitest";
import { assertSameOrigin, hostAllowed } from "./origin";

const embedded = { mode: "embedded", appUrl: "http://localhost:3000" } as const;
const hosted = { mode: "hosted", appUrl: "https://desk.example.com" } as const;
const post = (headers: Record<string, string>) => new Request("https://desk.example.com/api/x", { method: "POST", headers });

describe("hostAllowed", () => {
  it("embedded: this machine's names and APP_URL's, on any port", () => {
    for (const host of ["localhost:3000", "127.0.0.1", "[::1]:8080", "Localhost:1"]) expect(hostAllowed(host, embedded), host).toBe(true);
    expect(hostAllowed("desk.lan:3000", { mode: "embedded", appUrl: "http://desk.lan:3000" })).toBe(true);
    for (const host of ["evil.example", "127.0.0.2", "0.0.0.0:3000", "localhost@evil.example", "localhost/x", "", null]) {
      expect(hostAllowed(host, embedded), String(host)).toBe(false);
    }
  });
  it("hosted: not checked (real domains, previews and health checks)", () => {
    expect(hostAllowed("anything.example", hosted)).toBe(true);
  });
});

describe("assertSameOrigin", () => {
  it("hosted: only APP_URL's origin, never the Host the request names", () => {
    expect(() => assertSameOrigin(post({ origin: "https://desk.example.com" }), hosted)).not.toThrow();
    expect(() => assertSameOrigin(post({ host: "other.example", origin: "https://other.example" }), hosted)).toThrow(
      expect.objectContaining({ status: 403, code: "cross_origin_request" }),
    );
    expect(() => assertSameOrigin(post({ origin: "https://app.desk.example.com", "sec-fetch-site": "same-site" }), hosted)).toThrow();
  });
  it("passes requests without browser headers and same-origin ones", () => {
    expect(() => assertSameOrigin(post({}), hosted)).not.toThrow();
    expect(() => assertSameOrigin(post({ "sec-fetch-site": "same-origin" }), hosted)).not.toThrow();
    expect(() => assertSameOrigin(post({ "sec-fetch-site": "none" }), embedded)).not.toThrow();
  });
});
