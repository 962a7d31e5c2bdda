/**
 * Returns `value` if it is a path on this site ("/invite/abc?x=1"), otherwise null, so a crafted
 * `?next=https://evil.example` or `//evil.example` can never send someone off-site after signing in.
 */
export function safeNextPath(value: string | string[] | null | undefined): string | null {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (!candidate || !candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) return null;
  if (candidate.includes("\\") || [...candidate].some((ch) => ch.charCodeAt(0) < 0x20)) return null;
  try {
    const base = "http://frontdesk.invalid";
    const url = new URL(candidate, base);
    if (url.origin !== base) return null;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return null;
  }
}

/** Appends `?next=` to an auth page link when there is somewhere to return to. */
export function withNext(path: string, next: string | null): string {
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}
