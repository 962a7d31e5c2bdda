/**
 * Fetches one page an owner asked us to import (a page or sitemap of their own website) without letting that URL
 * reach anything but the public internet: a server-side request forgery guard. Every hop, redirects included, must
 * be http(s) without credentials, and the address actually connected to must be public or inside the configured
 * `allowCidrs`. Hostnames are checked inside the socket's `lookup`, on the very addresses the socket then connects
 * to, so a DNS answer that changes between a check and the connection (rebinding) has nothing to slip through.
 * Global `fetch` is not used because it offers no such hook.
 */
import dns, { type LookupAddress, type LookupOptions } from "node:dns";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { addressAllowed, createAddressPolicy, isPublicAddress, parseIp } from "./address-policy";

import { addAbortSignal } from "node:stream";
import { charsetOf, contentCoding, decode, readBody } from "./fetch-page-body";
import { networkError, formatSeconds, PageFetchError, statusHint, tooLarge } from "./fetch-page-errors";

export { addressAllowed, isPublicAddress };
export { PageFetchError, type PageFetchErrorCode } from "./fetch-page-errors";


export interface FetchPageOptions {
  /** CIDRs (IPv4/IPv6) allowed even though private or loopback, from configuration. */
  allowCidrs?: string[];
  /** The whole request, redirects and body included. */
  timeoutMs?: number;
  /** Cap on the (decompressed) body. */
  maxBytes?: number;
  maxRedirects?: number;
  /** Media types accepted, compared without parameters. */
  accept?: string[];
  userAgent?: string;
}

export interface FetchedPage {
  /** Final URL, after redirects. */
  url: string;
  status: number;
  /** Media type from Content-Type, lower-cased and without parameters, such as "text/html". */
  contentType: string;
  body: Uint8Array;
  /** The body decoded with the Content-Type charset, UTF-8 when there is none or it is unknown. */
  text(): string;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;
export const DEFAULT_ACCEPT: readonly string[] = [
  "text/html",
  "application/xhtml+xml",
  "text/plain",
  "application/xml",
  "text/xml",
  "application/pdf",
];
export const DEFAULT_USER_AGENT = "FrontdeskBot/1.0 (+knowledge import)";

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

interface Settings {
  allowed: (ip: string) => boolean;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  accept: string[];
  userAgent: string;
}

/** What one hop needs; `redirected` only changes the wording of a blocked-address message. */
interface Hop {
  url: URL;
  redirected: boolean;
}

export async function fetchPage(url: string, options: FetchPageOptions = {}): Promise<FetchedPage> {
  const settings = resolveOptions(options);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), settings.timeoutMs);
  let host = "";
  try {
    let hop: Hop = { url: parseTarget(url, undefined), redirected: false };
    for (let redirects = 0; ; redirects++) {
      host = hop.url.hostname;
      const response = await requestHop(hop, settings, controller.signal);
      try {
        const status = response.statusCode ?? 0;
        const location = response.headers.location;
        if (REDIRECT_STATUSES.has(status) && location) {
          if (redirects >= settings.maxRedirects) {
            throw new PageFetchError(
              "too_many_redirects",
              `That address redirected more than ${settings.maxRedirects} times. Open it in your browser and use the address you end up on.`,
            );
          }
          hop = { url: parseTarget(location, hop.url), redirected: true };
          continue;
        }
        return await readPage(hop.url, response, settings, controller.signal);
      } finally {
        // Frees the socket of a redirect or a rejected answer; harmless after a body was read to the end.
        response.destroy();
      }
    }
  } catch (error) {
    if (error instanceof PageFetchError) throw error;
    if (controller.signal.aborted) {
      throw new PageFetchError(
        "timeout",
        `The website took longer than ${formatSeconds(settings.timeoutMs)} to answer. Try again later, or check that the page opens in your browser.`,
      );
    }
    throw networkError(error, host);
  } finally {
    clearTimeout(timer);
  }
}

function resolveOptions(options: FetchPageOptions): Settings {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  // Bad options are a programming or configuration mistake, not something to word for an owner.
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError("timeoutMs must be a positive number");
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) throw new RangeError("maxBytes must be a non-negative integer");
  if (!Number.isSafeInteger(maxRedirects) || maxRedirects < 0) {
    throw new RangeError("maxRedirects must be a non-negative integer");
  }
  if (!userAgent || /[^\t\x20-\x7e]/.test(userAgent)) throw new RangeError("userAgent must be printable ASCII");
  return {
    allowed: createAddressPolicy(options.allowCidrs ?? []),
    timeoutMs,
    maxBytes,
    maxRedirects,
    accept: (options.accept ?? DEFAULT_ACCEPT).map((type) => type.trim().toLowerCase()),
    userAgent,
  };
}

