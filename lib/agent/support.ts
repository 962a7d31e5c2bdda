import { contentStems } from "@/lib/knowledge/offline-embedder";

// Verbs and fillers customers wrap a question in ("can I bring my dog", "I'd like to know the price"): a passage
// need not repeat them to answer.
const WRAPPERS = new Set(
  "bring get need want like know tell make take come go see find give let ask much many way really possibly ok okay still".split(" ").map((w) => contentStems(w)[0] ?? w),
);

/** The question's content words, without the verbs and fillers it is wrapped in. */
const topicStems = (question: string) => [...new Set(contentStems(question))].filter((s) => !WRAPPERS.has(s));

/** Whether a question names its topic in words a passage could share ("Where are you?" does not). */
export const hasTopicWords = (question: string) => topicStems(question).length > 0;

const matches = (stem: string, words: Set<string>) =>
  words.has(stem) || (stem.length >= 4 && [...words].some((w) => w.length >= 4 && (w.startsWith(stem) || stem.startsWith(w))));

/**
 * The share of the question's content words (0..1) that a text covers; 0 when the question has none. By default a
 * word also matches its longer or shorter forms the stemmer missed ("colour" in "colours"); `exact` counts only the
 * same stem, as "late" in "later" is another word.
 */
export function coverage(question: string, text: string, { exact = false }: { exact?: boolean } = {}): number {
  const asked = topicStems(question);
  if (asked.length === 0) return 0;
  const words = new Set(contentStems(text));
  return asked.filter((s) => (exact ? words.has(s) : matches(s, words))).length / asked.length;
}

/**
 * How well the retrieved passages support an answer to the question: the best passage's coverage of the question's
 * content words (with its title and headings, which often carry the topic: "Parking" over "behind the building").
 */
export function passageSupport(question: string, passages: { title: string; heading: string; text: string }[]): number {
  return passages.reduce((best, p) => Math.max(best, coverage(question, `${p.title} ${p.heading} ${p.text}`)), 0);
}

// A word as a customer types it, hyphenated compounds ("wi-fi", "check-in") kept whole.
const SURFACE_WORD = /[\p{L}\p{N}]+(?:['’‐-][\p{L}\p{N}]+)*/gu;

/**
 * The question's topic words as the customer typed them (`asked`), and those a text holds (`shared`), matched as
 * `coverage` matches them: folded, stemmed, stop words and wrapper verbs left out, other forms of a word counted
 * ("Parking?" shares "parking" with "Park behind the building"). What the knowledge playground shows an owner.
 */
export function sharedWords(question: string, text: string): { asked: string[]; shared: string[] } {
  const words = new Set(contentStems(text));
  const asked: string[] = [];
  const shared: string[] = [];
  const seen = new Set<string>();
  for (const [word] of question.matchAll(SURFACE_WORD)) {
    const stems = topicStems(word);
    const key = stems.join(" ");
    if (stems.length === 0 || seen.has(key)) continue;
    seen.add(key);
    asked.push(word);
    if (stems.some((s) => matches(s, words))) shared.push(word);
  }
  return { asked, shared };
}
