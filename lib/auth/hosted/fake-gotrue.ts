/**
 * A local stand-in for Supabase Auth (GoTrue) for tests: enough of its HTTP API under `/auth/v1` for the hosted
 * backend to sign up, sign in, refresh, sign out, recover, send magic links, run OAuth and PKCE exchanges, with
 * asymmetric (ES256) access tokens and a JWKS endpoint so `getClaims()` verifies locally as it does on Supabase.
 * It records every request and can be told to fail the next matching one with GoTrue's error shapes.
 * The HTTP edge (recording, injected errors, error shapes) is in `fake-gotrue-http.ts`; users as GoTrue shows them
 * and the signing key in `fake-gotrue-tokens.ts`.
 */
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { GoTrueError, RequestLog, routeOf, writeError, writeResult, type InjectedError, type RecordedRequest, type RouteResult } from "./fake-gotrue-http";
import { opaque, SigningKey, userJson, type FakeSession, type User } from "./fake-gotrue-tokens";

export type { InjectedError, RecordedRequest } from "./fake-gotrue-http";
export type { FakeSession } from "./fake-gotrue-tokens";

/** What the fake would have emailed: the link lands on `redirectTo` with a PKCE auth code, as GoTrue's /verify does. */
export type SentEmail = {
  type: "recovery" | "magiclink";
  to: string;
  redirectTo: string | undefined;
  /** The callback URL the emailed link ends at (`redirectTo?code=...`), when a PKCE challenge was sent. */
  callbackUrl: string | undefined;
};

export type FakeGoTrueOptions = {
  accessTokenTtlSeconds?: number;
  /** Like a project with "Confirm email" off: sign-up returns a session at once. */
  autoconfirm?: boolean;
  minPasswordLength?: number;
  /** Passwords rejected as found in breaches (reason `pwned`). */
  pwnedPasswords?: string[];
  /** Answer errors in the pre-2024-01-01 shape `{ code: <status>, error_code, msg }` even when a version is sent. */
  legacyErrors?: boolean;
};

type Flow = {
  userId: string;
  challenge: string;
  method: string;
  authMethod: string;
  createdAt: number;
};

const FLOW_TTL_MS = 5 * 60_000;

const s256 = (verifier: string) => createHash("sha256").update(verifier).digest("base64url");
const str = (v: unknown) => (typeof v === "string" ? v : undefined);

export class FakeGoTrue {
  private readonly log = new RequestLog();
  readonly requests: RecordedRequest[] = this.log.requests;
  readonly emails: SentEmail[] = [];
  /** Base URL to configure as `NEXT_PUBLIC_SUPABASE_URL`. */
  url = "";
  options: Required<FakeGoTrueOptions>;

  private readonly users = new Map<string, User>();
  private readonly sessions = new Map<string, { userId: string; authMethod: string }>();
  private readonly refreshTokens = new Map<string, { sessionId: string; revoked: boolean }>();
  private readonly flows = new Map<string, Flow>();
  private readonly server = createServer((req, res) => void this.handle(req, res));
  private key!: SigningKey;

  private constructor(options: FakeGoTrueOptions) {
    this.options = {
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
      autoconfirm: options.autoconfirm ?? true,
      minPasswordLength: options.minPasswordLength ?? 6,
      pwnedPasswords: options.pwnedPasswords ?? [],
      legacyErrors: options.legacyErrors ?? false,
    };
  }

  static async start(options: FakeGoTrueOptions = {}): Promise<FakeGoTrue> {
    const fake = new FakeGoTrue(options);
    fake.key = await SigningKey.generate();
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    const { port } = fake.server.address() as AddressInfo;
    fake.url = `http://127.0.0.1:${port}`;
    return fake;
  }

  get issuer() {
    return `${this.url}/auth/v1`;
  }

