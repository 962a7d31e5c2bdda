import { SignJWT, UnsecuredJWT } from "jose";
import { describe, expect, it } from "vitest";
import { issuer, signAccessToken, verifyAccessToken } from "./tokens";

const ada = { id: "0b6f3c1e-8d8a-4a57-9b7e-1f2a3b4c5d6e", email: "ada@adas-salon.test", fullName: "Ada O'Neill" };
const sessionId = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

describe("embedded access tokens", () => {
  it("carry Supabase's claim shape and verify", async () => {
    const claims = await verifyAccessToken(await signAccessToken(ada, sessionId));
    expect(claims).toMatchObject({
      sub: ada.id,
      role: "authenticated",
      aud: "authenticated",
      email: ada.email,
      session_id: sessionId,
      user_metadata: { full_name: "Ada O'Neill" },
    });
    expect(claims!.exp! - claims!.iat!).toBe(3600);
  });

  it("reject a token signed with another key", async () => {
    const forged = await new SignJWT({ role: "authenticated", session_id: sessionId })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(ada.id)
      .setAudience("authenticated")
      .setIssuer(issuer())
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode("x".repeat(48)));
    expect(await verifyAccessToken(forged)).toBeNull();
  });

  it("reject an unsigned token and garbage", async () => {
    const unsigned = new UnsecuredJWT({ role: "authenticated", session_id: sessionId })
      .setSubject(ada.id)
      .setAudience("authenticated")
      .setIssuer(issuer())
      .encode();
    expect(await verifyAccessToken(unsigned)).toBeNull();
    expect(await verifyAccessToken("not.a.token")).toBeNull();
  });

  it("reject an expired token", async () => {
    const { jwtSecret } = await import("./secret");
    const past = Math.floor(Date.now() / 1000) - 7200;
    const expired = await new SignJWT({ role: "authenticated", session_id: sessionId })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(ada.id)
      .setAudience("authenticated")
      .setIssuer(issuer())
      .setIssuedAt(past)
      .setExpirationTime(past + 3600)
      .sign(jwtSecret());
    expect(await verifyAccessToken(expired)).toBeNull();
  });

  it("reject a token that claims another role", async () => {
    const { jwtSecret } = await import("./secret");
    const serviceRole = await new SignJWT({ role: "service_role", session_id: sessionId })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(ada.id)
      .setAudience("authenticated")
      .setIssuer(issuer())
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(jwtSecret());
    expect(await verifyAccessToken(serviceRole)).toBeNull();
  });
});
