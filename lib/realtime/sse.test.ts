import { afterEach, describe, expect, it, vi } from "vitest";
import { formatSseEvent, sseResponse, type SseChannel } from "./sse";

async function readAll(response: Response): Promise<string> {
  return new Response(response.body).text();
}

/**
 * One turn of the event loop: every promise callback already queued (the stream's start, its cleanup hand-over) has
 * run. A synchronisation point, not a wait for time to pass; setImmediate is never faked here.
 */
const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("formatSseEvent", () => {
  it("frames an event as event:, id:, data: lines and a blank line", () => {
    expect(formatSseEvent({ event: "message.created", id: "42", data: { id: "m1" } })).toBe('event: message.created\nid: 42\ndata: {"id":"m1"}\n\n');
    expect(formatSseEvent({ data: null })).toBe("data: null\n\n");
  });

  it("keeps line breaks in names, ids and data from forging fields", () => {
    const framed = formatSseEvent({ event: "ready\ndata: forged", id: "1\r\nevent: x", data: { text: "line one\n\nevent: forged" } });
    expect(framed).toBe('event: readydata: forged\nid: 1event: x\ndata: {"text":"line one\\n\\nevent: forged"}\n\n');
    expect(framed.split("\n\n")).toHaveLength(2);
  });
});

describe("sseResponse", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("answers with an uncached, unbuffered event stream that opens with a retry hint", async () => {
    const controller = new AbortController();
    const response = sseResponse(controller.signal, (channel) => {
      channel.send({ event: "ready", data: { ok: true } });
      channel.close();
    }, { retryMs: 2500 });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache, no-store, no-transform");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    expect(await readAll(response)).toBe('retry: 2500\n\nevent: ready\ndata: {"ok":true}\n\n');
  });

  it("sends a heartbeat comment every heartbeatMs while idle, and none before", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "setTimeout", "clearTimeout", "Date"] });
    const controller = new AbortController();
    const response = sseResponse(controller.signal, () => {}, { heartbeatMs: 20_000 });
    const reading = readAll(response);
    await vi.advanceTimersByTimeAsync(19_999);
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(40_000);
    controller.abort();
    expect(await reading).toBe(`retry: 3000\n\n${": heartbeat\n\n".repeat(3)}`);

    // None before the first interval is up.
    const quiet = new AbortController();
    const early = readAll(sseResponse(quiet.signal, () => {}, { heartbeatMs: 20_000 }));
    await vi.advanceTimersByTimeAsync(19_999);
    quiet.abort();
    expect(await early).toBe("retry: 3000\n\n");
  });

  it("ends and cleans up exactly once when the client goes away", async () => {
    const controller = new AbortController();
    const cleanup = vi.fn();
    let channel: SseChannel | undefined;
    const response = sseResponse(controller.signal, (c) => {
      channel = c;
      return cleanup;
    });
    const reading = readAll(response);
    await settled();
    expect(channel).toBeDefined();
    controller.abort();
    await reading;
    expect(channel!.closed).toBe(true);
    channel!.close();
    channel!.send({ data: "after the end" });
    expect(cleanup).toHaveBeenCalledTimes(1);
  });

  it("cleans up when the reader cancels the body", async () => {
    const cleanup = vi.fn();
    const response = sseResponse(new AbortController().signal, () => cleanup);
    const reader = response.body!.getReader();
    await reader.read();
    // The start function has run and handed its cleanup over before the reader goes away.
    await settled();
    await reader.cancel();
    expect(cleanup).toHaveBeenCalledTimes(1);
  });

  it("runs a cleanup handed back after the stream already ended, and ends when start fails", async () => {
    const controller = new AbortController();
    const cleanup = vi.fn();
    const late = sseResponse(controller.signal, async () => {
      controller.abort();
      return cleanup;
    });
    await readAll(late);
    await settled();
    expect(cleanup).toHaveBeenCalledTimes(1);

    const failing = sseResponse(new AbortController().signal, async () => {
      throw new Error("no database");
    });
    expect(await readAll(failing)).toBe("retry: 3000\n\n");
  });

  it("does not start a stream for a request already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const start = vi.fn();
    expect(await readAll(sseResponse(controller.signal, start))).toBe("retry: 3000\n\n");
    expect(start).not.toHaveBeenCalled();
  });
});
