import bcrypt from "bcryptjs";
import { and, eq, sql } from "drizzle-orm";
import { getConfig } from "@/lib/config";
import { rowsOf, withAuthAdmin, type AuthClaims, type Db } from "@/lib/db";
import { authOneTimeTokens, authRefreshTokens, authSessions, authUsers } from "@/lib/db/schema";
import { queueEmail } from "@/lib/email/outbox";
import { emailTaken, invalidCredentials, invalidResetToken } from "../errors";
import type { AuthBackend, AuthUser, CookieJar, RequestMeta, SignUpResult } from "../types";
import {
  opaqueToken,
  REFRESH_MARGIN_S,
  REFRESH_TOKEN_TTL_S,
  sha256,
  signAccessToken,
  verifyAccessToken,
} from "./tokens";

export const ACCESS_COOKIE = "fd-access-token";
export const REFRESH_COOKIE = "fd-refresh-token";
const RESET_TTL_MS = 60 * 60_000;
const BCRYPT_COST = 10;

// A hash to compare against when the email is unknown, so a wrong email takes as long as a wrong password.
const DUMMY_HASH = bcrypt.hashSync("not-a-real-password", BCRYPT_COST);

type UserRow = { id: string; email: string; encrypted_password: string | null; full_name: string | null };

const toUser = (row: UserRow): AuthUser => ({ id: row.id, email: row.email, fullName: row.full_name ?? "" });

async function findUserByEmail(tx: Db, email: string): Promise<UserRow | null> {
  const rows = rowsOf(
    await tx.execute(sql`select id, email, encrypted_password, raw_user_meta_data ->> 'full_name' as full_name
      from auth.users where lower(email) = lower(${email}) and deleted_at is null limit 1`),
  );
  return (rows[0] as UserRow | undefined) ?? null;
}

/** The embedded stand-in for Supabase Auth: bcrypt hashes in auth.users, HS256 JWTs, rotating refresh tokens. */
export class EmbeddedAuth implements AuthBackend {
  readonly kind = "embedded" as const;
  constructor(private readonly cookies: CookieJar) {}

  private cookie(name: string) {
    return this.cookies.getAll().find((c) => c.name === name)?.value;
  }

  private writeSessionCookies(accessToken: string, refreshToken: string) {
    const secure = getConfig().appUrl.startsWith("https://");
    const base = { path: "/", httpOnly: true, sameSite: "lax" as const, secure };
    this.cookies.setAll([
      // The access cookie outlives the token so the proxy can tell "expired" from "never signed in".
      { name: ACCESS_COOKIE, value: accessToken, options: { ...base, maxAge: REFRESH_TOKEN_TTL_S } },
      { name: REFRESH_COOKIE, value: refreshToken, options: { ...base, maxAge: REFRESH_TOKEN_TTL_S } },
    ]);
  }

  private clearSessionCookies() {
    const base = { path: "/", httpOnly: true, sameSite: "lax" as const, maxAge: 0 };
    this.cookies.setAll([
      { name: ACCESS_COOKIE, value: "", options: base },
      { name: REFRESH_COOKIE, value: "", options: base },
    ]);
  }

  private async startSession(tx: Db, user: AuthUser, meta: RequestMeta) {
    const [session] = await tx
      .insert(authSessions)
      .values({
        id: crypto.randomUUID(),
        userId: user.id,
        createdAt: new Date(),
        updatedAt: new Date(),
        notAfter: new Date(Date.now() + REFRESH_TOKEN_TTL_S * 1000),
        userAgent: meta.userAgent.slice(0, 512),
        ip: meta.ip.slice(0, 64),
      })
      .returning({ id: authSessions.id });
    const refreshToken = opaqueToken();
    await tx.insert(authRefreshTokens).values({
      token: sha256(refreshToken),
      userId: user.id,
      revoked: false,
      createdAt: new Date(),
      updatedAt: new Date(),
      sessionId: session!.id,
    } as typeof authRefreshTokens.$inferInsert);
    await tx.update(authUsers).set({ lastSignInAt: new Date() }).where(eq(authUsers.id, user.id));
    this.writeSessionCookies(await signAccessToken(user, session!.id), refreshToken);
  }

