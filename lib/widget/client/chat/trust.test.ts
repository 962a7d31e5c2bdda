import { describe, expect, it, vi } from "vitest";
import { loaderAction } from "../loader-messages";
import { keepLive } from "./live";
import { acceptedFromParent, embedderOrigin, targetOriginFor } from "./parent-origin";

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

/**
 * The chat must close however little the browser says about the embedding page: with no page confirmed (no allowed
 * sites and no Referer, or Firefox with an empty document.referrer) "close" and "opened" still pass, the token never.
 */
describe("the messages between the chat frame and the loader", () => {
  const shop = "https://shop.example";
  const app = "https://app.frontdesk.example";

  it("sends the token only to the confirmed page, and nowhere when none is confirmed", () => {
    expect(targetOriginFor({ type: "frontdesk:token", token: "ey.secret" }, shop)).toBe(shop);
    expect(targetOriginFor({ type: "frontdesk:token", token: "ey.secret" }, null)).toBeNull();
  });

  it("sends close to the confirmed page, or with none confirmed to whatever page embeds the frame", () => {
    expect(targetOriginFor({ type: "frontdesk:close" }, shop)).toBe(shop);
    expect(targetOriginFor({ type: "frontdesk:close" }, null)).toBe("*");
  });

  it("acts on 'opened' from the embedding window even when its page is not confirmed, on nothing from another window", () => {
    const parent = { name: "the embedding window" };
    const opened = { type: "frontdesk:opened" };
    expect(acceptedFromParent({ source: parent, origin: shop, data: opened }, { parent, parentOrigin: shop })).toBe("frontdesk:opened");
    expect(acceptedFromParent({ source: parent, origin: "https://unknown.example", data: opened }, { parent, parentOrigin: null })).toBe("frontdesk:opened");
    expect(acceptedFromParent({ source: { name: "another frame" }, origin: shop, data: opened }, { parent, parentOrigin: shop })).toBeNull();
    expect(acceptedFromParent({ source: null, origin: shop, data: opened }, { parent: null, parentOrigin: null })).toBeNull();
    // A confirmed page is the only origin heard, whatever the message.
    expect(acceptedFromParent({ source: parent, origin: "https://evil.example", data: opened }, { parent, parentOrigin: shop })).toBeNull();
  });

  it("never takes a token or settings from an unconfirmed page", () => {
    const parent = {};
    for (const data of [{ type: "frontdesk:token", token: "ey.planted" }, { type: "frontdesk:config", color: "#000" }, "frontdesk:opened", null]) {
      expect(acceptedFromParent({ source: parent, origin: shop, data }, { parent, parentOrigin: null })).toBeNull();
    }
  });

  it("the loader closes when its own frame says so, from any origin the frame posts with, and hears no other window", () => {
    const frame = { name: "the chat's frame" };
    const close = { type: "frontdesk:close" };
    expect(loaderAction({ source: frame, origin: app, data: close }, { host: app, frame })).toEqual({ kind: "close" });
    expect(loaderAction({ source: { name: "another frame" }, origin: app, data: close }, { host: app, frame })).toBeNull();
    expect(loaderAction({ source: window0(), origin: shop, data: close }, { host: app, frame })).toBeNull();
    // Before the frame exists there is nothing to hear.
    expect(loaderAction({ source: undefined, origin: app, data: close }, { host: app, frame: undefined })).toBeNull();
  });

  it("the loader keeps a token only from its own frame on the chat's origin", () => {
    const frame = {};
    const token = { type: "frontdesk:token", token: "ey.visitor" };
    expect(loaderAction({ source: frame, origin: app, data: token }, { host: app, frame })).toEqual({ kind: "token", token: "ey.visitor" });
    expect(loaderAction({ source: frame, origin: shop, data: token }, { host: app, frame })).toBeNull();
    expect(loaderAction({ source: {}, origin: app, data: token }, { host: app, frame })).toBeNull();
    expect(loaderAction({ source: frame, origin: app, data: { type: "frontdesk:token", token: 42 } }, { host: app, frame })).toBeNull();
  });
});

/** Stands for the page's own window or any other window posting to the loader's page. */
const window0 = () => ({ name: "the page itself" });

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
