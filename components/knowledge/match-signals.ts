import type { KnowledgeSearchResult } from "@/lib/knowledge/types";

/**
 * Search fuses three ranked lists by reciprocal rank (1 / (60 + rank) each, see search_knowledge in the
 * migrations), so the best possible score is a passage ranked first by all three. Strength is the share of that.
 */
const BEST_FUSED_SCORE = 3 / 61;

export function matchStrength(score: number): number {
  return Math.max(0, Math.min(1, score / BEST_FUSED_SCORE));
}

export const SIGNALS: { key: keyof KnowledgeSearchResult["ranks"]; label: string; explanation: string }[] = [
  { key: "fullText", label: "Full text", explanation: "shares words with the question" },
  { key: "vector", label: "Meaning", explanation: "means something close to the question" },
  { key: "trigram", label: "Typo-tolerant", explanation: "matches even with spelling differences" },
];
