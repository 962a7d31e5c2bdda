/** Reading a fetched page's body: decompression with a cap on the decompressed size, and charset decoding. */
import type { IncomingMessage } from "node:http";
import { addAbortSignal, pipeline, Readable, type Transform } from "node:stream";
import zlib from "node:zlib";
import { PageFetchError, tooLarge } from "./fetch-page-errors";

export type ContentCoding = "identity" | "gzip" | "deflate" | "br";

export function contentCoding(header: string | undefined): ContentCoding {
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
export async function readBody(
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

export function charsetOf(parameters: string[]): string | undefined {
  for (const parameter of parameters) {
    const match = /^\s*charset\s*=\s*"?([^";\s]+)"?\s*$/i.exec(parameter);
    if (match) return match[1];
  }
  return undefined;
}

export function decode(body: Uint8Array, charset: string | undefined): string {
  if (charset) {
    try {
      return new TextDecoder(charset).decode(body);
    } catch {
      // An unknown label: UTF-8 reads the ASCII part of any page correctly, which beats failing the import.
    }
  }
  return new TextDecoder("utf-8").decode(body);
}
