import { contentStems } from "@/lib/knowledge/offline-embedder";

/**
 * The fourth hand-off trigger: two unhelpful answers in a row. A customer who tells the assistant its answer did not
 * help ("that doesn't help", "not what I asked", "no, that's wrong"), or asks the same question again nearly word for
 * word, right after an AI answer, has been failed once; the second time in a row, a person takes over instead of a
 * third attempt. Deterministic and from the customer's words alone, so it is the same for every model.
 */

export type Turn = { role: "customer" | "ai" | "agent"; content: string };

const FEEDBACK: RegExp[] = [
  /\b(?:does(?:n'?t| not)|did(?:n'?t| not)|is(?:n'?t| not)|was(?:n'?t| not))\s+(?:really\s+|very\s+|at all\s+)?help(?:ful|ing|ed)?\b/i,
  /\bnot (?:very |really |at all )?helpful\b/i,
  /\b(?:useless|unhelpful|pointless|no help|waste of (?:my )?time)\b/i,
  /\bnot (?:what|the thing) i (?:asked|meant|wanted|said|need(?:ed)?|was asking)\b/i,
  /\bthat(?:'?s| is| was)? not (?:my question|an answer|what i)\b/i,
  /\byou(?:'re| are)? not (?:answering|listening|understanding|getting it|reading)\b/i,
  /\byou (?:did(?:n'?t| not)|do(?:n'?t| not)|never) (?:answer|understand|get it|listen|read)\b/i,
  /\b(?:does(?:n'?t| not)|did(?:n'?t| not)) answer (?:my|the) question\b/i,
  /^\W*(?:(?:please|just|can you|could you)\s+)*(?:answer|read) (?:my|the) question\b/i,
  /^\W*(?:no+\W+)?(?:that(?:'?s| is| was)|it(?:'?s| is)|this is|you(?:'re| are))\s+(?:(?:just|completely|totally|all)\s+)?(?:wrong|incorrect|not (?:right|true|correct))\b/i,
  /\bwrong (?:answer|info(?:rmation)?)\b/i,
  /\b(?:makes no sense|does(?:n'?t| not) make (?:any )?sense)\b/i,
  /\bi (?:already|just) (?:told you|(?:asked|said) (?:you|that|this)\b|(?:asked|said)\W*$)/i,
  // Spanish, Portuguese, French, German.
  /\b(?:no (?:me )?ayuda|no sirve|no es lo que pregunt[ée]|n[ãa]o (?:me )?ajud(?:a|ou)|n[ãa]o [ée] isso|[çc]a (?:ne m'|n')aide pas|ne m'aide pas|pas ce que j'ai demand[ée]|hilft (?:mir )?nicht|bringt nichts)\b/i,
];

/** Whether a customer's message says the answer they got did not help. */
export function isUnhelpfulFeedback(text: string): boolean {
  return FEEDBACK.some((pattern) => pattern.test(text));
}

const normalise = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();

/** Whether a message asks an earlier question again nearly word for word (the answer did not land). */
export function repeatsQuestion(text: string, earlier: string): boolean {
  const [a, b] = [normalise(text), normalise(earlier)];
  if (a.length >= 8 && a === b) return true;
  const [x, y] = [[...new Set(contentStems(text))], [...new Set(contentStems(earlier))]];
  if (x.length < 2 || y.length < 2) return false;
  const shared = x.filter((s) => y.some((t) => sameWord(s, t))).length;
  return shared / (x.length + y.length - shared) >= 0.8;
}

/** The same stem, or one typo apart in a longer word ("womens" and "women's" stem apart). */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < 4 || b.length < 4 || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  // One substitution, insertion or deletion at the first difference, and the rest equal.
  return a.slice(i + 1) === b.slice(i + 1) || a.slice(i) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i);
}

/**
 * How many AI answers in a row, ending with the latest turn, the customer said did not help (counting `current`, the
 * message being answered now), and the question those answers failed. `turns` are the earlier messages, oldest first.
 */
export function unhelpfulRun(turns: Turn[], current: string): { answers: number; question: string | null } {
  let answers = 0;
  let reply = current;
  let index = turns.length - 1;
  let question: string | null = null;
  while (index >= 0 && turns[index]!.role === "ai") {
    const asked = turns[index - 1];
    const askedText = asked?.role === "customer" ? asked.content : null;
    if (!isUnhelpfulFeedback(reply) && !(askedText !== null && repeatsQuestion(reply, askedText))) break;
    answers += 1;
    question = askedText ?? question;
    if (askedText === null) break;
    reply = askedText;
    index -= 2;
  }
  return { answers, question };
}
