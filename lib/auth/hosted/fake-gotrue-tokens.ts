/**
 * Users and tokens of the fake Supabase Auth (see `fake-gotrue.ts`): a user as GoTrue's API shows it, and the ES256
 * key the fake signs access tokens with and publishes as its JWKS, so `getClaims()` verifies locally.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK } from "jose";

export type User = {
  id: string;
  email: string;
  password: string | null;
  userMetadata: Record<string, unknown>;
  provider: string;
  createdAt: string;
  emailConfirmedAt: string | null;
  lastSignInAt: string | null;
};

export type FakeSession = {
  access_token: string;
  token_type: "bearer";
  expires_in: number;
  expires_at: number;
  refresh_token: string;
  user: Record<string, unknown>;
};

/** An opaque random token, as GoTrue's refresh tokens are. */
export const opaque = () => randomBytes(16).toString("base64url");

export function userJson(user: User): Record<string, unknown> {
  return {
    id: user.id,
    aud: "authenticated",
    role: "authenticated",
    email: user.email,
    email_confirmed_at: user.emailConfirmedAt,
    phone: "",
    confirmed_at: user.emailConfirmedAt,
    last_sign_in_at: user.lastSignInAt,
    app_metadata: { provider: user.provider, providers: [user.provider] },
    user_metadata: user.userMetadata,
    identities: [
      {
        identity_id: user.id,
        id: user.id,
        user_id: user.id,
        identity_data: { sub: user.id, email: user.email, email_verified: Boolean(user.emailConfirmedAt) },
        provider: user.provider,
        created_at: user.createdAt,
        updated_at: user.createdAt,
      },
    ],
    created_at: user.createdAt,
    updated_at: user.createdAt,
    is_anonymous: false,
  };
}

/** The fake's asymmetric signing key and its public JWK. */
export class SigningKey {
  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    readonly publicJwk: JWK,
  ) {}

  static async generate(): Promise<SigningKey> {
    const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
    const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid: randomUUID(), alg: "ES256", use: "sig", key_ops: ["verify"] };
    return new SigningKey(privateKey, publicKey, publicJwk);
  }

  get kid(): string {
    return this.publicJwk.kid!;
  }

  /** Signs arbitrary claims, for tokens a real server would never issue. */
  signClaims(claims: Record<string, unknown>, expiresInSeconds: number): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: "ES256", kid: this.kid, typ: "JWT" })
      .setIssuedAt(now)
      .setExpirationTime(now + expiresInSeconds)
      .sign(this.privateKey);
  }

  /** An access token with the claims GoTrue puts in one, valid for `ttl` seconds (negative: already expired). */
  accessToken(issuer: string, user: User, sessionId: string, authMethod: string, ttl: number): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      email: user.email,
      phone: "",
      app_metadata: { provider: user.provider, providers: [user.provider] },
      user_metadata: user.userMetadata,
      role: "authenticated",
      aal: "aal1",
      amr: [{ method: authMethod, timestamp: now }],
      session_id: sessionId,
      is_anonymous: false,
    })
      .setProtectedHeader({ alg: "ES256", kid: this.kid, typ: "JWT" })
      .setIssuer(issuer)
      .setSubject(user.id)
      .setAudience("authenticated")
      .setIssuedAt(now)
      .setExpirationTime(now + ttl)
      .sign(this.privateKey);
  }

  /** Checks a token's signature, issuer, audience and expiry; rejects when any is wrong. */
  verify(token: string, issuer: string) {
    return jwtVerify(token, this.publicKey, { issuer, audience: "authenticated" });
  }
}