  async signUp(input: { email: string; password: string; fullName: string }, meta: RequestMeta): Promise<SignUpResult> {
    const hash = await bcrypt.hash(input.password, BCRYPT_COST);
    return withAuthAdmin(async (tx) => {
      if (await findUserByEmail(tx, input.email)) throw emailTaken();
      const rows = rowsOf(
        await tx.execute(sql`insert into auth.users (instance_id, aud, role, email, encrypted_password, email_confirmed_at,
            raw_app_meta_data, raw_user_meta_data)
          values ('00000000-0000-0000-0000-000000000000', 'authenticated', 'authenticated', ${input.email.toLowerCase()},
            ${hash}, now(), '{"provider":"email","providers":["email"]}'::jsonb,
            ${JSON.stringify({ full_name: input.fullName })}::jsonb)
          on conflict do nothing
          returning id, email`),
      );
      if (!rows[0]) throw emailTaken();
      const user: AuthUser = { id: String(rows[0].id), email: String(rows[0].email), fullName: input.fullName };
      await tx.execute(sql`insert into auth.identities (provider_id, user_id, identity_data, provider)
        values (${user.id}, ${user.id}, ${JSON.stringify({ sub: user.id, email: user.email })}::jsonb, 'email')`);
      await this.startSession(tx, user, meta);
      return { user, confirmEmail: false };
    });
  }

  async signIn(input: { email: string; password: string }, meta: RequestMeta): Promise<AuthUser> {
    const row = await withAuthAdmin((tx) => findUserByEmail(tx, input.email));
    const ok = await bcrypt.compare(input.password, row?.encrypted_password ?? DUMMY_HASH);
    if (!row || !row.encrypted_password || !ok) throw invalidCredentials();
    const user = toUser(row);
    await withAuthAdmin((tx) => this.startSession(tx, user, meta));
    return user;
  }

  async signOut(): Promise<void> {
    const claims = await this.getClaims();
    const refresh = this.cookie(REFRESH_COOKIE);
    await withAuthAdmin(async (tx) => {
      if (claims?.session_id) await tx.delete(authSessions).where(eq(authSessions.id, String(claims.session_id)));
      else if (refresh) {
        const [token] = await tx.select().from(authRefreshTokens).where(eq(authRefreshTokens.token, sha256(refresh)));
        if (token?.sessionId) await tx.delete(authSessions).where(eq(authSessions.id, token.sessionId));
      }
    });
    this.clearSessionCookies();
  }

  async requestPasswordReset(email: string): Promise<void> {
    const token = opaqueToken();
    await withAuthAdmin(async (tx) => {
      const user = await findUserByEmail(tx, email);
      if (!user) return;
      await tx.execute(sql`insert into auth.one_time_tokens (user_id, token_type, token_hash, relates_to)
        values (${user.id}, 'recovery_token', ${sha256(token)}, ${user.email})
        on conflict (user_id, token_type) do update set token_hash = excluded.token_hash, created_at = now(), updated_at = now()`);
      await tx.execute(sql`update auth.users set recovery_sent_at = now() where id = ${user.id}`);
      const link = `${getConfig().appUrl}/reset-password?token=${encodeURIComponent(token)}`;
      await queueEmail(tx, {
        businessId: null,
        kind: "password_reset",
        to: user.email,
        subject: "Reset your Frontdesk password",
        text: `Someone asked to reset the password for ${user.email}.\n\nChoose a new password here (the link works once, for one hour):\n${link}\n\nIf it was not you, ignore this email; your password stays as it is.`,
      });
    });
  }

