import { getConfig, type Config } from "@/lib/config";
import { ApiError } from "./errors";

type OriginConfig = Pick<Config, "mode" | "appUrl" | "appOrigins">;

/**
 * Whether a host name is this machine's own: `localhost`, 127.0.0.0/8, `::1` (bare or in brackets), any case. No
 * other machine can reach these, and no outside DNS answer can carry them as a Host, so both the local mailbox (is
 * the server listening on this machine only?) and the DNS-rebinding check (is this Host ours?) ask this one question.
 */
export function isLoopback(hostname: string | null | undefined): boolean {
  if (!hostname) return false;
  const name = hostname.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (name === "localhost" || name === "::1") return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
}

/** The host name (lower case, IPv6 in brackets, no port) of a Host header, or null when it is not one. */
function hostnameOf(host: string): string | null {
  if (!host || /[\s/\\?#@]/.test(host)) return null;
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return null;
  }
}

/** APP_URL's origin and APP_ORIGINS: where the operator says the app is served. */
function configuredOrigins(config: OriginConfig): string[] {
  return [new URL(config.appUrl).origin, ...config.appOrigins];
}

/**
 * Whether the embedded server answers a request carrying this Host header. A DNS-rebinding page reaches 127.0.0.1
 * under the attacker's own name (`evil.example` resolving to 127.0.0.1), and the browser then treats the local server
 * as that site; refusing every Host but this machine's names and the configured origins' hosts (APP_URL,
 * APP_ORIGINS) ends that. Only the host name counts: the attacker cannot choose the port the server listens on, and
 * the e2e server (3210) and benchmarks pick their own. Hosted deployments sit behind real domains (previews, health
 * checks on internal names), so the check is the embedded mode's only.
 */
export function hostAllowed(host: string | null, config: OriginConfig = getConfig()): boolean {
  if (config.mode !== "embedded") return true;
  const name = host === null ? null : hostnameOf(host);
  if (name === null) return false;
  return isLoopback(name) || configuredOrigins(config).some((origin) => new URL(origin).hostname === name);
}

/**
 * Whether a browser's Origin is the app's own, for the CSRF check and the chat frame's API calls alike: APP_URL's
 * origin and APP_ORIGINS; and in embedded mode also the request's own host (the owner may open
 * http://127.0.0.1:3000 while APP_URL says localhost) once that host passed the check above. Hosted, the Host and
 * X-Forwarded-Proto headers are never trusted for this: whoever sends the request writes them.
 */
export function isOwnOrigin(origin: string, request: Request, config: OriginConfig = getConfig()): boolean {
  if (configuredOrigins(config).includes(origin)) return true;
  if (config.mode !== "embedded") return false;
  const host = request.headers.get("host");
  if (host === null || !hostAllowed(host, config)) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === origin && url.host === host.toLowerCase();
  } catch {
    return false;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Why a request may change state from another origin, named where a route opts out of the check (route()'s
 * `crossOrigin` option): the chat widget (a visitor token and its own origin checks in lib/widget/server/origin),
 * a scheduler or another server (a bearer secret), a provider's callback (a signature over the body).
 */
export type CrossOriginCaller = "widget" | "bearer-secret" | "signed-webhook";

/**
 * Refuses a state-changing request another site's page sent with the member's cookies: `SameSite=Lax` alone lets a
 * same-site page (another port on localhost, a sibling subdomain) send a multipart upload or a body-less POST. A
 * browser says where a request comes from in `Sec-Fetch-Site` and `Origin`; a request with neither (curl, a server)
 * is not a browser acting for someone, so it passes on its own credentials.
 */
export function assertSameOrigin(request: Request, config: OriginConfig = getConfig()): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  const refused = site === "cross-site" || site === "same-site" || (origin !== null && !isOwnOrigin(origin, request, config));
  if (refused) {
    throw new ApiError(403, "cross_origin_request", "This request came from another website; open Frontdesk itself and try again");
  }
}
