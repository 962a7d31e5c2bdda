/** One chunk of the AI SDK's UI message stream, as far as the chat needs it. */
export type StreamChunk =
  | { type: "text-delta"; delta: string }
  | { type: "data-reply"; data: ReplyMeta }
  | { type: "error"; errorText: string }
  | { type: "other" };

export type Source = { n: number; title: string; documentId: string };
export type ReplyMeta = {
  messageId: string | null;
  sources: Source[];
  confidence: number | null;
  intent: string | null;
  handedOff: boolean;
  status: "ai" | "needs_human" | "human" | "resolved";
  quickReplies: string[];
};

/** One server-sent event as it came over the wire (`event` is "message" when the server named none). */
export type SseEvent = { event: string; data: string; id?: string };

/**
 * Splits a server-sent event stream into its events, whatever the network's chunk boundaries: feed it text as it
 * arrives; it returns the complete events so far and keeps the partial tail. Comments (heartbeats) are dropped.
 */
export class SseEvents {
  private buffer = "";

  push(text: string): SseEvent[] {
    this.buffer += text;
    const blocks = this.buffer.split("\n\n");
    this.buffer = blocks.pop() ?? "";
    const events: SseEvent[] = [];
    for (const block of blocks) {
      const event: SseEvent = { event: "message", data: "" };
      const data: string[] = [];
      for (const line of block.split("\n")) {
        const colon = line.indexOf(":");
        if (colon === 0) continue;
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? "" : line.slice(colon + (line[colon + 1] === " " ? 2 : 1));
        if (field === "data") data.push(value);
        else if (field === "event") event.event = value;
        else if (field === "id") event.id = value;
      }
      event.data = data.join("\n");
      if (data.length) events.push(event);
    }
    return events;
  }
}

/** The reply stream's `data:` payloads as the chat needs them (the AI SDK's UI message stream). */
export class SseParser {
  private events = new SseEvents();

  push(text: string): StreamChunk[] {
    const chunks: StreamChunk[] = [];
    for (const { data } of this.events.push(text)) {
      if (!data || data === "[DONE]") continue;
      try {
        chunks.push(toChunk(JSON.parse(data) as Record<string, unknown>));
      } catch {
        // A malformed event is skipped; the reply still arrives through the rest of the stream.
      }
    }
    return chunks;
  }
}

function toChunk(raw: Record<string, unknown>): StreamChunk {
  if (raw.type === "text-delta" && typeof raw.delta === "string") return { type: "text-delta", delta: raw.delta };
  if (raw.type === "data-reply" && raw.data && typeof raw.data === "object") return { type: "data-reply", data: raw.data as ReplyMeta };
  if (raw.type === "error") return { type: "error", errorText: String(raw.errorText ?? "") };
  return { type: "other" };
}
