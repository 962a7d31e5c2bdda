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

/**
 * Splits a server-sent event stream into its `data:` payloads, whatever the network's chunk boundaries: feed it text
 * as it arrives; it returns the complete events so far and keeps the partial tail.
 */
export class SseParser {
  private buffer = "";

  push(text: string): StreamChunk[] {
    this.buffer += text;
    const events = this.buffer.split(/\n\n/);
    this.buffer = events.pop() ?? "";
    const chunks: StreamChunk[] = [];
    for (const event of events) {
      const data = event
        .split("\n")
        .filter((line) => line.startsWith("data:"))
        .map((line) => line.slice(5).trimStart())
        .join("\n");
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
