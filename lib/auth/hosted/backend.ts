import { createServerClient } from "@supabase/ssr";
import {
  isAuthApiError,
  isAuthRetryableFetchError,
  isAuthSessionMissingError,
  isAuthWeakPasswordError,
  type AuthError,
  type JWK,
  type SupabaseClient,
  type User,
  type WebSocketLike,
} from "@supabase/supabase-js";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import type { AuthClaims } from "@/lib/db";
import { ApiError, notFound } from "@/lib/http/errors";
import { log } from "@/lib/log";
import { emailTaken, invalidCredentials, invalidResetToken, rateLimited } from "../errors";
import { safeNextPath } from "../safe-next";
import type { AuthBackend, AuthUser, CookieJar, CookieOptions, RequestMeta, SignInInput, SignUpInput, SignUpResult } from "../types";

/** When Supabase rate-limits without saying for how long. */
export const DEFAULT_RETRY_AFTER_S = 60;
const JWKS_TTL_MS = 10 * 60_000;

export type HostedSupabase = { url: string; publishableKey: string; googleEnabled: boolean };

/** Supabase's access-token claims, narrowed to what RLS relies on; anything else is not a session we accept. */
const claimsSchema = z.looseObject({
  sub: z.uuid(),
  role: z.literal("authenticated"),
  aud: z.union([z.literal("authenticated"), z.array(z.string()).refine((a) => a.includes("authenticated"))]),
  email: z.string().optional(),
  session_id: z.uuid(),
  exp: z.number(),
  iat: z.number(),
  // The app has no anonymous sign-in; an anonymous user must not pass for a member.
  is_anonymous: z.literal(false).optional(),
});

const jwksSchema = z.object({
  keys: z.array(z.looseObject({ kty: z.string(), kid: z.string().optional(), key_ops: z.array(z.string()).optional() })),
});

/**
 * Every request makes a new client, so auth-js's own in-memory JWKS cache would be empty each time; this one lives
 * for the process. A key missing from it (rotation) makes auth-js fetch the set itself.
 */
const globalForJwks = globalThis as unknown as { __frontdeskJwks?: Map<string, { keys: JWK[]; fetchedAt: number }> };

async function cachedJwks(supabase: HostedSupabase): Promise<{ keys: JWK[] } | undefined> {
  const cache = (globalForJwks.__frontdeskJwks ??= new Map());
  const hit = cache.get(supabase.url);
  if (hit && hit.fetchedAt + JWKS_TTL_MS > Date.now()) return { keys: hit.keys };
  try {
    const response = await fetch(`${supabase.url.replace(/\/$/, "")}/auth/v1/.well-known/jwks.json`, {
      headers: { apikey: supabase.publishableKey },
    });
    if (!response.ok) return undefined;
    const parsed = jwksSchema.safeParse(await response.json());
    if (!parsed.success) return undefined;
    const keys: JWK[] = parsed.data.keys.map((k) => ({ ...k, key_ops: k.key_ops ?? ["verify"] }));
    cache.set(supabase.url, { keys, fetchedAt: Date.now() });
    return { keys };
  } catch {
    return undefined;
  }
}

/**
 * supabase-js builds its Realtime client eagerly and, on Node 20, finds no WebSocket to build it with (it wants
 * Node 22). The server never opens Realtime, so it gets a transport that refuses to connect.
 */
class NoServerRealtime implements WebSocketLike {
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  readonly readyState = 3;
  readonly url = "";
  readonly protocol = "";
  onopen = null;
  onmessage = null;
  onclose = null;
  onerror = null;
  constructor() {
    throw new Error("Realtime is opened from the browser client, never from the server");
  }
  close() {}
  send() {}
  addEventListener() {}
  removeEventListener() {}
}

const weakPassword = (reasons: string[]) => {
  const words: Record<string, string> = {
    length: "use a longer password",
    characters: "mix lowercase, uppercase, digits and symbols",
    pwned: "this password appears in known data breaches; choose another",
  };
  const problems = reasons.length > 0 ? reasons.map((r) => words[r] ?? r) : ["choose a stronger password"];
  return new ApiError(400, "weak_password", `Choose a stronger password: ${problems.join("; ")}`, [
    { field: "password", message: problems.join("; ") },
  ]);
};

const invalidLink = () => new ApiError(400, "invalid_token", "This link is invalid or has expired; ask for a new one");

