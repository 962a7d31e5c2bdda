import { alternativesFor, joinBrandNames } from "@/lib/knowledge/expansion";
import { contentStems, contentWords } from "@/lib/knowledge/offline-embedder";

// Verbs and fillers customers wrap a question in ("can I bring my dog", "I'd like to know the price", "what's your
// cancellation policy"): a passage need not repeat them to answer.
const WRAPPERS = new Set(
  ("bring get need want like know tell make take come go see find give let ask much many way really possibly ok okay still " +
    "policy policies info information detail details rule rules happen happens else somewhere anywhere something anything")
    .split(" ")
    .map((w) => contentStems(w)[0] ?? w),
);

/** A content word of a question and what else it may be written as in a passage, each alternative weighing < 1. */
type Term = { stem: string; alternatives: { stems: string[]; weight: number }[] };

const terms = new Map<string, Term[]>();

/** The question's content words, without the verbs and fillers it is wrapped in, with their expansions. */
function topicTerms(question: string): Term[] {
  const known = terms.get(question);
  if (known) return known;
  const out: Term[] = [];
  const seen = new Set<string>();
  for (const { word, stem } of contentWords(joinBrandNames(question.toLowerCase()))) {
    // A number in a question ("20 mins late", "we arrive at 11pm") is the customer's case, not a word the
    // passage that answers it shares: the passage states its own ("more than 15 minutes").
    if (WRAPPERS.has(stem) || seen.has(stem) || /\d/.test(stem)) continue;
    seen.add(stem);
    const alternatives = alternativesFor(word).flatMap(({ words, weight }) => {
      const stems = contentStems(words.join(" ")).filter((s) => !WRAPPERS.has(s));
      return stems.length > 0 && !(stems.length === 1 && stems[0] === stem) ? [{ stems, weight }] : [];
    });
    out.push({ stem, alternatives });
  }
  if (terms.size > 1000) terms.clear();
  terms.set(question, out);
  return out;
}

/** Whether a question names its topic in words a passage could share ("Where are you?" does not). */
export const hasTopicWords = (question: string) => topicTerms(question).length > 0;

const matches = (stem: string, words: Set<string>) =>
  words.has(stem) || (stem.length >= 4 && [...words].some((w) => w.length >= 4 && (w.startsWith(stem) || stem.startsWith(w))));

/**
 * The share of the question's content words (0..1) that a text covers; 0 when the question has none. By default a
 * word also matches its longer or shorter forms the stemmer missed ("colour" in "colours"); `exact` counts only the
 * same stem, as "late" in "later" is another word. A word the text does not contain counts for the weight of its
 * best alternative the text does contain (lib/knowledge/expansion.ts: "stroller" as "pushchair" counts 0.7), so a
 * passage in the customer's own words still covers more than one in synonyms.
 */
export function coverage(question: string, text: string, { exact = false }: { exact?: boolean } = {}): number {
  const asked = topicTerms(question);
  if (asked.length === 0) return 0;
  const words = new Set(contentStems(text));
  const has = (stem: string) => (exact ? words.has(stem) : matches(stem, words));
  let covered = 0;
  for (const term of asked) {
    if (has(term.stem)) covered += 1;
    else covered += term.alternatives.reduce((best, alt) => (alt.weight > best && alt.stems.every(has) ? alt.weight : best), 0);
  }
  return covered / asked.length;
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
    const stems = topicTerms(word).map((term) => term.stem);
    const key = stems.join(" ");
    if (stems.length === 0 || seen.has(key)) continue;
    seen.add(key);
    asked.push(word);
    if (stems.some((s) => matches(s, words))) shared.push(word);
  }
  return { asked, shared };
}
