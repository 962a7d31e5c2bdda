/** The value and what it becomes decoded once, twice, three times; null when its percent-encoding is malformed. */
function decodedForms(value: string): string[] | null {
  const forms = [value];
  for (let i = 0; i < 3; i += 1) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(forms.at(-1)!);
    } catch {
      return null;
    }
    if (decoded === forms.at(-1)) break;
    forms.push(decoded);
  }
  return forms;
}

/**
 * Returns `value` if it is a path on this site ("/invite/abc?x=1"), otherwise null, so a crafted
 * `?next=https://evil.example` or `//evil.example` can never send someone off-site after signing in. Encoded forms
 * (`/%2F%2Fevil.example`, `/%5Cevil.example`) are refused too: whatever later decodes the path once more (a router, a
 * proxy's redirect) must not find another site in it. The one check for every return path: the embedded sign-in and
 * sign-up pages, and the hosted `/auth/callback` and `/api/auth/google` (which resolve it against APP_URL, never the
 * request's Host). A plain module with no imports, so client components use it too (components/auth/safe-next).
 */
export function safeNextPath(value: string | string[] | null | undefined): string | null {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (!candidate || !candidate.startsWith("/")) return null;
  const forms = decodedForms(candidate);
  if (!forms) return null;
  const offSite = (form: string) =>
    form.startsWith("//") || form.includes("\\") || [...form].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);
  if (forms.some(offSite)) return null;
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
