import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { readableTextColour } from "./colour";
import { parseInline, parseMarkdown, safeHref } from "./chat/markdown";
import { newMessageId } from "./chat/ids";
import { keepLive } from "./chat/live";
import { SseEvents, SseParser } from "./chat/stream";

const hosts = ["lumen.example"];

describe("the chat's Markdown", () => {
  it("formats bold, italics, code, lists and citations as data, never as HTML", () => {
    expect(parseMarkdown("A **women's cut** is *€48* [1].\n\n- Men: `€28`\n- Kids: €20", hosts)).toEqual([
      { kind: "p", children: [
        { kind: "text", text: "A " },
        { kind: "strong", children: [{ kind: "text", text: "women's cut" }] },
        { kind: "text", text: " is " },
        { kind: "em", children: [{ kind: "text", text: "€48" }] },
        { kind: "text", text: " " },
        { kind: "cite", n: 1 },
        { kind: "text", text: "." },
      ] },
      { kind: "ul", items: [[{ kind: "text", text: "Men: " }, { kind: "code", text: "€28" }], [{ kind: "text", text: "Kids: €20" }]] },
    ]);
  });

  it("keeps HTML as text", () => {
    expect(parseInline('<img src=x onerror="alert(1)"><script>alert(1)</script>', hosts)).toEqual([
      { kind: "text", text: '<img src=x onerror="alert(1)"><script>alert(1)</script>' },
    ]);
  });

  it("links only to the business's own sites over http(s), and never shows images", () => {
    expect(parseInline("[Book](https://lumen.example/book)", hosts)).toEqual([
      { kind: "link", href: "https://lumen.example/book", children: [{ kind: "text", text: "Book" }] },
    ]);
    expect(parseInline("[Win](https://evil.example/)", hosts)).toEqual([{ kind: "text", text: "Win" }]);
    expect(parseInline("[x](javascript:alert(1))", hosts).some((node) => node.kind === "link")).toBe(false);
    expect(parseInline("![logo](https://lumen.example/logo.png)", hosts)).toEqual([{ kind: "text", text: "logo" }]);
    expect(safeHref("data:text/html,<b>x</b>", hosts)).toBeNull();
    expect(safeHref("https://lumen.example.evil.test/", hosts)).toBeNull();
  });
});

describe("SseParser", () => {
  it("reassembles events split anywhere by the network", () => {
    const stream =
      'data: {"type":"start"}\n\ndata: {"type":"text-start","id":"reply"}\n\ndata: {"type":"text-delta","id":"reply","delta":"Hel"}\n\n' +
      'data: {"type":"text-delta","id":"reply","delta":"lo"}\n\ndata: {"type":"data-reply","data":{"messageId":"m1","sources":[],"confidence":0.9,"intent":"greeting","handedOff":false,"status":"ai","quickReplies":[]}}\n\ndata: [DONE]\n\n';
    for (const size of [1, 7, 50, stream.length]) {
      const parser = new SseParser();
      const chunks = [];
      for (let i = 0; i < stream.length; i += size) chunks.push(...parser.push(stream.slice(i, i + size)));
      expect(chunks.filter((c) => c.type === "text-delta").map((c) => (c.type === "text-delta" ? c.delta : "")).join("")).toBe("Hello");
      expect(chunks.find((c) => c.type === "data-reply")).toMatchObject({ data: { messageId: "m1", status: "ai" } });
    }
  });
});

describe("SseEvents", () => {
  it("reads event names, ids and multi-line data, and skips comments and the retry hint", () => {
    const stream = 'retry: 3000\n\n: heartbeat\n\nevent: ready\ndata: {"status":"ai"}\n\nevent: message\nid: m1\ndata: {"a":\ndata: 1}\n\ndata:plain\n\n';
    for (const size of [1, 5, stream.length]) {
      const events = new SseEvents();
      const out = [];
      for (let i = 0; i < stream.length; i += size) out.push(...events.push(stream.slice(i, i + size)));
      expect(out).toEqual([
        { event: "ready", data: '{"status":"ai"}' },
        { event: "message", id: "m1", data: '{"a":\n1}' },
        { event: "message", data: "plain" },
      ]);
    }
  });
});

/** A streaming response whose body the test writes. */
function streamedResponse() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const encoder = new TextEncoder();
  return {
    response: new Response(body, { headers: { "content-type": "text/event-stream" } }),
    send: (text: string) => controller.enqueue(encoder.encode(text)),
    end: () => controller.close(),
  };
}

/** One event-loop turn: setImmediate is never faked, so this lets queued stream reads run without moving the clock. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Waits turn by turn (not for time to pass) for what the code under test does without a timer. */
const until = async (predicate: () => boolean) => {
  for (let i = 0; i < 1_000 && !predicate(); i++) await turn();
  expect(predicate()).toBe(true);
};
/** Moves the fake clock, then lets what the timers started (an open(), a stream read) run. */
const advance = async (ms: number) => {
  await vi.advanceTimersByTimeAsync(ms);
  for (let i = 0; i < 20; i++) await turn();
};

