/** The failures of a page import, each with a message an owner can act on. */

export type PageFetchErrorCode =
  | "invalid_url"
  | "blocked_address"
  | "timeout"
  | "too_large"
  | "http_error"
  | "unsupported_content"
  | "too_many_redirects"
  | "network_error";

/** A failure whose message can be shown to the owner as is; `status` is set for http_error. */
export class PageFetchError extends Error {
  constructor(
    public code: PageFetchErrorCode,
    message: string,
    public status?: number,
  ) {
    super(message);
    this.name = "PageFetchError";
  }
}

export function statusHint(status: number): string {
  if (status === 401 || status === 403) return "The page may need a login; Frontdesk can only import pages anyone can open.";
  if (status === 404 || status === 410) return "Check the address for typos, or open it in your browser to find the page.";
  if (status === 429) return "The website asked us to slow down. Try again in a few minutes.";
  if (status >= 500) return "The website has a problem right now. Try again later.";
  return "Check that the address opens in your browser.";
}

export function tooLarge(maxBytes: number): PageFetchError {
  return new PageFetchError(
    "too_large",
    `That page is larger than ${formatBytes(maxBytes)}, the most Frontdesk imports from one address. Import a smaller page, or split the content over several pages.`,
  );
}

const NOT_FOUND_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_NODATA", "EAI_FAIL"]);
const UNREACHABLE_CODES = new Set(["ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EHOSTDOWN", "ENETDOWN", "EADDRNOTAVAIL"]);
const CUT_OFF_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED", "ERR_STREAM_PREMATURE_CLOSE"]);

export function networkError(error: unknown, host: string): PageFetchError {
  const code = (error as NodeJS.ErrnoException | null)?.code ?? "";
  const name = host.replace(/\.$/, "");
  const site = name ? `the website ${name}` : "the website";
  let message: string;
  if (NOT_FOUND_CODES.has(code)) {
    message = `Frontdesk could not find ${site}. Check the address for typos.`;
  } else if (code === "ECONNREFUSED") {
    message = `${capitalise(site)} refused the connection. Check the address, and that the site is up.`;
  } else if (UNREACHABLE_CODES.has(code)) {
    message = `Frontdesk could not reach ${site}. Check that it opens in your browser, then try again.`;
  } else if (CUT_OFF_CODES.has(code) || (error instanceof Error && error.message === "socket hang up")) {
    message = `The connection to ${site} was cut off before the page arrived. Try again in a moment.`;
  } else if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/.test(code)) {
    message = `The security certificate of ${site} could not be verified, so Frontdesk did not fetch it. Check that the site opens in your browser without a warning.`;
  } else if (code.startsWith("HPE_")) {
    message = `${capitalise(site)} sent an answer Frontdesk could not understand. Try again later.`;
  } else {
    message = `Frontdesk could not fetch the page from ${site}. Try again in a moment.`;
  }
  const wrapped = new PageFetchError("network_error", message);
  wrapped.cause = error;
  return wrapped;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function formatBytes(bytes: number): string {
  const units: [number, string][] = [
    [1024 * 1024, "MB"],
    [1024, "KB"],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}

export function formatSeconds(ms: number): string {
  const seconds = Number((ms / 1000).toFixed(1));
  return seconds === 1 ? "1 second" : `${seconds} seconds`;
}
