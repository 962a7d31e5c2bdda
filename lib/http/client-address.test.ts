import { describe, expect, it } from "vitest";
import { clientAddress, UNKNOWN_CLIENT } from "./client-address";

const h = (init: Record<string, string>) => new Headers(init);

describe("clientAddress", () => {
  it("ignores X-Forwarded-For and X-Real-IP without a trusted proxy: the client wrote them", () => {
    expect(clientAddress(h({ "x-forwarded-for": "198.51.100.9" }), 0)).toBe(UNKNOWN_CLIENT);
    expect(clientAddress(h({ "x-real-ip": "198.51.100.9" }), 0)).toBe(UNKNOWN_CLIENT);
    expect(clientAddress(h({}), 0)).toBe(UNKNOWN_CLIENT);
  });
  it("reads the entry the outermost trusted proxy appended, counting from the right", () => {
    const chain = h({ "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.2" });
    expect(clientAddress(chain, 1)).toBe("10.0.0.2");
    expect(clientAddress(chain, 2)).toBe("203.0.113.7");
    expect(clientAddress(h({ "x-forwarded-for": " 203.0.113.7 " }), 2)).toBe("203.0.113.7");
  });
  it("falls back to a trusted proxy's X-Real-IP, then to the shared bucket", () => {
    expect(clientAddress(h({ "x-real-ip": "203.0.113.8" }), 1)).toBe("203.0.113.8");
    expect(clientAddress(h({ "x-forwarded-for": " , " }), 1)).toBe(UNKNOWN_CLIENT);
  });
});
