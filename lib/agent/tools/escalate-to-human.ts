import { tool } from "ai";
import { z } from "zod";
import { handOffConversation, handoffReasons } from "@/lib/conversations/handoff";
import { withServiceRole } from "@/lib/db";
import type { HoursState } from "../hours";
import type { AgentToolFactory } from "./types";

/** What the customer is told when a person takes over: honest about when that will be. */
export function handoffLine(hours: HoursState): string {
  if (hours.openNow || hours.nextOpenLabel === null) return "I've asked a member of our team to join — they'll reply here shortly.";
  return `I've passed this to our team. We're closed right now, so they'll reply from ${hours.nextOpenLabel}. You can leave your email so the answer reaches you.`;
}

export const escalateToHumanTool: AgentToolFactory = (context) =>
  tool({
    description:
      "Hand the conversation to a person: when the customer asks for one, complains, asks about refunds, medical or legal matters, or when the knowledge base does not answer the question.",
    inputSchema: z.object({
      // The budget and a failing model are the pipeline's reasons, never the model's own choice.
      reason: z.enum(handoffReasons.filter((r) => r !== "budget_exhausted" && r !== "answer_failed") as [string, ...string[]]),
      summary: z.string().trim().min(1).max(1000).describe("One or two sentences for the staff member: who, what they want, what is missing"),
    }),
    execute: async ({ reason, summary }) => {
      const message = handoffLine(context.hours);
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
