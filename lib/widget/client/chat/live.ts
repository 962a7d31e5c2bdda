import { SseEvents, type SseEvent } from "./stream";

export type LiveOptions = {
  /** Opens GET /api/widget/events with the visitor's token (EventSource cannot send an Authorization header). */
  open: () => Promise<Response>;
  /**
   * The stream refused the visitor's token (401: the widget key was replaced, the token expired). Opens the session
   * again; true to reconnect with what it gave, false to stop. Without it, a 401 stops the stream.
   */
  reauthorise?: () => Promise<boolean>;
  /** The stream is live, first and after every reconnection: read what was missed meanwhile. */
  onReady: () => Promise<void> | void;
  onEvent: (event: SseEvent) => void;
  /** Reads what is new; called every `pollMs`, but only while the stream is down. */
  poll: () => Promise<void> | void;
  pollMs?: number;
  minRetryMs?: number;
  maxRetryMs?: number;
};

/**
 * Keeps the chat's live stream open: reads it with fetch, reconnects with a growing, jittered delay when it ends or
 * fails (the server ends every stream at its maximum lifetime, and when its authority changes), and polls slowly only
 * while it is down. A 401 is re-authorised once (`reauthorise`); refused again, or a 403, ends it all: retrying
 * cannot help. Returns a function that stops it.
 */
export function keepLive({ open, reauthorise = async () => false, onReady, onEvent, poll, pollMs = 30_000, minRetryMs = 1_000, maxRetryMs = 15_000 }: LiveOptions): () => void {
  let stopped = false;
  let live = false;
  let reader: ReadableStreamDefaultReader<string> | undefined;
  const poller = setInterval(() => {
    if (!live) void poll();
  }, pollMs);
  const stop = () => {
    stopped = true;
    live = false;
    clearInterval(poller);
    void reader?.cancel().catch(() => {});
  };

  void (async () => {
    let delay = minRetryMs;
    let reauthorised = false;
    while (!stopped) {
      try {
        const response = await open();
        if (response.status === 401 && !reauthorised) {
          reauthorised = true;
          if (!(await reauthorise())) return stop();
          continue;
        }
        if (response.status === 401 || response.status === 403) return stop();
        if (response.ok && response.body) {
          reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          const events = new SseEvents();
          for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
            for (const event of events.push(chunk.value)) {
              if (event.event !== "ready") onEvent(event);
              else {
                live = true;
                reauthorised = false;
                delay = minRetryMs;
                // Events that arrive meanwhile wait in the stream, so they are handled after what was missed.
                await onReady();
              }
            }
          }
        }
      } catch {
        // Offline, or the server went away: try again below.
      }
      live = false;
      if (stopped) return;
      await new Promise((resolve) => setTimeout(resolve, delay / 2 + (Math.random() * delay) / 2));
      delay = Math.min(delay * 2, maxRetryMs);
    }
  })();
  return stop;
}
