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
import { addAbortSignal, pipeline, Readable, type Transform } from "node:stream";
import zlib from "node:zlib";
import { addressAllowed, createAddressPolicy, isPublicAddress, parseIp } from "./address-policy";

export { addressAllowed, isPublicAddress };

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
type ContentCoding = "identity" | "gzip" | "deflate" | "br";

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

function statusHint(status: number): string {
  if (status === 401 || status === 403) return "The page may need a login; Frontdesk can only import pages anyone can open.";
  if (status === 404 || status === 410) return "Check the address for typos, or open it in your browser to find the page.";
  if (status === 429) return "The website asked us to slow down. Try again in a few minutes.";
  if (status >= 500) return "The website has a problem right now. Try again later.";
  return "Check that the address opens in your browser.";
}

function contentCoding(header: string | undefined): ContentCoding {
  const codings = (header ?? "")
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding && coding !== "identity");
  if (codings.length === 0) return "identity";
  const [only] = codings;
  if (codings.length === 1 && only) {
    if (only === "gzip" || only === "x-gzip") return "gzip";
    if (only === "deflate" || only === "br") return only;
  }
  throw new PageFetchError(
    "unsupported_content",
    `The website compressed the page in a way Frontdesk cannot read (${codings.join(", ")}). Try again later or import the page's text instead.`,
  );
}

/**
 * Streams the body and counts bytes after decompression, so neither a long body nor a small compressed bomb is held
 * in memory beyond `maxBytes` (plus one chunk): reading stops and the connection is dropped once the count passes it.
 */
async function readBody(
  response: IncomingMessage,
  coding: ContentCoding,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Uint8Array> {
  let source: AsyncIterable<Buffer> = response;
  let decoder: Transform | undefined;
  if (coding !== "identity") {
    const input: AsyncIterator<Buffer> = response[Symbol.asyncIterator]();
    // "deflate" is meant to be zlib-wrapped, but some servers send raw deflate; the first bytes tell which.
    const first = await input.next();
    if (first.done) return new Uint8Array(0);
    decoder = createDecoder(coding, first.value);
    addAbortSignal(signal, decoder);
    const rest: AsyncIterable<Buffer> = { [Symbol.asyncIterator]: () => input };
    async function* replay(): AsyncGenerator<Buffer> {
      yield first.value;
      yield* rest;
    }
    source = pipeline(Readable.from(replay()), decoder, () => {
      // Errors reach the loop below through `decoder`; the callback only keeps pipeline from throwing them.
    });
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of source) {
      total += chunk.length;
      if (total > maxBytes) throw tooLarge(maxBytes);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof PageFetchError || signal.aborted) throw error;
    if (decoder && isZlibError(error)) {
      throw new PageFetchError(
        "network_error",
        "The website sent a compressed page that could not be unpacked. Try again later.",
      );
    }
    throw error;
  } finally {
    decoder?.destroy();
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}

function createDecoder(coding: Exclude<ContentCoding, "identity">, head: Buffer): Transform {
  if (coding === "gzip") return zlib.createGunzip();
  if (coding === "br") return zlib.createBrotliDecompress();
  const [cmf = 0, flg] = head;
  // RFC 1950: compression method 8, window at most 32 KiB, and the two header bytes a multiple of 31.
  const zlibWrapped = (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && (flg === undefined || ((cmf << 8) | flg) % 31 === 0);
  return zlibWrapped ? zlib.createInflate() : zlib.createInflateRaw();
}

function isZlibError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === "string" && code.startsWith("Z_");
}

function tooLarge(maxBytes: number): PageFetchError {
  return new PageFetchError(
    "too_large",
    `That page is larger than ${formatBytes(maxBytes)}, the most Frontdesk imports from one address. Import a smaller page, or split the content over several pages.`,
  );
}

function charsetOf(parameters: string[]): string | undefined {
  for (const parameter of parameters) {
    const match = /^\s*charset\s*=\s*"?([^";\s]+)"?\s*$/i.exec(parameter);
    if (match) return match[1];
  }
  return undefined;
}

function decode(body: Uint8Array, charset: string | undefined): string {
  if (charset) {
    try {
      return new TextDecoder(charset).decode(body);
    } catch {
      // An unknown label: UTF-8 reads the ASCII part of any page correctly, which beats failing the import.
    }
  }
  return new TextDecoder("utf-8").decode(body);
}

const NOT_FOUND_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_NODATA", "EAI_FAIL"]);
const UNREACHABLE_CODES = new Set(["ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EHOSTDOWN", "ENETDOWN", "EADDRNOTAVAIL"]);
const CUT_OFF_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED", "ERR_STREAM_PREMATURE_CLOSE"]);

function networkError(error: unknown, host: string): PageFetchError {
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

function formatSeconds(ms: number): string {
  const seconds = Number((ms / 1000).toFixed(1));
  return seconds === 1 ? "1 second" : `${seconds} seconds`;
}
