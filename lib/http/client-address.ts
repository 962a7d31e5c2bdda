import { getConfig } from "@/lib/config";

/** What an address is when nothing trustworthy names the client: per-address limits then do not apply (lib/auth/rate-limit). */
export const UNKNOWN_CLIENT = "unknown";

/**
 * The client's address for per-address limits, as far as it can be known. Each proxy in front of the app appends the
 * address it saw to X-Forwarded-For, so with `hops` trusted proxies the client is the hops-th entry from the right;
 * everything left of it is whatever the client sent, and the first entry in particular is the client's own choice.
 * With no trusted proxy the header proves nothing: Next fills it from the socket only when the client sent none, so
 * a client could name any address. Route handlers see no socket, so the address is then unknown, and a limit keyed
 * by it would be one bucket every client shares (one client could use it up for all): the auth limits skip their
 * per-address counts for it and keep the per-email ones. The embedded app listens on this machine only; a hosted
 * deployment sets TRUSTED_PROXY_HOPS to its proxies.
 */
export function clientAddress(headers: Headers, hops: number = getConfig().trustedProxyHops): string {
  if (hops <= 0) return UNKNOWN_CLIENT;
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Fewer entries than proxies: the request came in behind fewer of them, and each entry there was written by one.
  const address = chain.length > 0 ? chain[Math.max(0, chain.length - hops)] : headers.get("x-real-ip")?.trim();
  return address ? address.slice(0, 64) : UNKNOWN_CLIENT;
}
