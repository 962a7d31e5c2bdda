import { describe, expect, it, vi } from "vitest";
import { keepLive } from "./live";
import { embedderOrigin } from "./parent-origin";

/** Issue 19, findings 6 and 7, as the chat frame sees them: whom it talks to, and what it does when its session ends. */
describe("embedderOrigin (the one page the chat frame talks to)", () => {
  const shop = "https://shop.example";

  it("is the permitted origin when the browser names that page as the one embedding the frame", () => {
    expect(embedderOrigin({ permitted: shop, ancestorOrigins: [shop], referrer: "" })).toBe(shop);
    // Without ancestorOrigins (Firefox, Safari) the frame load's referrer names the embedding page.
    expect(embedderOrigin({ permitted: shop, ancestorOrigins: undefined, referrer: `${shop}/` })).toBe(shop);
    expect(embedderOrigin({ permitted: shop, ancestorOrigins: [], referrer: `${shop}/products/42?x=1` })).toBe(shop);
  });

  it("is no one when the server permitted no page, whatever the page asked for", () => {
    expect(embedderOrigin({ permitted: null, ancestorOrigins: ["https://evil.example"], referrer: "https://evil.example/" })).toBeNull();
  });

  it("is no one when the browser says another page embeds the frame, or says nothing", () => {
    expect(embedderOrigin({ permitted: shop, ancestorOrigins: ["https://evil.example"], referrer: `${shop}/` })).toBeNull();
    expect(embedderOrigin({ permitted: shop, ancestorOrigins: undefined, referrer: "https://evil.example/" })).toBeNull();
    expect(embedderOrigin({ permitted: shop, ancestorOrigins: undefined, referrer: "" })).toBeNull();
    expect(embedderOrigin({ permitted: shop, ancestorOrigins: undefined, referrer: "not a url" })).toBeNull();
    expect(embedderOrigin({ permitted: shop, ancestorOrigins: ["https://shop.example.evil.test"], referrer: "" })).toBeNull();
  });

  it("is never the wildcard", () => {
    expect(embedderOrigin({ permitted: "*", ancestorOrigins: [shop], referrer: `${shop}/` })).toBeNull();
  });
});

describe("keepLive when the stream refuses the token", () => {
  const streamed = (text: string) =>
    new Response(new ReadableStream<Uint8Array>({ start: (c) => void c.enqueue(new TextEncoder().encode(text)) }), {
      headers: { "content-type": "text/event-stream" },
    });
  const refused = () => new Response('{"error":{"code":"invalid_token"}}', { status: 401 });

  it("opens the session again and reconnects with it, with no wait", async () => {
    vi.useFakeTimers();
    try {
      let token = "old";
      const opened: string[] = [];
      const open = vi.fn(async () => {
        opened.push(token);
        return token === "old" ? refused() : streamed("event: ready\ndata: {}\n\n");
      });
      const reauthorise = vi.fn(async () => {
        token = "fresh";
        return true;
      });
      const onReady = vi.fn();
      const stop = keepLive({ open, reauthorise, onReady, onEvent: () => {}, poll: () => {} });
      await vi.advanceTimersByTimeAsync(0);
      expect(reauthorise).toHaveBeenCalledTimes(1);
      expect(opened).toEqual(["old", "fresh"]);
      expect(onReady).toHaveBeenCalledTimes(1);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it("stops for good when the session cannot be opened again (the key was replaced), or is refused again", async () => {
    vi.useFakeTimers();
    try {
      const open = vi.fn(async () => refused());
      const cannot = vi.fn(async () => false);
      keepLive({ open, reauthorise: cannot, onReady: () => {}, onEvent: () => {}, poll: () => {}, minRetryMs: 5 });
      await vi.advanceTimersByTimeAsync(1_000);
      expect(open).toHaveBeenCalledTimes(1);
      expect(cannot).toHaveBeenCalledTimes(1);

      const again = vi.fn(async () => refused());
      const reopens = vi.fn(async () => true);
      keepLive({ open: again, reauthorise: reopens, onReady: () => {}, onEvent: () => {}, poll: () => {}, minRetryMs: 5 });
      await vi.advanceTimersByTimeAsync(1_000);
      // One fresh session is tried; a token refused straight after it is not retried in a loop.
      expect(again).toHaveBeenCalledTimes(2);
      expect(reopens).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("reconnects after the server ends the stream (its lifetime is up) and reads what it missed", async () => {
    vi.useFakeTimers();
    try {
      const connections: ReadableStreamDefaultController<Uint8Array>[] = [];
      const open = vi.fn(
        async () =>
          new Response(new ReadableStream<Uint8Array>({ start: (c) => void connections.push(c) }), { headers: { "content-type": "text/event-stream" } }),
      );
      const onReady = vi.fn();
      const stop = keepLive({ open, onReady, onEvent: () => {}, poll: () => {}, minRetryMs: 1_000 });
      await vi.advanceTimersByTimeAsync(0);
      connections[0]!.enqueue(new TextEncoder().encode("event: ready\ndata: {}\n\n"));
      await vi.advanceTimersByTimeAsync(0);
      expect(onReady).toHaveBeenCalledTimes(1);
      connections[0]!.close();
      // The retry waits between half the delay and the delay (1 s here).
      await vi.advanceTimersByTimeAsync(1_000);
      expect(open).toHaveBeenCalledTimes(2);
      connections[1]!.enqueue(new TextEncoder().encode("event: ready\ndata: {}\n\n"));
      await vi.advanceTimersByTimeAsync(0);
      expect(onReady).toHaveBeenCalledTimes(2);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
