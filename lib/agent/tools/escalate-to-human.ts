import { tool } from "ai";
import { z } from "zod";
import { handOffConversation, handoffReasons } from "@/lib/conversations/handoff";
import { withServiceRole } from "@/lib/db";
import { smallTalk } from "../escalation-topics";
import { handoffLine } from "../lines";
import type { AgentToolFactory } from "./types";

// The line lives with the other fixed lines, translated; the widget's "talk to a person" button imports it from here.
export { handoffLine };

export const escalateToHumanTool: AgentToolFactory = (context) =>
  tool({
    description:
      "Hand the conversation to a person: when the customer asks for one (customer_request), complains (complaint), asks for a refund or disputes a charge (billing), asks a medical or safety question (medical), raises a legal matter (legal), or when the knowledge base does not answer the question (no_answer).",
    inputSchema: z.object({
      // The budget and a failing model are the pipeline's reasons, never the model's own choice.
      reason: z.enum(handoffReasons.filter((r) => r !== "budget_exhausted" && r !== "answer_failed") as [string, ...string[]]),
      summary: z.string().trim().min(1).max(1000).describe("One or two sentences for the staff member: who, what they want, what is missing"),
    }),
    execute: async ({ reason, summary }) => {
      // A greeting, a thank-you or a goodbye is answered, whichever model asks to hand it over.
      if (smallTalk(context.question)) {
        return { handedOff: false as const, message: null, note: "The customer is only greeting, thanking or saying goodbye: reply briefly and warmly instead." };
      }
      const message = handoffLine(context.hours, context.language);
      const typedReason = handoffReasons.find((r) => r === reason) ?? "other";
      const { conversationId } = context;
      // A preview has no conversation to hand off: the turn still says it would.
      if (conversationId !== null) {
        await withServiceRole((tx) => handOffConversation(tx, { businessId: context.businessId, conversationId, reason: typedReason, summary }));
      }
      context.state.handoff = { reason: typedReason, message };
      return { handedOff: true as const, message };
    },
  });
