import { ApiError } from "@/lib/http/errors";
import { isOwnOrigin } from "@/lib/http/origin";

/** Whether a site may embed the widget: any site when the list is empty, otherwise exactly the listed origins. */
export function embeddingAllowed(allowedOrigins: readonly string[], origin: string | null): boolean {
  if (allowedOrigins.length === 0) return true;
  return origin !== null && allowedOrigins.includes(origin);
}

/**
 * The chat frame's API calls come from the app's own origin (the one definition, lib/http/origin's isOwnOrigin). A
 * browser request from anywhere else (another site's script calling the API with a stolen token) is refused;
 * requests without an Origin header (same-origin GETs, server-to-server) carry the visitor token, which is what
 * authorises them.
 */
export function fromChatFrame(request: Request): boolean {
  const origin = request.headers.get("origin");
  return origin === null || isOwnOrigin(origin, request);
}

/** The origin of a URL such as a Referer, or null when it has none. */
function originOf(url: string | null): string | null {
  if (!url) return null;
  try {
    const { origin, protocol } = new URL(url);
    return protocol === "https:" || protocol === "http:" ? origin : null;
  } catch {
    return null;
  }
}

/**
 * The one embedding page the chat frame may talk to (hand the visitor's token to, take messages from), decided when
 * the frame page is served. The loader names its page's origin in `?origin=`; that is only an assertion, so:
 * - with allowed sites set, it must be one of them (or the app itself, whose settings preview frames the chat);
 * - with none set (any site may embed the chat), the browser must confirm it: the frame load's Referer (the loader
 *   asks for `referrerpolicy="origin"`) must name that same origin;
 * - and whenever the browser names the embedding page, it must be that origin.
 * Returns null when there is no page to talk to (no `origin=`, the frame opened on its own as from a staff-reply
 * email, or nothing confirms the origin); a page that names an origin the business does not allow, or that the
 * browser contradicts, is refused with a 403.
 */
export function permittedParentOrigin(request: Request, allowedOrigins: readonly string[]): string | null {
  const requested = new URL(request.url).searchParams.get("origin");
  if (requested === null) return null;
  const refused = new ApiError(403, "origin_not_allowed", "This website is not allowed to show this chat widget");
  if (originOf(requested) !== requested) throw refused;
  const fetchDest = request.headers.get("sec-fetch-dest");
  if (fetchDest !== null && fetchDest !== "iframe") return null;
  const embedder = originOf(request.headers.get("referer"));
  if (embedder !== null && embedder !== requested) throw refused;
  if (allowedOrigins.length > 0) {
    if (!allowedOrigins.includes(requested) && !isOwnOrigin(requested, request)) throw refused;
    return requested;
  }
  return embedder === requested ? requested : null;
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
