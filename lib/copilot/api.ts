import { z } from "zod";

/**
 * The copilot's HTTP shapes, shared by the route handlers and the inbox's client components: nothing here may import
 * server code.
 */

export const copilotGoals = ["booking", "question", "purchase", "complaint", "other"] as const;
export type CopilotGoal = (typeof copilotGoals)[number];

export const COPILOT_GOAL_LABELS: Record<CopilotGoal, string> = {
  booking: "Wants to book",
  question: "Has a question",
  purchase: "Wants to buy",
  complaint: "Has a complaint",
  other: "Chatting",
};

export const knownFactSchema = z.object({ label: z.string(), value: z.string() });
export type KnownFact = z.infer<typeof knownFactSchema>;

export const suggestionSourceSchema = z.object({ n: z.number().int(), title: z.string(), documentId: z.string() });
export type SuggestionSource = z.infer<typeof suggestionSourceSchema>;

export const copilotSuggestionSchema = z.object({ text: z.string(), sources: z.array(suggestionSourceSchema) });
export type CopilotSuggestion = z.infer<typeof copilotSuggestionSchema>;

/** `POST /api/businesses/[businessId]/conversations/[conversationId]/copilot` */
export const copilotResultSchema = z.object({
  summary: z.string(),
  goal: z.enum(copilotGoals),
  known: z.array(knownFactSchema),
  missing: z.array(z.string()),
  suggestions: z.array(copilotSuggestionSchema).length(2),
  /** The ai_usage row of this suggestion set: what staff do with it is recorded against it. */
  usageId: z.uuid(),
});
export type CopilotResult = z.infer<typeof copilotResultSchema>;

export const suggestionOutcomes = ["sent", "edited", "dismissed"] as const;
export type SuggestionOutcome = (typeof suggestionOutcomes)[number];

/** `POST .../copilot/outcome` → 204, or 409 when this suggestion set already has its outcome. */
export const copilotOutcomeInput = z.strictObject({ usageId: z.uuid(), outcome: z.enum(suggestionOutcomes) });

/** `GET /api/businesses/[businessId]/copilot/stats` (owners and admins). */
export const copilotStatsSchema = z.object({
  days: z.number().int(),
  suggested: z.number().int(),
  sent: z.number().int(),
  edited: z.number().int(),
  dismissed: z.number().int(),
});
export type CopilotStats = z.infer<typeof copilotStatsSchema>;

const percent = (part: number, whole: number) => `${whole > 0 ? Math.round((part / whole) * 100) : 0}%`;

/** The line an owner reads on Settings → AI: how often staff used the suggestions as they were. */
export function copilotStatsLine({ days, suggested, sent, edited, dismissed }: CopilotStats): string {
  return `Reply suggestions, last ${days} days: ${suggested.toLocaleString("en")} suggested · ${percent(sent, suggested)} sent as written · ${percent(edited, suggested)} edited · ${percent(dismissed, suggested)} dismissed`;
}

export const copilotQueryKey = (businessId: string, conversationId: string, lastMessageId: string | null) =>
  ["copilot", businessId, conversationId, lastMessageId] as const;
