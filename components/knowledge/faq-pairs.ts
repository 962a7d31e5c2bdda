import type { FaqEntry } from "@/lib/knowledge/types";

export const QUESTION_MAX = 500;
export const ANSWER_MAX = 5000;

export type FaqPair = FaqEntry & { id: string };

let counter = 0;
/** Keys only: they never reach the DOM, so server and browser need not agree on them. */
export function newPair(entry: FaqEntry = { question: "", answer: "" }): FaqPair {
  counter += 1;
  return { id: `pair-${counter}`, ...entry };
}

export function movePair(pairs: FaqPair[], from: number, to: number): FaqPair[] {
  if (to < 0 || to >= pairs.length) return pairs;
  const next = [...pairs];
  const [moved] = next.splice(from, 1);
  if (moved) next.splice(to, 0, moved);
  return next;
}

export type PairProblems = { question?: string; answer?: string };

/** Per-pair problems keyed by pair id, so they follow a pair when it is moved. */
export function pairProblems(pairs: FaqPair[]): Record<string, PairProblems> {
  const out: Record<string, PairProblems> = {};
  for (const pair of pairs) {
    const problems: PairProblems = {};
    if (!pair.question.trim()) problems.question = "Write the question as a customer would ask it.";
    else if (pair.question.trim().length > QUESTION_MAX) problems.question = `Keep the question under ${QUESTION_MAX} characters (it has ${pair.question.trim().length}).`;
    if (!pair.answer.trim()) problems.answer = "Write the answer the assistant should give.";
    else if (pair.answer.trim().length > ANSWER_MAX) problems.answer = `Keep the answer under ${ANSWER_MAX.toLocaleString()} characters (it has ${pair.answer.trim().length.toLocaleString()}).`;
    if (problems.question || problems.answer) out[pair.id] = problems;
  }
  return out;
}
