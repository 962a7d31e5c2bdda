import { getConfig } from "@/lib/config";

/** Whether a site may embed the widget: any site when the list is empty, otherwise exactly the listed origins. */
export function embeddingAllowed(allowedOrigins: readonly string[], origin: string | null): boolean {
  if (allowedOrigins.length === 0) return true;
  return origin !== null && allowedOrigins.includes(origin);
}

/** The app's own origin as the browser sees it for this request (the chat frame calls the API from it). */
export function ownOrigins(request: Request): string[] {
  const own = [getConfig().appUrl];
  const host = request.headers.get("host");
  if (host) {
    const proto = request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "");
    own.push(`${proto}://${host}`);
  }
  return own;
}

/**
 * The chat frame's API calls come from the app's own origin. A browser request from anywhere else (another site's
 * script calling the API with a stolen token) is refused; requests without an Origin header (same-origin GETs,
 * server-to-server) carry the visitor token, which is what authorises them.
 */
export function fromChatFrame(request: Request): boolean {
  const origin = request.headers.get("origin");
  return origin === null || ownOrigins(request).includes(origin);
}

/** CORS headers for the loader's config request from an allowed embedding site. */
export function corsHeaders(origin: string): Record<string, string> {
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Methods": "GET, OPTIONS",
    "Access-Control-Allow-Headers": "content-type",
    "Access-Control-Max-Age": "600",
    Vary: "Origin",
  };
}
