import type { AuthClaims } from "@/lib/db";

export type CookieOptions = {
  path?: string;
  maxAge?: number;
  expires?: Date;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: "lax" | "strict" | "none" | boolean;
  domain?: string;
};
export type CookieToSet = { name: string; value: string; options: CookieOptions };

/** Where a request's cookies are read and the response's are written (next/headers, or a proxy's request/response). */
export type CookieJar = {
  getAll(): { name: string; value: string }[];
  setAll(cookies: CookieToSet[]): void;
};

export type AuthUser = { id: string; email: string; fullName: string };

/** A new account; `confirmEmail` when the auth server wants the address confirmed before a session starts. */
export type SignUpResult = { user: AuthUser; confirmEmail: boolean };

export type RequestMeta = { ip: string; userAgent: string };

export type SignUpInput = { email: string; password: string; fullName: string };
export type SignInInput = { email: string; password: string };

/**
 * What sign-in needs from an auth server. Embedded mode implements it over PGlite; hosted mode over Supabase Auth.
 * Methods that start a session write its cookies into the jar the backend was made with.
 */
export interface AuthBackend {
  readonly kind: "embedded" | "hosted";
  signUp(input: SignUpInput, meta: RequestMeta): Promise<SignUpResult>;
  signIn(input: SignInInput, meta: RequestMeta): Promise<AuthUser>;
  signOut(): Promise<void>;
  /** Sends a reset link if the account exists; says nothing either way, so accounts cannot be discovered. */
  requestPasswordReset(email: string): Promise<void>;
  /** Embedded: `token` is the one from the emailed link. Hosted: the recovery link already signed the user in. */
  resetPassword(input: { token?: string; password: string }, meta: RequestMeta): Promise<void>;
  /** The verified claims of the current session, or null. Never trusts an unverified cookie. */
  getClaims(): Promise<AuthClaims | null>;
  /** Keeps a rolling session alive: renews the access token when it is close to expiry. Used by the proxy. */
  refreshIfNeeded(): Promise<AuthClaims | null>;
}
