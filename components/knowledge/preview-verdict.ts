import { handoffReasonText } from "@/components/inbox/format";

/** What the playground knows about a previewed reply (lib/agent/preview.ts). */
export type VerdictInput = { confidence: number | null; handedOff: boolean; handoffReason: string | null };

export type Verdict = {
  tone: "success" | "warning" | "info";
  /** "Confident", "Unsure — would pass to your team", "Would pass to your team". */
  title: string;
  /** Why, in a sentence an owner can act on. */
  detail: string;
  /** The knowledge did not answer: offer to add the answer. */
  missingKnowledge: boolean;
};

const percent = (n: number) => `${Math.round(n * 100)}%`;

/** The preview's outcome in an owner's words: would the customer get this reply, or a person, and why. */
export function previewVerdict({ confidence, handedOff, handoffReason }: VerdictInput, threshold: number): Verdict {
  const below = confidence === null ? "" : ` Its confidence, ${percent(confidence)}, is under your hand-off level of ${percent(threshold)}.`;
  if (!handedOff) {
    return {
      tone: "success",
      title: "Confident",
      detail:
        confidence === null
          ? "The customer would get this reply."
          : `The customer would get this reply: ${percent(confidence)} sure, above your hand-off level of ${percent(threshold)}.`,
      missingKnowledge: false,
    };
  }
  switch (handoffReason) {
    case "no_answer":
      return {
        tone: "warning",
        title: "Unsure — would pass to your team",
        detail: "Nothing in your knowledge answers this, so a person would reply.",
        missingKnowledge: true,
      };
    case "low_confidence":
      return {
        tone: "warning",
        title: "Unsure — would pass to your team",
        detail: `The assistant is not sure its answer is right, so a person would check.${below}`,
        missingKnowledge: true,
      };
    case "risky_topic":
    case "complaint":
      return {
        tone: "info",
        title: "Would pass to your team",
        detail: `${handoffReasonText(handoffReason)}: these always go to a person, even when your knowledge covers them.`,
        missingKnowledge: false,
      };
    case "customer_request":
      return { tone: "info", title: "Would pass to your team", detail: "The customer asks for a person, so a person answers straight away.", missingKnowledge: false };
    case "budget_exhausted":
      return {
        tone: "warning",
        title: "Would pass to your team",
        detail: "Today's AI budget is spent, so every question goes to a person until midnight. An owner or admin can raise it in Settings → AI.",
        missingKnowledge: false,
      };
    default:
      return { tone: "info", title: "Would pass to your team", detail: `${handoffReasonText(handoffReason ?? "other")}.`, missingKnowledge: false };
  }
}
