import type { KnowledgeSearchResult } from "@/lib/knowledge/types";

/** A passage of the playground with the question's words it holds (lib/agent/preview.ts, `withSharedWords`). */
export type PlaygroundPassage = KnowledgeSearchResult & { words: { asked: string[]; shared: string[] } };

export type MatchLevel = "strong" | "partial" | "weak";

export const MATCH_LEVEL_LABELS: Record<MatchLevel, string> = { strong: "Strong match", partial: "Partial match", weak: "Weak match" };

/**
 * How well a passage matches the question, in words an owner can act on. Not from the fused score: search fuses
 * reciprocal ranks (1 / (10 + rank) per list), so the first passage of any question, even one the knowledge cannot
 * answer, scores the same as the first passage of a question it answers word for word. What does say it is which of
 * the question's words the passage holds (as the assistant's confidence counts them), and whether the typo-tolerant
 * list found it (a word the customer misspelt, corrected to one the passage uses).
 */
export function matchLevel(passage: Pick<PlaygroundPassage, "words" | "ranks">): { level: MatchLevel; reason: string } {
  const { asked, shared } = passage.words;
  if (asked.length === 0) {
    return { level: "weak", reason: "Your question has no words to look for, so this passage was found by meaning alone." };
  }
  const share = shared.length / asked.length;
  if (share === 1) return { level: "strong", reason: asked.length === 1 ? "Holds the word of your question." : "Holds every word of your question." };
  if (share >= 2 / 3) return { level: "strong", reason: `Holds ${shared.length} of your question's ${asked.length} words.` };
  if (shared.length > 0) return { level: "partial", reason: `Holds ${shared.length} of your question's ${asked.length} words.` };
  if (passage.ranks.trigram !== null) return { level: "partial", reason: "Holds a word close to one you may have misspelt." };
  return { level: "weak", reason: "Holds none of your question's words: it is only close in meaning." };
}

/**
 * Whether to warn that no passage shares a word with the question. Only a question with words to share can miss them
 * all; a passage found by a corrected typo shares one.
 */
export function noneSharesAWord(passages: Pick<PlaygroundPassage, "words" | "ranks">[]): boolean {
  return passages.length > 0 && passages.every((p) => p.words.asked.length > 0 && p.words.shared.length === 0 && p.ranks.trigram === null);
}

export const SIGNALS: { key: keyof KnowledgeSearchResult["ranks"]; label: string; explanation: string }[] = [
  { key: "fullText", label: "Words", explanation: "holds the words of the question" },
  { key: "vector", label: "Meaning", explanation: "means something close to the question" },
  { key: "trigram", label: "Typo-tolerant", explanation: "matches even with spelling differences" },
];
