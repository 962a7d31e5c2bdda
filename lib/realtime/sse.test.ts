import { describe, expect, it, vi } from "vitest";
import { formatSseEvent, sseResponse, type SseChannel } from "./sse";
import { sleep, waitFor } from "./testing";

async function readAll(response: Response): Promise<string> {
  return new Response(response.body).text();
}

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

  it("sends a heartbeat comment while idle", async () => {
    const controller = new AbortController();
    const response = sseResponse(controller.signal, () => {}, { heartbeatMs: 20 });
    const reading = readAll(response);
    await sleep(90);
    controller.abort();
    const text = await reading;
    expect(text.startsWith("retry: 3000\n\n")).toBe(true);
    expect(text.match(/: heartbeat\n\n/g)?.length).toBeGreaterThanOrEqual(2);
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
    await waitFor(() => channel !== undefined);
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
    await sleep(10);
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
    await waitFor(() => cleanup.mock.calls.length === 1, { what: "the late cleanup" });

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