function toCookieOptions(o: Record<string, unknown>): CookieOptions {
  const sameSite = o.sameSite;
  return {
    path: typeof o.path === "string" ? o.path : undefined,
    maxAge: typeof o.maxAge === "number" ? o.maxAge : undefined,
    expires: o.expires instanceof Date ? o.expires : undefined,
    httpOnly: typeof o.httpOnly === "boolean" ? o.httpOnly : undefined,
    secure: typeof o.secure === "boolean" ? o.secure : undefined,
    sameSite: sameSite === "lax" || sameSite === "strict" || sameSite === "none" || typeof sameSite === "boolean" ? sameSite : undefined,
    domain: typeof o.domain === "string" ? o.domain : undefined,
  };
}

const toUser = (user: User): AuthUser => ({
  id: user.id,
  email: user.email ?? "",
  fullName: typeof user.user_metadata?.full_name === "string" ? user.user_metadata.full_name : "",
});

/**
 * Hosted mode: Supabase Auth through @supabase/ssr. The session lives in Supabase's `sb-<ref>-auth-token` cookies
 * (readable by the browser client, which Realtime needs); claims come only from `getClaims()`, which verifies the
 * access token's signature against the project's JWKS.
 */
/** Sign-in methods that come from an emailed link, and how long after it a new password may be set. */
const RECOVERY_METHODS = new Set(["recovery", "otp", "magiclink", "email/signup"]);
const RECOVERY_WINDOW_S = 15 * 60;

export class HostedAuth implements AuthBackend {
  readonly kind = "hosted" as const;
  private readonly client: SupabaseClient;
  private readonly appUrl: string;
  /** Seconds from the Retry-After of the last 429 Supabase sent, which auth-js's errors do not carry. */
  private retryAfter: number | undefined;

  constructor(
    jar: CookieJar,
    private readonly supabase: HostedSupabase,
  ) {
    this.appUrl = getConfig().appUrl;
    this.client = createServerClient(supabase.url, supabase.publishableKey, {
      cookieOptions: { secure: this.appUrl.startsWith("https://") },
      cookies: {
        getAll: () => jar.getAll(),
        setAll: (list) => jar.setAll(list.map((c) => ({ name: c.name, value: c.value, options: toCookieOptions(c.options) }))),
      },
      realtime: { transport: NoServerRealtime },
      global: {
        fetch: async (input, init) => {
          const response = await fetch(input, init);
          if (response.status === 429) {
            const seconds = Number(response.headers.get("retry-after"));
            this.retryAfter = Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
          }
          return response;
        },
      },
    });
  }

  private callbackUrl(next?: string) {
    const url = new URL("/auth/callback", this.appUrl);
    if (next && next !== "/") url.searchParams.set("next", next);
    return url.toString();
  }

  /** Supabase Auth's errors in the API's stable codes. */
  private toApiError(error: AuthError): ApiError {
    if (isAuthWeakPasswordError(error)) return weakPassword(error.reasons);
    switch (error.code) {
      case "invalid_credentials":
        return invalidCredentials();
      case "user_already_exists":
      case "email_exists":
        return emailTaken();
      case "weak_password":
        return weakPassword([]);
      case "same_password":
        return new ApiError(400, "weak_password", "Choose a password different from your current one", [
          { field: "password", message: "choose a password different from your current one" },
        ]);
      case "over_request_rate_limit":
      case "over_email_send_rate_limit":
        return rateLimited(this.retryAfter ?? DEFAULT_RETRY_AFTER_S);
      case "email_not_confirmed":
        return new ApiError(403, "forbidden", "Confirm your email address first: open the link we sent you");
      case "signup_disabled":
        return new ApiError(403, "forbidden", "New accounts are not being accepted right now");
      case "email_address_invalid":
        return new ApiError(400, "validation_failed", "Invalid request: email: enter a valid email", [
          { field: "email", message: "enter a valid email" },
        ]);
    }
    if (error.status === 429) return rateLimited(this.retryAfter ?? DEFAULT_RETRY_AFTER_S);
    if (isAuthRetryableFetchError(error) || (error.status ?? 0) >= 500) {
      log.warn("auth.hosted.unavailable", { status: error.status, code: error.code });
      return new ApiError(503, "unavailable", "The sign-in service is not answering; try again in a moment");
    }
    log.warn("auth.hosted.unexpected_error", { status: error.status, code: error.code, name: error.name });
    return new ApiError(500, "internal", "Something went wrong on our side");
  }

  async signUp(input: SignUpInput, _meta: RequestMeta): Promise<SignUpResult> {
    const { data, error } = await this.client.auth.signUp({
      email: input.email,
      password: input.password,
      options: { data: { full_name: input.fullName }, emailRedirectTo: this.callbackUrl() },
    });
    if (error) throw this.toApiError(error);
    if (!data.user) throw new ApiError(500, "internal", "Something went wrong on our side");
    // With email confirmation on, Supabase answers an existing address with a user that has no identities.
    if (data.user.identities?.length === 0) throw emailTaken();
    // With email confirmation on there is no session until the emailed link is followed.
    return { user: toUser(data.user), confirmEmail: data.session === null };
  }

