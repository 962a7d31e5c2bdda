import { describe, expect, it } from "vitest";
import { redact } from "./index";

describe("redact", () => {
  it("replaces secrets and message bodies at any depth", () => {
    const out = redact({
      route: "auth.sign-in",
      password: "hunter2-Secret",
      headers: { authorization: "Bearer abc", cookie: "fd-access-token=x" },
      message: { content: "my card number is 4111" },
      refresh_token: "r",
      businessId: "b1",
    });
    const text = JSON.stringify(out);
    expect(text).not.toMatch(/hunter2|Bearer abc|4111|fd-access-token/);
    expect(out).toMatchObject({ route: "auth.sign-in", businessId: "b1" });
  });
  it("keeps only the name and message of errors", () => {
    expect(redact({ error: new TypeError("boom") })).toEqual({ error: { name: "TypeError", message: "boom" } });
  });
});
