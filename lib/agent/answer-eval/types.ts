import type { Vertical } from "@/lib/db/schema/businesses";
import type { KnowledgeCategory } from "@/lib/knowledge/types";

/** One business of an answer-quality set: its knowledge as an owner would write it, and what customers ask it. */
export type AnswerSet = {
  name: string;
  vertical: Vertical;
  timeZone: string;
  currency: string;
  documents: (
    | { kind: "article"; title: string; category: KnowledgeCategory; body: string }
    | { kind: "faq"; title: string; category: KnowledgeCategory; entries: { question: string; answer: string }[] }
  )[];
  /** Questions the knowledge answers: the reply must contain `fact` (case-insensitive) and cite a source. */
  answerable: { q: string; fact: RegExp }[];
  /** Questions it cannot answer: the reply must not state a fact confidently (it hands off, or says it cannot). */
  unanswerable: string[];
};
