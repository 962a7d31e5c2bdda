import { afterEach, describe, expect, it, vi } from "vitest";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { batchInvalidations, connectRealtime, staleQueryKey, type EventSourceLike, type RealtimeStatus } from "./connection";

const BUSINESS = "7f86dd94-06a5-447b-b61d-cfc6a0e4b42c";
const CONVERSATION = "0b9c4a4e-2f7a-4b8e-9a59-0f6f5d3c2a11";
const USER = "5d1f0c3e-8b2a-4c6d-9e7f-1a2b3c4d5e6f";

class FakeEventSource implements EventSourceLike {
  readyState = 0;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  private listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  emit(type: string, data: unknown) {
    this.readyState = 1;
    for (const listener of this.listeners.get(type) ?? []) listener(new MessageEvent(type, { data: JSON.stringify(data) }));
  }
  fail(readyState: 0 | 2) {
    this.readyState = readyState;
    this.onerror?.(new Event("error"));
  }
}

function connect() {
  const sources: FakeEventSource[] = [];
  const log: string[] = [];
  const statuses: RealtimeStatus[] = [];
  const stop = connectRealtime({
    url: `/api/businesses/${BUSINESS}/events`,
    onOpen: () => log.push("open"),
    onEvent: (event) => log.push(event.type),
    onStatus: (status) => statuses.push(status),
    createEventSource: (url) => {
      const source = new FakeEventSource(url);
      sources.push(source);
      return source;
    },
    minRetryMs: 100,
    maxRetryMs: 400,
  });
  return { sources, log, statuses, stop };
}

const messageCreated: RealtimeEvent = { type: "message.created", businessId: BUSINESS, conversationId: CONVERSATION, id: CONVERSATION, role: "customer" };

describe("connectRealtime", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is live on ready, hands over each known event, and ignores anything malformed", () => {
    const { sources, log, statuses, stop } = connect();
    expect(sources.map((s) => s.url)).toEqual([`/api/businesses/${BUSINESS}/events`]);
    expect(statuses).toEqual(["connecting"]);
    sources[0]!.emit("ready", { businessId: BUSINESS });
    sources[0]!.emit("message.created", messageCreated);
    sources[0]!.emit("notification.created", { type: "notification.created", businessId: BUSINESS, conversationId: null, id: USER, userId: USER });
    sources[0]!.emit("conversation.updated", { type: "conversation.updated", businessId: "not-a-uuid" });
    expect(statuses).toEqual(["connecting", "live"]);
    expect(log).toEqual(["open", "message.created", "notification.created"]);
    stop();
    expect(sources[0]!.closed).toBe(true);
  });

  it("reads what it missed each time the browser reconnects by itself", () => {
    const { sources, log, statuses, stop } = connect();
    sources[0]!.emit("ready", {});
    sources[0]!.fail(0);
    expect(statuses.at(-1)).toBe("reconnecting");
    sources[0]!.emit("ready", {});
    expect(statuses.at(-1)).toBe("live");
    expect(log).toEqual(["open", "open"]);
    expect(sources).toHaveLength(1);
    stop();
  });

  it("reopens a stream the browser gave up on, after a growing delay, and stops for good when closed", () => {
    vi.useFakeTimers();
    const { sources, log, stop } = connect();
    sources[0]!.fail(2);
    expect(sources[0]!.closed).toBe(true);
    vi.advanceTimersByTime(100);
    expect(sources).toHaveLength(2);
    sources[1]!.fail(2);
    vi.advanceTimersByTime(99);
    expect(sources).toHaveLength(2);
    vi.advanceTimersByTime(101);
    expect(sources).toHaveLength(3);
    sources[2]!.emit("ready", {});
    expect(log).toEqual(["open"]);
    stop();
    sources[2]!.fail(2);
    vi.advanceTimersByTime(1_000);
    expect(sources).toHaveLength(3);
  });
});

describe("staleQueryKey and batchInvalidations", () => {
  it("maps message and conversation events to the inbox, notification events to the notifications", () => {
    expect(staleQueryKey(messageCreated, BUSINESS)).toEqual(["inbox", BUSINESS]);
    expect(staleQueryKey({ type: "conversation.created", businessId: BUSINESS, conversationId: CONVERSATION, id: CONVERSATION, status: "ai" }, BUSINESS)).toEqual([
      "inbox",
      BUSINESS,
    ]);
    expect(staleQueryKey({ type: "notification.updated", businessId: BUSINESS, conversationId: null, id: USER, userId: USER }, BUSINESS)).toEqual([
      "notifications",
      BUSINESS,
    ]);
  });

  it("invalidates each key once per burst", () => {
    vi.useFakeTimers();
    const invalidated: string[] = [];
    const batch = batchInvalidations((key) => invalidated.push(key.join(" ")), 50);
    batch.add(["inbox", BUSINESS]);
    batch.add(["inbox", BUSINESS]);
    batch.add(["notifications", BUSINESS]);
    expect(invalidated).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(invalidated).toEqual([`inbox ${BUSINESS}`, `notifications ${BUSINESS}`]);
    batch.add(["inbox", BUSINESS]);
    batch.cancel();
    vi.advanceTimersByTime(50);
    expect(invalidated).toHaveLength(2);
    vi.useRealTimers();
  });
});
