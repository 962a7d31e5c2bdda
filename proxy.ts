import { NextResponse, type NextRequest } from "next/server";
import { authBackend } from "@/lib/auth";
import type { CookieToSet } from "@/lib/auth/types";
import { log } from "@/lib/log";

const PROTECTED = [/^\/b(\/|$)/, /^\/onboarding(\/|$)/];

/**
 * Keeps the rolling session alive before pages render: when the access token is close to expiry the auth backend
 * renews it (embedded: rotating refresh token; hosted: @supabase/ssr) and the new cookies go to both the request,
 * so server components see them now, and the response, so the browser keeps them.
 */
export async function proxy(request: NextRequest) {
  const started = performance.now();
  const pending: CookieToSet[] = [];
  const jar = {
    getAll: () => request.cookies.getAll().map(({ name, value }) => ({ name, value })),
    setAll: (list: CookieToSet[]) => {
      for (const c of list) request.cookies.set(c.name, c.value);
      pending.push(...list);
    },
  };
  const claims = await authBackend(jar)
    .then((auth) => auth.refreshIfNeeded())
    .catch((error: unknown) => {
      log.warn("proxy.session_refresh_failed", { error });
      return null;
    });
  const path = request.nextUrl.pathname;
  // One id per request, shared by the proxy's line, the route handler's line and the response header.
  const requestId = request.headers.get("x-request-id") ?? crypto.randomUUID();
  let response: NextResponse;
  if (!claims && PROTECTED.some((r) => r.test(path))) {
    const target = new URL("/sign-in", request.url);
    target.searchParams.set("next", path + request.nextUrl.search);
    response = NextResponse.redirect(target);
  } else {
    const headers = new Headers(request.headers);
    headers.set("x-request-id", requestId);
    response = NextResponse.next({ request: { headers } });
  }
  for (const c of pending) response.cookies.set(c.name, c.value, c.options);
  response.headers.set("x-request-id", requestId);
  if (!path.startsWith("/api/")) {
    log.info("page", {
      path: path.replace(/\/invite\/[^/]+/, "/invite/[token]"),
      requestId,
      businessId: /^\/b\/([0-9a-f-]{36})/.exec(path)?.[1],
      signedIn: Boolean(claims),
      ms: Math.round(performance.now() - started),
    });
  }
  return response;
}

export const config = {
  // Everything but static assets, the service worker, the manifest and the health check.
  matcher: ["/((?!_next/static|_next/image|icons/|fonts/|widget/|widget\\.js|api/widget/|favicon.ico|sw.js|manifest.webmanifest|api/health).*)"],
};
