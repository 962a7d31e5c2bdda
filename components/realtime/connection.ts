import { parseRealtimeEvent, realtimeEventTypes, type RealtimeEvent } from "@/lib/realtime/events";

export type RealtimeStatus = "connecting" | "live" | "reconnecting";

/** What the connection needs of an EventSource (tests hand it a fake). */
export type EventSourceLike = {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  onerror: ((event: Event) => void) | null;
  close(): void;
};

export type RealtimeConnectionOptions = {
  url: string;
  /** Live, first and after every reconnection: read what was missed (nothing depends on an event arriving). */
  onOpen: () => void;
  onEvent: (event: RealtimeEvent) => void;
  onStatus: (status: RealtimeStatus) => void;
  createEventSource?: (url: string) => EventSourceLike;
  minRetryMs?: number;
  maxRetryMs?: number;
};

/** EventSource.CLOSED: the browser gave up on the stream (an error status such as 401, 404 or 500). */
const CLOSED = 2;

/**
 * One EventSource to the member stream. A stream that drops is reopened by the browser itself (the server's `retry`
 * hint); one the browser gives up on (an error status) is reopened here, after a growing delay. The server sends
 * `ready` once it is listening, so that is when the connection counts as live. Returns a function that closes it.
 */
export function connectRealtime({
  url,
  onOpen,
  onEvent,
  onStatus,
  createEventSource = (to) => new EventSource(to),
  minRetryMs = 1_000,
  maxRetryMs = 30_000,
}: RealtimeConnectionOptions): () => void {
  let source: EventSourceLike | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let delay = minRetryMs;
  let stopped = false;

  const open = () => {
    source = createEventSource(url);
    source.addEventListener("ready", () => {
      delay = minRetryMs;
      onStatus("live");
      onOpen();
    });
    for (const type of realtimeEventTypes) {
      source.addEventListener(type, (message) => {
        const event = parseRealtimeEvent(message.data);
        if (event) onEvent(event);
      });
    }
    source.onerror = () => {
      if (stopped) return;
      onStatus("reconnecting");
      if (source?.readyState !== CLOSED) return;
      source.close();
      retry = setTimeout(open, delay / 2 + (Math.random() * delay) / 2);
      delay = Math.min(delay * 2, maxRetryMs);
    };
  };

  onStatus("connecting");
  open();
  return () => {
    stopped = true;
    clearTimeout(retry);
    source?.close();
  };
}

/** The query caches an event makes stale (the keys every inbox and notification query starts with). */
export function staleQueryKey(event: RealtimeEvent, businessId: string): ["inbox" | "notifications", string] {
  return [event.type.startsWith("notification.") ? "notifications" : "inbox", businessId];
}

/**
 * Collects invalidations for a moment, so that a burst of events (a conversation and its messages written together)
 * refetches each cache once rather than cancelling and restarting the same request.
 */
export function batchInvalidations(invalidate: (key: readonly [string, string]) => void, delayMs = 50) {
  const pending = new Map<string, readonly [string, string]>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const keys = [...pending.values()];
    pending.clear();
    for (const key of keys) invalidate(key);
  };
  return {
    add(key: readonly [string, string]) {
      pending.set(key.join("\u0000"), key);
      timer ??= setTimeout(flush, delayMs);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      pending.clear();
    },
  };
}