/** Resolves `text` (against `base` for a redirect's Location) and applies the scheme and credential rules. */
function parseTarget(text: string, base: URL | undefined): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw new PageFetchError(
      "invalid_url",
      base
        ? "That page redirects to an address that is not valid, so Frontdesk stopped there."
        : "That does not look like a web address. Use the full address, for example https://www.example.com/about.",
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new PageFetchError(
      "invalid_url",
      base
        ? "That page redirects to an address that is not a web page (it does not start with http:// or https://)."
        : "Frontdesk can only import web pages: use an address that starts with https:// or http://.",
    );
  }
  if (url.username || url.password) {
    throw new PageFetchError(
      "invalid_url",
      "Remove the user name and password from the address. Frontdesk only imports pages anyone can open.",
    );
  }
  return url;
}

function blockedError(redirected: boolean): PageFetchError {
  return new PageFetchError(
    "blocked_address",
    redirected
      ? "That page redirects to a private network address, which Frontdesk does not fetch. Use the public address of your website."
      : "That address points to a private network, which Frontdesk does not fetch. Use the public address of your website.",
  );
}

/**
 * The only gate for a hostname: resolve every address, refuse the lot if any one is not allowed (so which one the
 * socket happens to pick cannot matter), and hand the checked addresses to the socket so it connects to them and
 * nothing resolved later.
 */
function guardedLookup(allowed: (ip: string) => boolean, redirected: boolean): LookupFunction {
  return (hostname: string, options: LookupOptions, callback) => {
    dns.lookup(hostname, { family: options.family, hints: options.hints, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      const first = addresses[0];
      if (!first) {
        const empty: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
        empty.code = "ENOTFOUND";
        return callback(empty, "", 0);
      }
      if (!addresses.every((entry) => allowed(entry.address))) return callback(blockedError(redirected), "", 0);
      if (options.all) return callback(null, addresses);
      callback(null, first.address, first.family);
    });
  };
}

function requestHop(hop: Hop, settings: Settings, signal: AbortSignal): Promise<IncomingMessage> {
  const { url } = hop;
  const literal = parseIp(url.hostname);
  // A literal IP never reaches `lookup`, so it is judged here, before any connection.
  if (literal && !settings.allowed(url.hostname)) return Promise.reject(blockedError(hop.redirected));
  const options: https.RequestOptions = {
    protocol: url.protocol,
    hostname: url.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: url.port || undefined,
    path: `${url.pathname}${url.search}`,
    method: "GET",
    headers: {
      "User-Agent": settings.userAgent,
      Accept: [...settings.accept, "*/*;q=0.1"].join(", "),
      "Accept-Encoding": "identity",
    },
    // A private agent: no keep-alive socket, connected under another hop's checks, is ever reused.
    agent: false,
    lookup: guardedLookup(settings.allowed, hop.redirected),
    signal,
  };
  return new Promise((resolve, reject) => {
    const onResponse = (response: IncomingMessage) => {
      addAbortSignal(signal, response);
      resolve(response);
    };
    const request = url.protocol === "https:" ? https.request(options, onResponse) : http.request(options, onResponse);
    request.on("socket", (socket) => {
      // Defence in depth: the lookup is the gate, this catches any path that bypassed it (for https it still runs
      // before a byte of the request is sent, as the TLS handshake comes first).
      socket.once("connect", () => {
        const remote = socket.remoteAddress;
        if (remote && !settings.allowed(remote)) request.destroy(blockedError(hop.redirected));
      });
    });
    request.on("error", reject);
    request.end();
  });
}

async function readPage(url: URL, response: IncomingMessage, settings: Settings, signal: AbortSignal): Promise<FetchedPage> {
  const status = response.statusCode ?? 0;
  if (status < 200 || status > 299) {
    const reason = response.statusMessage || http.STATUS_CODES[status] || "";
    throw new PageFetchError("http_error", `The page answered ${`${status} ${reason}`.trim()}. ${statusHint(status)}`, status);
  }
  const header = response.headers["content-type"] ?? "";
  const [essence = "", ...parameters] = header.split(";");
  const contentType = essence.trim().toLowerCase();
  if (!contentType) {
    throw new PageFetchError(
      "unsupported_content",
      "That address did not say what kind of content it sends, so Frontdesk cannot import it. Use the address of a web page, a sitemap, a text file or a PDF.",
    );
  }
  if (!settings.accept.includes(contentType)) {
    throw new PageFetchError(
      "unsupported_content",
      `That address sends content of type ${contentType}, which Frontdesk cannot import. Use the address of a web page, a sitemap, a text file or a PDF.`,
    );
  }
  const coding = contentCoding(response.headers["content-encoding"]);
  const declared = Number(response.headers["content-length"]);
  // Only an uncompressed length says how large the body will be once read.
  if (coding === "identity" && Number.isFinite(declared) && declared > settings.maxBytes) throw tooLarge(settings.maxBytes);
  const body = await readBody(response, coding, settings.maxBytes, signal);
  const charset = charsetOf(parameters);
  return { url: url.href, status, contentType, body, text: () => decode(body, charset) };
}