  /** The key id the fake signs with; a token with this kid and another key's signature is a forgery. */
  get kid(): string {
    return this.key.kid;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((e) => (e ? reject(e) : resolve())));
  }

  /**
   * Fails the next request to `route` (`"POST /recover"`, `"POST /token?grant_type=password"`, `"PUT /user"`, ...)
   * with the given error, in GoTrue's shape.
   */
  failNext(route: string, error: InjectedError) {
    this.log.failNext(route, error);
  }

  requestsTo(route: string): RecordedRequest[] {
    return this.log.requestsTo(route);
  }

  /** Creates a confirmed user directly, as the dashboard or an earlier sign-up would have. */
  addUser(email: string, password: string | null, userMetadata: Record<string, unknown> = {}): string {
    const user: User = {
      id: randomUUID(),
      email: email.toLowerCase(),
      password,
      userMetadata,
      provider: "email",
      createdAt: new Date().toISOString(),
      emailConfirmedAt: new Date().toISOString(),
      lastSignInAt: null,
    };
    this.users.set(user.id, user);
    return user.id;
  }

  hasSession(sessionId: string): boolean {
    return this.sessions.has(sessionId);
  }

  passwordOf(email: string): string | null | undefined {
    return this.findByEmail(email)?.password;
  }

  /**
   * Starts a session for an existing user and returns it as GoTrue would, with the access token's lifetime chosen
   * by the caller (negative: already expired), so tests can put it in a cookie.
   */
  async issueSession(email: string, accessTokenTtlSeconds = this.options.accessTokenTtlSeconds): Promise<FakeSession> {
    const user = this.findByEmail(email);
    if (!user) throw new Error(`no user ${email}`);
    return this.startSession(user, "password", accessTokenTtlSeconds);
  }

  /** Signs arbitrary claims with the fake's own key, for tokens a real server would never issue. */
  async signClaims(claims: Record<string, unknown>, expiresInSeconds = 3600): Promise<string> {
    return this.key.signClaims(claims, expiresInSeconds);
  }

  private findByEmail(email: string): User | undefined {
    const wanted = email.toLowerCase();
    return [...this.users.values()].find((u) => u.email === wanted);
  }

  private async tokenResponse(user: User, sessionId: string, authMethod: string, ttl: number): Promise<FakeSession> {
    const refresh = opaque();
    this.refreshTokens.set(refresh, { sessionId, revoked: false });
    return {
      access_token: await this.key.accessToken(this.issuer, user, sessionId, authMethod, ttl),
      token_type: "bearer",
      expires_in: ttl,
      expires_at: Math.floor(Date.now() / 1000) + ttl,
      refresh_token: refresh,
      user: userJson(user),
    };
  }

  private startSession(user: User, authMethod: string, ttl = this.options.accessTokenTtlSeconds) {
    const sessionId = randomUUID();
    this.sessions.set(sessionId, { userId: user.id, authMethod });
    user.lastSignInAt = new Date().toISOString();
    return this.tokenResponse(user, sessionId, authMethod, ttl);
  }

  private weakPasswordReasons(password: string): string[] {
    const reasons: string[] = [];
    if (password.length < this.options.minPasswordLength) reasons.push("length");
    if (this.options.pwnedPasswords.includes(password)) reasons.push("pwned");
    return reasons;
  }

  private checkPassword(password: string) {
    const reasons = this.weakPasswordReasons(password);
    if (reasons.length > 0) {
      throw new GoTrueError(422, "weak_password", `Password should be at least ${this.options.minPasswordLength} characters.`, reasons);
    }
  }

  /** Verifies a bearer token as GoTrue does: signature, expiry, and a session that still exists. */
  private async authenticate(req: IncomingMessage): Promise<{ user: User; sessionId: string }> {
    const header = req.headers.authorization ?? "";
    const token = header.startsWith("Bearer ") ? header.slice(7) : "";
    let payload;
    try {
      ({ payload } = await this.key.verify(token, this.issuer));
    } catch {
      throw new GoTrueError(403, "bad_jwt", "invalid JWT: unable to parse or verify signature, token is expired");
    }
    const sessionId = str(payload.session_id);
    if (!sessionId || !this.sessions.has(sessionId)) {
      throw new GoTrueError(403, "session_not_found", "Session from session_id claim in JWT does not exist");
    }
    const user = payload.sub ? this.users.get(payload.sub) : undefined;
    if (!user) throw new GoTrueError(403, "user_not_found", "User from sub claim in JWT does not exist");
    return { user, sessionId };
  }

  /** Records a PKCE flow and returns the auth code the emailed link or the provider redirect would carry. */
  private startFlow(user: User, body: Record<string, unknown>, authMethod: string): string | undefined {
    const challenge = str(body.code_challenge);
    if (!challenge) return undefined;
    const code = randomUUID();
    this.flows.set(code, {
      userId: user.id,
      challenge,
      method: str(body.code_challenge_method) ?? "s256",
      authMethod,
      createdAt: Date.now(),
    });
    return code;
  }

  private withCode(redirectTo: string | undefined, code: string | undefined) {
    if (!redirectTo || !code) return undefined;
    const url = new URL(redirectTo);
    url.searchParams.set("code", code);
    return url.toString();
  }

  private async route(req: IncomingMessage, recorded: RecordedRequest): Promise<RouteResult> {
    const body = recorded.body ?? {};
    switch (routeOf(recorded)) {
      case "GET /.well-known/jwks.json":
        return { status: 200, json: { keys: [this.key.publicJwk] } };

      case "POST /signup": {
        const email = str(body.email)?.toLowerCase();
        const password = str(body.password);
        if (!email || !password) throw new GoTrueError(400, "validation_failed", "Signup requires a valid password");
        this.checkPassword(password);
        const existing = this.findByEmail(email);
        if (existing) {
          if (this.options.autoconfirm) throw new GoTrueError(422, "user_already_exists", "User already registered");
          // With email confirmation on, GoTrue hides existing accounts: a user-shaped answer without identities.
          return { status: 200, json: { ...userJson(existing), id: randomUUID(), identities: [] } };
        }
        const metadata = typeof body.data === "object" && body.data !== null ? (body.data as Record<string, unknown>) : {};
        const id = this.addUser(email, password, metadata);
        const user = this.users.get(id)!;
        if (!this.options.autoconfirm) {
          user.emailConfirmedAt = null;
          return { status: 200, json: userJson(user) };
        }
        return { status: 200, json: await this.startSession(user, "password") };
      }

      case "POST /token?grant_type=password": {
        const user = this.findByEmail(str(body.email) ?? "");
        if (!user || user.password === null || user.password !== str(body.password)) {
          throw new GoTrueError(400, "invalid_credentials", "Invalid login credentials");
        }
        if (!user.emailConfirmedAt) throw new GoTrueError(400, "email_not_confirmed", "Email not confirmed");
        return { status: 200, json: await this.startSession(user, "password") };
      }

      case "POST /token?grant_type=refresh_token": {
        const token = str(body.refresh_token) ?? "";
        const entry = this.refreshTokens.get(token);
        const session = entry ? this.sessions.get(entry.sessionId) : undefined;
        if (!entry || entry.revoked || !session) {
          throw new GoTrueError(400, "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");
        }
        entry.revoked = true;
        const user = this.users.get(session.userId)!;
        return {
          status: 200,
          json: await this.tokenResponse(user, entry.sessionId, session.authMethod, this.options.accessTokenTtlSeconds),
        };
      }

      case "POST /token?grant_type=pkce": {
        const flow = this.flows.get(str(body.auth_code) ?? "");
        if (!flow || flow.createdAt < Date.now() - FLOW_TTL_MS) {
          throw new GoTrueError(404, "flow_state_not_found", "invalid flow state, no valid flow state found");
        }
        const verifier = str(body.code_verifier) ?? "";
        const matches = flow.method === "plain" ? verifier === flow.challenge : s256(verifier) === flow.challenge;
        if (!matches) throw new GoTrueError(403, "bad_code_verifier", "code challenge does not match previously saved code verifier");
        this.flows.delete(str(body.auth_code)!);
        const user = this.users.get(flow.userId)!;
        user.emailConfirmedAt ??= new Date().toISOString();
        return { status: 200, json: await this.startSession(user, flow.authMethod) };
      }

      case "POST /logout": {
        const { user, sessionId } = await this.authenticate(req);
        const scope = recorded.query.scope ?? "global";
        for (const [id, s] of this.sessions) {
          const sameUser = s.userId === user.id;
          if ((scope === "local" && id === sessionId) || (scope === "global" && sameUser) || (scope === "others" && sameUser && id !== sessionId)) {
            this.sessions.delete(id);
          }
        }
        return { status: 204 };
      }

      case "POST /recover": {
        const email = str(body.email) ?? "";
        const user = this.findByEmail(email);
        // GoTrue answers the same whether or not the account exists.
        if (user) {
          const code = this.startFlow(user, body, "recovery");
          this.emails.push({ type: "recovery", to: user.email, redirectTo: recorded.query.redirect_to, callbackUrl: this.withCode(recorded.query.redirect_to, code) });
        }
        return { status: 200, json: {} };
      }

      case "POST /otp": {
        const email = str(body.email) ?? "";
        const user = this.findByEmail(email);
        if (!user) {
          if (body.create_user === false) throw new GoTrueError(422, "otp_disabled", "Signups not allowed for otp");
          throw new GoTrueError(501, "not_implemented", "the fake does not create users from /otp");
        }
        const code = this.startFlow(user, body, "otp");
        this.emails.push({ type: "magiclink", to: user.email, redirectTo: recorded.query.redirect_to, callbackUrl: this.withCode(recorded.query.redirect_to, code) });
        return { status: 200, json: {} };
      }

      case "GET /user": {
        const { user } = await this.authenticate(req);
        return { status: 200, json: userJson(user) };
      }

      case "PUT /user": {
        const { user } = await this.authenticate(req);
        const password = str(body.password);
        if (password !== undefined) {
          this.checkPassword(password);
          if (password === user.password) {
            throw new GoTrueError(422, "same_password", "New password should be different from the old password.");
          }
          user.password = password;
        }
        if (typeof body.data === "object" && body.data !== null) user.userMetadata = { ...user.userMetadata, ...body.data };
        return { status: 200, json: userJson(user) };
      }

      case "GET /authorize": {
        // Stands in for the whole provider round trip: a Google account that signs in at once and comes back.
        const provider = recorded.query.provider;
        if (provider !== "google") throw new GoTrueError(400, "validation_failed", "Unsupported provider: Provider is not enabled");
        const email = "google.user@example.com";
        const user = this.findByEmail(email) ?? this.users.get(this.addUser(email, null, { full_name: "Grace Google" }))!;
        user.provider = "google";
        const code = this.startFlow(user, recorded.query, "oauth");
        const location = this.withCode(recorded.query.redirect_to, code);
        if (!location) throw new GoTrueError(400, "validation_failed", "redirect_to and a PKCE challenge are required");
        return { status: 302, location };
      }

      default:
        throw new GoTrueError(404, "not_found", `The fake has no ${recorded.method} ${recorded.path}`);
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const { url, recorded } = await this.log.record(req, this.url);
    const versioned = !this.options.legacyErrors && (recorded.headers.apiVersion ?? "") >= "2024-01-01";
    try {
      if (!url.pathname.startsWith("/auth/v1/")) throw new GoTrueError(404, "not_found", "no route");
      // Supabase's gateway rejects API calls without a project key; /authorize is a browser navigation and needs none.
      if (!recorded.headers.apikey && recorded.path !== "/authorize") throw new GoTrueError(401, "no_api_key", "No API key found in request");
      this.log.throwInjected(recorded);
      writeResult(res, await this.route(req, recorded));
    } catch (error) {
      writeError(res, error, versioned);
    }
  }
}