  async signIn(input: SignInInput, _meta: RequestMeta): Promise<AuthUser> {
    const { data, error } = await this.client.auth.signInWithPassword({ email: input.email, password: input.password });
    if (error) throw this.toApiError(error);
    return toUser(data.user);
  }

  /** Ends this browser's session (as embedded mode does), revoking its refresh token; other devices stay signed in. */
  async signOut(): Promise<void> {
    const { error } = await this.client.auth.signOut({ scope: "local" });
    // The cookies are already cleared; a failed revocation leaves only a refresh token nobody holds.
    if (error) log.warn("auth.hosted.sign_out_failed", { status: error.status, code: error.code });
  }

  async requestPasswordReset(email: string): Promise<void> {
    const { error } = await this.client.auth.resetPasswordForEmail(email, { redirectTo: this.callbackUrl("/reset-password") });
    if (error) throw this.toApiError(error);
  }

  async resetPassword(input: { token?: string; password: string }, _meta: RequestMeta): Promise<void> {
    // Only a session that just came from an emailed link may set a password without the old one; a stolen ordinary
    // session must not be able to lock the owner out.
    const claims = await this.getClaims();
    const amr = Array.isArray(claims?.amr) ? (claims.amr as { method?: unknown; timestamp?: unknown }[]) : [];
    const now = Math.floor(Date.now() / 1000);
    const fromLink = amr.some(
      (m) => RECOVERY_METHODS.has(String(m.method)) && typeof m.timestamp === "number" && now - m.timestamp <= RECOVERY_WINDOW_S,
    );
    if (!fromLink) throw invalidResetToken();
    const { error } = await this.client.auth.updateUser({ password: input.password });
    if (!error) return;
    if (isAuthSessionMissingError(error) || (isAuthApiError(error) && (error.status === 401 || error.status === 403))) {
      throw invalidResetToken();
    }
    throw this.toApiError(error);
  }

  async getClaims(): Promise<AuthClaims | null> {
    try {
      const { data, error } = await this.client.auth.getClaims(undefined, { jwks: await cachedJwks(this.supabase) });
      if (error || !data) {
        if (error && isAuthRetryableFetchError(error)) log.warn("auth.hosted.claims_unavailable", { status: error.status });
        return null;
      }
      const parsed = claimsSchema.safeParse(data.claims);
      return parsed.success ? (parsed.data as AuthClaims) : null;
    } catch {
      // A malformed token (not JSON, unknown algorithm) throws rather than returning an error.
      return null;
    }
  }

  /** The ssr client renews an access token within 90 s of expiry and writes the new cookies through the jar. */
  async refreshIfNeeded(): Promise<AuthClaims | null> {
    return this.getClaims();
  }

  /** Emails a sign-in link to an existing account; says nothing about whether the account exists. */
  async sendMagicLink(email: string): Promise<void> {
    const { error } = await this.client.auth.signInWithOtp({
      email,
      options: { shouldCreateUser: false, emailRedirectTo: this.callbackUrl() },
    });
    if (!error) return;
    if (error.code === "otp_disabled" || error.code === "user_not_found" || error.code === "signup_disabled") return;
    throw this.toApiError(error);
  }

  /** Where to send the browser to sign in with Google; the PKCE verifier goes into the jar. */
  async googleSignInUrl(next?: string): Promise<string> {
    if (!this.supabase.googleEnabled) throw notFound();
    const { data, error } = await this.client.auth.signInWithOAuth({
      provider: "google",
      options: { redirectTo: this.callbackUrl(safeNextPath(next) ?? undefined), skipBrowserRedirect: true },
    });
    if (error) throw this.toApiError(error);
    if (!data.url) throw new ApiError(500, "internal", "Something went wrong on our side");
    return data.url;
  }

  /** Completes an emailed link or an OAuth redirect: trades the code (and the jar's PKCE verifier) for a session. */
  async exchangeCode(code: string, flowId?: string): Promise<{ user: AuthUser; recovery: boolean }> {
    let recovery = false;
    const { data: listener } = this.client.auth.onAuthStateChange((event) => {
      if (event === "PASSWORD_RECOVERY") recovery = true;
    });
    try {
      const { data, error } = await this.client.auth.exchangeCodeForSession(code, flowId ? { flowId } : undefined);
      if (error) {
        if (error.status === 429 || isAuthRetryableFetchError(error)) throw this.toApiError(error);
        throw invalidLink();
      }
      return { user: toUser(data.user), recovery };
    } finally {
      listener.subscription.unsubscribe();
    }
  }
}