  async resetPassword(input: { token?: string; password: string }, meta: RequestMeta): Promise<void> {
    if (!input.token) throw invalidResetToken();
    const hash = await bcrypt.hash(input.password, BCRYPT_COST);
    await withAuthAdmin(async (tx) => {
      const [row] = await tx
        .select()
        .from(authOneTimeTokens)
        .where(and(eq(authOneTimeTokens.tokenHash, sha256(input.token!)), eq(authOneTimeTokens.tokenType, "recovery_token")));
      if (!row || row.createdAt.getTime() < Date.now() - RESET_TTL_MS) throw invalidResetToken();
      await tx.delete(authOneTimeTokens).where(eq(authOneTimeTokens.id, row.id));
      await tx.update(authUsers).set({ encryptedPassword: hash, updatedAt: new Date() }).where(eq(authUsers.id, row.userId));
      // A new password ends every other session, then signs this browser in.
      await tx.delete(authSessions).where(eq(authSessions.userId, row.userId));
      const user = await findUserByEmail(tx, row.relatesTo);
      if (user) await this.startSession(tx, toUser(user), meta);
    });
  }

  async getClaims(): Promise<AuthClaims | null> {
    const token = this.cookie(ACCESS_COOKIE);
    return token ? verifyAccessToken(token) : null;
  }

  async refreshIfNeeded(): Promise<AuthClaims | null> {
    const current = await this.getClaims();
    const now = Math.floor(Date.now() / 1000);
    if (current && (current.exp ?? 0) - now > REFRESH_MARGIN_S) return current;
    const refresh = this.cookie(REFRESH_COOKIE);
    if (!refresh) return current;
    const rotated = await withAuthAdmin(async (tx) => {
      const rows = rowsOf(
        // updated_at records when the token was first rotated out and is never moved again, so the reuse window
        // cannot be stretched by replaying the token.
        await tx.execute(sql`update auth.refresh_tokens rt
          set revoked = true, updated_at = case when rt.revoked then rt.updated_at else now() end
          from auth.sessions s
          where rt.token = ${sha256(refresh)} and rt.session_id = s.id
            -- Parallel requests may present the same token; like Supabase Auth, allow a short reuse interval.
            and (not rt.revoked or rt.updated_at > now() - interval '10 seconds')
            and (s.not_after is null or s.not_after > now())
          returning rt.session_id, s.user_id`),
      );
      const hit = rows[0] as { session_id: string; user_id: string } | undefined;
      if (!hit) {
        // A rotated-out token presented after the window means it was copied: end that whole session.
        await tx.execute(sql`delete from auth.sessions where id in (
          select session_id from auth.refresh_tokens where token = ${sha256(refresh)} and revoked)`);
        return null;
      }
      const [user] = await tx
        .select({ id: authUsers.id, email: authUsers.email, meta: authUsers.rawUserMetaData })
        .from(authUsers)
        .where(eq(authUsers.id, hit.user_id));
      if (!user) return null;
      const next = opaqueToken();
      await tx.insert(authRefreshTokens).values({
        token: sha256(next),
        userId: user.id,
        revoked: false,
        createdAt: new Date(),
        updatedAt: new Date(),
        parent: sha256(refresh),
        sessionId: hit.session_id,
      } as typeof authRefreshTokens.$inferInsert);
      await tx
        .update(authSessions)
        .set({ refreshedAt: new Date(), updatedAt: new Date(), notAfter: new Date(Date.now() + REFRESH_TOKEN_TTL_S * 1000) })
        .where(eq(authSessions.id, hit.session_id));
      const fullName = typeof user.meta?.full_name === "string" ? user.meta.full_name : "";
      return { access: await signAccessToken({ id: user.id, email: user.email ?? "", fullName }, hit.session_id), refresh: next };
    });
    if (!rotated) {
      if (!current) this.clearSessionCookies();
      return current;
    }
    this.writeSessionCookies(rotated.access, rotated.refresh);
    return verifyAccessToken(rotated.access);
  }
}

