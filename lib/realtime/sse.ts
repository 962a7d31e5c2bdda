import { log } from "@/lib/log";

/** One server-sent event: `data` is sent as JSON. */
export type SseEvent = { event?: string; data: unknown; id?: string };

/** The open stream, as the code feeding it sees it. */
export type SseChannel = {
  send(event: SseEvent): void;
  /** Ends the stream (the client reconnects after the `retry` delay and reads what it missed). */
  close(): void;
  readonly closed: boolean;
};

export type SseOptions = {
  /** How long the browser waits before reconnecting (the `retry:` hint). */
  retryMs?: number;
  /** A comment line this often keeps proxies and load balancers from closing an idle stream. */
  heartbeatMs?: number;
  /**
   * The stream ends this long after it opened, whatever happens: the client reconnects, and is authorised afresh, at
   * least this often (`STREAM_MAX_LIFETIME_MS` by default).
   */
  maxLifetimeMs?: number;
  /** When the credential the stream was opened with expires (epoch ms): the stream ends then, if sooner. */
  closeAt?: number;
};

/** The longest any event stream stays open before its client must reconnect and be authorised again. */
export const STREAM_MAX_LIFETIME_MS = 60 * 60_000;

export const SSE_HEADERS: Readonly<Record<string, string>> = {
  "Content-Type": "text/event-stream; charset=utf-8",
  // no-transform: the server's gzip (and any proxy's) would hold events back to fill a compression window.
  "Cache-Control": "no-cache, no-store, no-transform",
  // nginx buffers proxied responses unless told not to.
  "X-Accel-Buffering": "no",
};

// A field value ends at a line break: an event name or id with one would forge further fields.
const oneLine = (value: string) => value.replace(/[\r\n]/g, "");

/** The wire form of one event: `event:`, `id:`, then one `data:` line per line of its JSON, and a blank line. */
export function formatSseEvent({ event, data, id }: SseEvent): string {
  let text = "";
  if (event) text += `event: ${oneLine(event)}\n`;
  if (id !== undefined) text += `id: ${oneLine(id)}\n`;
  for (const line of JSON.stringify(data ?? null).split("\n")) text += `data: ${line}\n`;
  return `${text}\n`;
}

/**
 * A text/event-stream response. `start` runs once the stream is open and may return a cleanup function, which runs
 * exactly once when the stream ends: the client went away (`signal` aborted, or the body was cancelled), `close()`
 * was called, `start` failed, or its time was up (`maxLifetimeMs`, `closeAt`).
 */
export function sseResponse(
  signal: AbortSignal,
  start: (channel: SseChannel) => Promise<(() => void) | void> | (() => void) | void,
  { retryMs = 3_000, heartbeatMs = 15_000, maxLifetimeMs = STREAM_MAX_LIFETIME_MS, closeAt }: SseOptions = {},
): Response {
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let closed = false;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let lifetime: ReturnType<typeof setTimeout> | undefined;
  let cleanup: (() => void) | undefined;

  const runCleanup = () => {
    const fn = cleanup;
    cleanup = undefined;
    try {
      fn?.();
    } catch (error) {
      log.error("sse.cleanup_failed", { error });
    }
  };
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    clearTimeout(lifetime);
    signal.removeEventListener("abort", close);
    runCleanup();
    try {
      controller?.close();
    } catch {
      // Already closed or cancelled by the client.
    }
  };
  const write = (text: string) => {
    if (closed || !controller) return;
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      close();
    }
  };
  const channel: SseChannel = {
    send: (event) => write(formatSseEvent(event)),
    close,
    get closed() {
      return closed;
    },
  };

  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      write(`retry: ${retryMs}\n\n`);
      heartbeat = setInterval(() => write(": heartbeat\n\n"), heartbeatMs);
      // An unparseable expiry ends the stream at once rather than never.
      const untilExpiry = closeAt === undefined ? Infinity : Number.isFinite(closeAt) ? closeAt - Date.now() : 0;
      lifetime = setTimeout(close, Math.max(0, Math.min(maxLifetimeMs, untilExpiry)));
      if (signal.aborted) return close();
      signal.addEventListener("abort", close, { once: true });
      Promise.resolve()
        .then(() => start(channel))
        .then(
          (fn) => {
            cleanup = fn ?? undefined;
            if (closed) runCleanup();
          },
          (error: unknown) => {
            log.error("sse.start_failed", { error });
            close();
          },
        );
    },
    cancel() {
      close();
    },
  });
  return new Response(body, { status: 200, headers: SSE_HEADERS });
}
