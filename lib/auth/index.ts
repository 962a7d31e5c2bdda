import { cookies, headers } from "next/headers";
import { getConfig } from "@/lib/config";
import type { AuthClaims } from "@/lib/db";
import { clientAddress } from "@/lib/http/client-address";
import { EmbeddedAuth } from "./embedded/backend";
import type { AuthBackend, CookieJar, RequestMeta } from "./types";

/** The auth backend for this mode, reading and writing the given cookies. Supabase's client loads only when hosted. */
export async function authBackend(jar: CookieJar): Promise<AuthBackend> {
  const config = getConfig();
  if (config.mode === "hosted") {
    const { HostedAuth } = await import("./hosted/backend");
    return new HostedAuth(jar, config.supabase!);
  }
  return new EmbeddedAuth(jar);
}

/** A cookie jar over next/headers. Server components cannot set cookies; there the proxy has already refreshed them. */
export async function requestCookieJar(): Promise<CookieJar> {
  const store = await cookies();
  return {
    getAll: () => store.getAll().map(({ name, value }) => ({ name, value })),
    setAll: (list) => {
      try {
        for (const c of list) store.set(c.name, c.value, c.options);
      } catch {
        // Called from a server component: reading is enough there.
      }
    },
  };
}

export async function requestAuth(): Promise<AuthBackend> {
  return authBackend(await requestCookieJar());
}

/** The verified claims of the current request's session, or null. */
export async function currentClaims(): Promise<AuthClaims | null> {
  return (await requestAuth()).getClaims();
}

/** Who is asking, for rate limits and the session record: the address only as far as a trusted proxy vouches for it. */
export async function requestMeta(): Promise<RequestMeta> {
  const h = await headers();
  return { ip: clientAddress(h), userAgent: h.get("user-agent") ?? "" };
}
