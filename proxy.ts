import { NextResponse, type NextRequest } from "next/server";
import { authBackend } from "@/lib/auth";
import type { CookieToSet } from "@/lib/auth/types";
import { ApiError } from "@/lib/http/errors";
import { errorResponse } from "@/lib/http/handler";
import { hostAllowed } from "@/lib/http/origin";
import { log } from "@/lib/log";

const PROTECTED = [/^\/b(\/|$)/, /^\/onboarding(\/|$)/];

/**
 * Static assets, the service worker, the manifest, the widget and the health check: no session to renew and no page
 * line to log. They still pass the Host check, which is why the proxy has no matcher and runs on every request.
 */
const SESSIONLESS = /^\/(?:_next\/static|_next\/image|icons\/|fonts\/|widget\/|widget\.js|api\/widget\/|favicon\.ico|sw\.js|manifest\.webmanifest|api\/health)/;

/** A 421 Misdirected Request: this server does not answer for that name (JSON for the API, a line of text for pages). */
function misdirected(request: NextRequest): Response {
  const message = "This Frontdesk server only answers on its own address (APP_URL, APP_ORIGINS, localhost or 127.x.x.x).";
  log.warn("proxy.host_refused", { host: (request.headers.get("host") ?? "").slice(0, 100), path: request.nextUrl.pathname });
  if (request.nextUrl.pathname.startsWith("/api/")) {
    return errorResponse(new ApiError(421, "host_not_allowed", message), request.headers.get("x-request-id") ?? crypto.randomUUID());
  }
  return new Response(message, { status: 421, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

/**
 * Refuses requests for any Host but this server's own (DNS rebinding, embedded mode: lib/http/origin), then keeps the
 * rolling session alive before pages render: when the access token is close to expiry the auth backend renews it
 * (embedded: rotating refresh token; hosted: @supabase/ssr) and the new cookies go to both the request, so server
 * components see them now, and the response, so the browser keeps them.
 */
export async function proxy(request: NextRequest) {
  if (!hostAllowed(request.headers.get("host"))) return misdirected(request);
  if (SESSIONLESS.test(request.nextUrl.pathname)) return NextResponse.next();
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

// No `config.matcher`: Next runs the proxy on every request, static files included, so the Host check covers them.
