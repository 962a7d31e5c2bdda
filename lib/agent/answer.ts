import { coverage } from "./support";
import type { Intent } from "./intent";
import { linesFor, offerFor } from "./lines";

export type Passage = { n: number; title: string; heading: string; text: string };

/** A unit must cover at least half of the question's content words (with its heading's help) to be quoted. */
export const RELEVANCE_BAR = 0.5;
const MAX_UNITS = 3;
const MAX_CHARS = 600;

type Unit = { n: number; order: number; text: string; score: number; own: number };

const QUESTION_END = /[?？]\s*$/;
const LIST_OR_HEADING = /^\s*([-*•]|\d+[.)]|#+)\s/;

/** A word matched only through a longer or shorter form ("late" in "later") counts half. */
const ownCoverage = (question: string, text: string) => (coverage(question, text) + coverage(question, text, { exact: true })) / 2;

/** A passage's text as blocks: list items and paragraphs, with lines wrapped inside a paragraph joined again. */
function blocksOf(text: string): string[] {
  const blocks: string[] = [];
  let open = false;
  for (const line of text.split("\n")) {
    if (!line.trim()) open = false;
    else if (open && !LIST_OR_HEADING.test(line)) blocks[blocks.length - 1] += ` ${line.trim()}`;
    else {
      blocks.push(line);
      open = true;
    }
  }
  return blocks;
}

/** A passage as quotable units: FAQ answers keyed by their question, list items and sentences otherwise. */
function unitsOf(passage: Passage, question: string, base: number): Unit[] {
  const context = `${passage.title} ${passage.heading}`;
  const headingScore = coverage(question, context);
  const units: Unit[] = [];
  const faq = [...passage.text.matchAll(/^Q:\s*(.+?)\s*\nA:\s*([\s\S]+?)(?=\nQ:|$)/gm)];
  if (faq.length > 0) {
    faq.forEach((m, i) => {
      const score = Math.max(coverage(question, m[1]!), coverage(question, `${m[1]} ${m[2]}`));
      units.push({ n: passage.n, order: base + i, text: clean(m[2]!), score, own: score });
    });
    return units;
  }
  // One pair of an FAQ: its question is the last heading, and the answer is quoted whole, never the question.
  const asked = passage.heading.split(" › ").at(-1) ?? "";
  const heading = clean(asked);
  const body = passage.text
    .split("\n")
    .filter((line) => !heading || clean(line) !== heading)
    .join("\n");
  const blocks = blocksOf(body).filter((b) => clean(b).length > 2);
  if (QUESTION_END.test(asked)) {
    const answer = blocks.map(clean).join(" ");
    if (answer && answer.length <= MAX_CHARS) {
      const score = Math.max(coverage(question, asked), coverage(question, `${asked} ${answer}`));
      return [{ n: passage.n, order: base, text: answer, score, own: score }];
    }
  }
  const pieces = blocks
    .flatMap((block) => (LIST_OR_HEADING.test(block) ? [block] : block.split(/(?<=[.!?])\s+(?=[A-Z0-9€£$])/)))
    .map(clean)
    .filter((p) => p.length > 2 && !QUESTION_END.test(p));
  // A short section whose heading names exactly what was asked ("Running late" for "what if I'm late?") answers it
  // with every line, ahead of a line elsewhere that only shares a word's form ("Later cancellations…").
  const short = pieces.length <= 3;
  const named = short && coverage(question, context, { exact: true }) === 1;
  pieces.forEach((text, i) => {
    const own = named ? Math.max(0.9, ownCoverage(question, text)) : ownCoverage(question, text);
    // The heading says what a line is about ("Parking" over "Free, behind the building"), but only lends its
    // words to lines that match something of the question themselves, or to a short section.
    const lent = own > 0 || short ? Math.min(1, own + 0.5 * headingScore) : 0;
    units.push({ n: passage.n, order: base + i, text, score: Math.max(own, lent), own });
  });
  return units;
}

const clean = (text: string) => text.replace(/^\s*([-*•]|\d+[.)]|#+)\s*/, "").replace(/\*\*|__/g, "").replace(/\s+/g, " ").trim();

/**
 * An extractive answer: the passages' best-matching sentences (or the FAQ answer whose question matches), in the
 * passages' order, each followed by its citation. Nothing is invented; null when no sentence clears the relevance
 * bar, so the caller hands off instead of guessing.
 */
export function composeAnswer(question: string, passages: Passage[]): { text: string; cited: number[] } | null {
  const units = passages.flatMap((p, i) => unitsOf(p, question, i * 1000));
  const best = units.filter((u) => u.score >= RELEVANCE_BAR).sort((a, b) => b.score - a.score || a.order - b.order);
  if (best.length === 0) return null;
  const top = best[0]!.score;
  // A line that answers the question in its own words outranks its neighbours that only share its heading:
  // "How much is a women's cut?" quotes the women's price, not the whole price list under "Cuts".
  const topOwn = Math.max(...best.map((u) => u.own));
  const chosen: Unit[] = [];
  let length = 0;
  for (const unit of best) {
    if (chosen.length === MAX_UNITS || unit.score < top - 0.34) break;
    if (unit.own < topOwn - 0.34 || chosen.some((c) => c.text === unit.text)) continue;
    if (length + unit.text.length > MAX_CHARS && chosen.length > 0) break;
    chosen.push(unit);
    length += unit.text.length;
  }
  chosen.sort((a, b) => a.order - b.order);
  const text = chosen.map((u) => `${/[.!?]$/.test(u.text) ? u.text : `${u.text}.`} [${u.n}]`).join(" ");
  return { text, cited: [...new Set(chosen.map((u) => u.n))] };
}

/**
 * Chips under a reply, in the customer's language: only things the chat really does with the chip's words. "Talk to a
 * person" hands off; the vertical's offer ("Ask the team to check availability" at a hotel, an appointment at a salon
 * or clinic, stock at a shop) hands the request to a person with what was asked (respond.ts), since bookings are not
 * taken in the chat. It follows a question about prices or booking, and a business of no such kind offers nothing.
 */
export function quickRepliesFor(intent: Intent, { vertical, language }: { vertical: string; language: string }): string[] {
  const lines = linesFor(language);
  const offer = offerFor(vertical);
  switch (intent) {
    case "price":
    case "booking":
      return offer ? [lines.offers[offer], lines.talkToPerson] : [lines.talkToPerson];
    case "question":
    case "hours":
    case "location":
      return [lines.talkToPerson];
    default:
      return [];
  }
}
