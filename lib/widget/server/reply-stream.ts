import { createUIMessageStream, createUIMessageStreamResponse } from "ai";
import { answerCustomerMessage, type ReplyMeta } from "@/lib/agent/respond";
import type { IngestedMessage } from "@/lib/conversations/ingest";
import { log } from "@/lib/log";

const TEXT_ID = "reply";
const SORRY = "Sorry — something went wrong on our side. Your message is saved and we'll answer it shortly.";

/**
 * Streams the agent's answer to a stored message in the AI SDK's UI message protocol: text deltas as they are
 * written, then one `data-reply` part with the sources, confidence, intent and hand-off state. The turn runs to the
 * end even if the visitor closes the page, so the reply is stored; a failed turn leaves the message for the sweeper.
 */
export function replyStreamResponse(businessId: string, stored: IngestedMessage): Response {
  const stream = createUIMessageStream({
    execute: async ({ writer }) => {
      let open = false;
      const write = (part: Parameters<typeof writer.write>[0]) => {
        try {
          writer.write(part);
        } catch {
          // The visitor left; the turn still finishes and is stored.
        }
      };
      const text = (delta: string) => {
        if (!delta) return;
        if (!open) write({ type: "text-start", id: TEXT_ID });
        open = true;
        write({ type: "text-delta", id: TEXT_ID, delta });
      };
      write({ type: "start" });
      let meta: ReplyMeta;
      if (!stored.needsAnswer) {
        meta = { messageId: null, sources: [], confidence: null, intent: null, handedOff: stored.status !== "ai", status: stored.status, quickReplies: [] };
      } else {
        try {
          meta = await answerCustomerMessage({ businessId, messageId: stored.messageId, sink: { text } });
        } catch (error) {
          log.error("widget.reply_failed", { businessId, messageId: stored.messageId, error });
          text(SORRY);
          meta = { messageId: null, sources: [], confidence: null, intent: null, handedOff: false, status: stored.status, quickReplies: [] };
        }
      }
      if (open) write({ type: "text-end", id: TEXT_ID });
      write({ type: "data-reply", data: meta });
      write({ type: "finish" });
    },
  });
  return createUIMessageStreamResponse({ stream, headers: { "Cache-Control": "no-store" } });
}