describe("keepLive (the chat's live stream)", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
    // No jitter: each retry waits exactly half its delay.
    vi.spyOn(Math, "random").mockReturnValue(0);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("hands over events, reads what was missed on every (re)connection, and reconnects when the stream ends", async () => {
    const connections = [streamedResponse(), streamedResponse()];
    const open = vi.fn(async () => connections[open.mock.calls.length - 1]!.response);
    const log: string[] = [];
    const stop = keepLive({
      open,
      onReady: () => void log.push("catch up"),
      onEvent: (e) => void log.push(`${e.event} ${e.data}`),
      poll: () => void log.push("poll"),
      minRetryMs: 1_000,
    });
    await until(() => open.mock.calls.length === 1);
    connections[0]!.send('retry: 3000\n\nevent: ready\ndata: {}\n\nevent: message\nid: m1\ndata: {"id":"m1"}\n\n');
    await until(() => log.length === 2);
    connections[0]!.end();
    // It waits half the (unjittered) delay before reconnecting, not a moment less.
    await advance(499);
    expect(open).toHaveBeenCalledTimes(1);
    await advance(1);
    expect(open).toHaveBeenCalledTimes(2);
    connections[1]!.send('event: ready\ndata: {}\n\nevent: status\ndata: {"status":"human"}\n\n');
    await until(() => log.length === 4);
    expect(log).toEqual(["catch up", 'message {"id":"m1"}', "catch up", 'status {"status":"human"}']);
    stop();
  });

  it("handles events that arrive during the catch-up read after it", async () => {
    const connection = streamedResponse();
    let finishCatchUp: (() => void) | undefined;
    const log: string[] = [];
    const stop = keepLive({
      open: async () => connection.response,
      onReady: () => new Promise<void>((resolve) => (finishCatchUp = () => (log.push("caught up"), resolve()))),
      onEvent: (e) => void log.push(e.event),
      poll: () => {},
    });
    await turn();
    connection.send("event: ready\ndata: {}\n\nevent: message\ndata: {}\n\n");
    await until(() => finishCatchUp !== undefined);
    for (let i = 0; i < 20; i++) await turn();
    expect(log).toEqual([]);
    finishCatchUp!();
    await until(() => log.length === 2);
    expect(log).toEqual(["caught up", "message"]);
    stop();
  });

  it("polls only while the stream is down, and retries with a doubling delay up to the cap", async () => {
    let live: ReturnType<typeof streamedResponse> | undefined;
    const failures = 6;
    const open = vi.fn(async () => {
      if (open.mock.calls.length <= failures) throw new TypeError("Failed to fetch");
      live = streamedResponse();
      return live.response;
    });
    const poll = vi.fn();
    let ready = false;
    const stop = keepLive({ open, onReady: () => void (ready = true), onEvent: () => {}, poll, pollMs: 1_000, minRetryMs: 1_000, maxRetryMs: 8_000 });
    await until(() => open.mock.calls.length === 1);
    // Half of 1, 2, 4, 8 s, then of the 8 s cap: each wait to the millisecond.
    for (const wait of [500, 1_000, 2_000, 4_000, 4_000, 4_000]) {
      const calls = open.mock.calls.length;
      await advance(wait - 1);
      expect(open).toHaveBeenCalledTimes(calls);
      await advance(1);
      expect(open).toHaveBeenCalledTimes(calls + 1);
    }
    expect(live).toBeDefined();
    // 15.5 s down: a poll every second meanwhile.
    expect(poll).toHaveBeenCalledTimes(15);
    live!.send("event: ready\ndata: {}\n\n");
    await until(() => ready);
    await advance(60_000);
    expect(poll).toHaveBeenCalledTimes(15);
    stop();
    await advance(60_000);
    expect(poll).toHaveBeenCalledTimes(15);
    expect(open).toHaveBeenCalledTimes(failures + 1);
  });

  it("gives up for good when the session is refused", async () => {
    const open = vi.fn(async () => new Response('{"error":{"code":"invalid_token"}}', { status: 401 }));
    const poll = vi.fn();
    keepLive({ open, onReady: () => {}, onEvent: () => {}, poll, pollMs: 1_000, minRetryMs: 500 });
    await until(() => open.mock.calls.length === 1);
    await advance(60_000);
    expect(open).toHaveBeenCalledTimes(1);
    expect(poll).not.toHaveBeenCalled();
  });
});

describe("readableTextColour", () => {
  it("puts white on dark colours and black on light ones", () => {
    expect(readableTextColour("#4f46e5")).toBe("#ffffff");
    expect(readableTextColour("#111827")).toBe("#ffffff");
    expect(readableTextColour("#fde047")).toBe("#000000");
    expect(readableTextColour("#ffffff")).toBe("#000000");
  });
});

describe("newMessageId", () => {
  const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it("is a v4 UUID, also where crypto.randomUUID is missing (a frame in a plain-http page is no secure context)", () => {
    expect(newMessageId()).toMatch(UUID_V4);
    const original = crypto.randomUUID;
    Object.defineProperty(crypto, "randomUUID", { value: undefined, configurable: true });
    try {
      const ids = new Set(Array.from({ length: 200 }, () => newMessageId()));
      expect(ids.size).toBe(200);
      for (const id of ids) expect(id).toMatch(UUID_V4);
    } finally {
      Object.defineProperty(crypto, "randomUUID", { value: original, configurable: true });
    }
  });
});
