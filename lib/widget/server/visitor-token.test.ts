import { SignJWT } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { issueVisitorToken, resetVisitorTokenKeyForTests, verifyVisitorToken } from "./visitor-token";

const businessId = "00000000-0000-4000-b000-00000000000a";
const widgetKey = `pk_${"a".repeat(32)}`;

describe("visitor tokens", () => {
  beforeEach(() => {
    process.env.WIDGET_TOKEN_SECRET = "widget-test-secret-0123456789-abcdefghij";
    resetConfigForTests();
    resetVisitorTokenKeyForTests();
  });
  afterEach(() => {
    delete process.env.WIDGET_TOKEN_SECRET;
    resetConfigForTests();
    resetVisitorTokenKeyForTests();
  });

  it("round-trips the visitor, business and key, and says when it expires (180 days on)", async () => {
    const issuedAt = Math.floor(Date.now() / 1000) * 1000;
    const { token, visitorId } = await issueVisitorToken({ businessId, widgetKey });
    const claims = await verifyVisitorToken(token);
    expect(claims).toEqual({ visitorId, businessId, widgetKey, expiresAt: expect.any(Number) });
    expect(claims!.expiresAt - issuedAt).toBeGreaterThanOrEqual(180 * 86_400_000);
    expect(claims!.expiresAt - issuedAt).toBeLessThanOrEqual(180 * 86_400_000 + 1_000);
  });

  it("refuses a tampered, foreign, expired or garbage token", async () => {
    const { token } = await issueVisitorToken({ businessId, widgetKey });
    const [header, payload, signature] = token.split(".");
    const otherBusiness = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), bid: "someone-else" })).toString("base64url");
    expect(await verifyVisitorToken(`${header}.${otherBusiness}.${signature}`)).toBeNull();

    const foreign = await new SignJWT({ bid: businessId, key: widgetKey }).setProtectedHeader({ alg: "HS256" }).setSubject("v")
      .setAudience("frontdesk-widget").setExpirationTime("1d").sign(new TextEncoder().encode("another-secret-0123456789-abcdefghijklmn"));
    expect(await verifyVisitorToken(foreign)).toBeNull();

    const expired = await new SignJWT({ bid: businessId, key: widgetKey }).setProtectedHeader({ alg: "HS256" }).setSubject("v")
      .setAudience("frontdesk-widget").setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(process.env.WIDGET_TOKEN_SECRET));
    expect(await verifyVisitorToken(expired)).toBeNull();

    // A staff session token signed with the same secret is not a visitor token (audience differs).
    const staff = await new SignJWT({ bid: businessId, key: widgetKey }).setProtectedHeader({ alg: "HS256" }).setSubject("v")
      .setAudience("authenticated").setExpirationTime("1d").sign(new TextEncoder().encode(process.env.WIDGET_TOKEN_SECRET));
    expect(await verifyVisitorToken(staff)).toBeNull();
    expect(await verifyVisitorToken("not-a-token")).toBeNull();
  });
});
