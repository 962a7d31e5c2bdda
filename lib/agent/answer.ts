import { coverage, hasTopicWords } from "./support";
import type { AnswerFit } from "./confidence";
import type { Intent } from "./intent";
import { linesFor, offerFor } from "./lines";

export type Passage = { n: number; title: string; heading: string; text: string };

/** A unit must cover at least half of the question's content words (with its heading's help) to be quoted. */
export const RELEVANCE_BAR = 0.5;
const MAX_UNITS = 3;
const MAX_CHARS = 600;

/** `block` ties a sentence to its paragraph: only a sentence of the same paragraph can complete it. */
type Unit = { n: number; order: number; block: number; text: string; score: number; own: number };

/**
 * What kind of fact a question asks for, when its words say so: a price for "how much", a time of day for "what
 * time", a length of time for "how long", the business's address for "where are you". Questions of other kinds
 * ("can I bring my dog?") are answered by any relevant sentence.
 */
export type AnswerType = "price" | "time" | "duration" | "place" | "any";

const ASKS: [Exclude<AnswerType, "any">, RegExp][] = [
  ["price", /\bhow much\b|\bprices?\b|\bpricing\b|\bcosts?\b|\bfees?\b|\bcharges?\b|\bhow expensive\b|\brates?\b|\btariff/],
  ["duration", /\bhow long\b|\bhow many (minutes|hours|days|weeks|nights)\b/],
  ["time", /\bwhat time\b|\bwhen\b|\bhow (late|early)\b|\bby what time\b|\buntil what\b/],
  [
    "place",
    /\b(where|wheres|where's)\s+(are|r|is)?\s*(you|u|ya|you guys|the (shop|store|salon|hotel|house|clinic|studio|office|place|guesthouse|building|entrance|gym|school|spa))\b|\baddress\b|\blocated\b|\blocation\b|\bdirections\b|\bfind you\b|\bget to you\b/,
  ],
];

/** The question without the words that ask for the business's address ("where are you", "your address"). */
const withoutPlaceAsk = (question: string) => question.toLowerCase().replace(/[’']/g, "'").replace(new RegExp(ASKS[3]![1].source, "g"), " ");

export function questionType(question: string): AnswerType {
  const q = question.toLowerCase().replace(/[’']/g, "'");
  return ASKS.find(([, pattern]) => pattern.test(q))?.[0] ?? "any";
}

const NUMBER_WORD = "(?:\\d+(?:[.,]\\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|sixty|ninety|a few|several|half an?)";
const PRICE = /[£$€¥₹]\s?\d|\d\s?(?:€|eur\b|euros?\b|pounds?\b|gbp\b|usd\b|dollars?\b|reais\b|rm\b)|\bfree\b|\bno charge\b|\bat no (?:extra )?cost\b|\bincluded\b|\d\s?%/i;
const TIME = /\b\d{1,2}(?:[:.h]\d{2})?\s?(?:am|pm)\b|\b\d{1,2}[:h]\d{2}\b|\bnoon\b|\bmidday\b|\bmidnight\b/i;
const DURATION = new RegExp(`\\b${NUMBER_WORD}[\\s-]+(?:working |business |full )?(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|nights?)\\b`, "i");
const PLACE_WORD = /(?<![-\w])(?:street|st|road|rd|lane|ln|avenue|ave|square|sq|quay|rua|avenida|calle|via|praça|plaza|strasse|straße|jalan|đường|floor|postcode)\b/i;
// A house number before a capitalised name ("14 Mill Lane", "22 Rua…"), a UK postcode, a Portuguese or 5-digit one.
const ADDRESS = /\b\d+[a-z]?,?\s+\p{Lu}\p{L}+|\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b|\b\d{4}-\d{3}\b/u;
const HAS: Record<Exclude<AnswerType, "any">, (text: string) => boolean> = {
  price: (text) => PRICE.test(text),
  time: (text) => TIME.test(text),
  duration: (text) => DURATION.test(text),
  place: (text) => PLACE_WORD.test(text) || ADDRESS.test(text),
};

/** Whether a text states the kind of fact a question of this type asks for. */
export const statesType = (type: AnswerType, text: string) => type === "any" || HAS[type](text);

// The words that only ask for the kind of fact ("price" in "men's cut price?"): a sentence giving it need not repeat them.
const ASKING_WORDS: Record<AnswerType, RegExp | null> = {
  price: /\b(?:how much|prices?|pricing|costs?|fees?|charges?|rates?|tariffs?|expensive)\b/g,
  duration: /\bhow long\b/g,
  time: /\b(?:what time|when|time)\b/g,
  place: null,
  any: null,
};
const withoutAskingWords = (type: AnswerType, question: string) => {
  if (type === "place") return withoutPlaceAsk(question);
  const words = ASKING_WORDS[type];
  return words ? question.toLowerCase().replace(words, " ") : question;
};
/** A sentence stating the fact asked for must also cover this much of the question's other words to answer it. */
const TYPED_SENTENCE_BAR = 0.3;

/** A sentence typed right for the question (a price for "how much") counts this much more. */
const TYPE_BONUS = 0.2;
/** A sentence giving an address answers "where are you?", which names no word a passage would share. */
const PLACE_FLOOR = 0.6;
// A sentence that opens like this only completes the one before it: "…included, except on saver rates".
const CONTINUES = /^(?:except|but|unless|however|although|though|otherwise|only|if not|apart from|excluding|not on)\b/i;
// A sentence that opens with a pronoun takes its subject from the sentence before: "It is included…".
const REFERS_BACK = /^(?:it|they|this|these|those|that|there|he|she|its|their)\b/i;

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
      units.push({ n: passage.n, order: base + i, block: -1, text: clean(m[2]!), score, own: score });
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
      return [{ n: passage.n, order: base, block: -1, text: answer, score, own: score }];
    }
  }
  const pieces = blocks
    .flatMap((block, b) =>
      (LIST_OR_HEADING.test(block) ? [block] : block.split(/(?<=[.!?])\s+(?=[A-Z0-9€£$])/)).map((text) => ({ text: clean(text), block: b })),
    )
    .filter((p) => p.text.length > 2 && !QUESTION_END.test(p.text));
  // A short section whose heading names exactly what was asked ("Running late" for "what if I'm late?") answers it
  // with every line, ahead of a line elsewhere that only shares a word's form ("Later cancellations…").
  const short = pieces.length <= 3;
  const named = short && coverage(question, context, { exact: true }) === 1;
  pieces.forEach(({ text, block }, i) => {
    const own = named ? Math.max(0.9, ownCoverage(question, text)) : ownCoverage(question, text);
    // The heading says what a line is about ("Parking" over "Free, behind the building"), but only lends its
    // words to lines that match something of the question themselves, or to a short section.
    const lent = own > 0 || short ? Math.min(1, own + 0.5 * headingScore) : 0;
    units.push({ n: passage.n, order: base + i, block: base + block, text, score: Math.max(own, lent), own });
  });
  return units;
}

const clean = (text: string) => text.replace(/^\s*([-*•]|\d+[.)]|#+)\s*/, "").replace(/\*\*|__/g, "").replace(/\s+/g, " ").trim();

/**
 * An extractive answer: the passages' best-matching sentences (or the FAQ answer whose question matches), in the
 * passages' order, each followed by its citation. A sentence of the kind the question asks for (a price for "how
 * much", a time for "what time") ranks above one that only shares its words, and the sentence next to a quoted one
 * comes along when it completes it ("…, except on saver rates", "It is included…", the price the first one lacks).
 * Nothing is invented; null when no sentence clears the relevance bar, so the caller hands off instead of guessing.
 * `typeMatched`: the quoted sentences state the kind of fact asked for (true when the question asks for no kind).
 */
export function composeAnswer(
  question: string,
  passages: Passage[],
): { text: string; cited: number[]; typeMatched: boolean } | null {
  const type = questionType(question);
  // "What's your address?" names no topic beyond asking where the business is.
  const wordless = !hasTopicWords(type === "place" ? withoutPlaceAsk(question) : question);
  const units = passages.flatMap((p, i) => unitsOf(p, question, i * 1000));
  for (const unit of units) {
    if (type === "any" || !statesType(type, unit.text)) continue;
    // "Where are you?" shares no word with "We are at 14 Mill Lane": the address is the answer by its kind.
    if (type === "place" && wordless) unit.score = Math.max(unit.score, PLACE_FLOOR);
    else if (unit.own > 0) unit.score = Math.min(1 + TYPE_BONUS, unit.score + TYPE_BONUS);
  }
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
    if (unit.own < topOwn - 0.34 && !(type === "place" && wordless) || chosen.some((c) => c.text === unit.text)) continue;
    if (length + unit.text.length > MAX_CHARS && chosen.length > 0) break;
    chosen.push(unit);
    length += unit.text.length;
  }
  // The sentences that complete a quoted one, from the same paragraph: the one it refers back to, and the next one
  // when it is an exception or a continuation, or states the kind of fact asked for that the quoted one lacks.
  const byOrder = new Map(units.map((u) => [u.order, u]));
  for (const unit of [...chosen]) {
    if (unit.block < 0) continue;
    const before = byOrder.get(unit.order - 1);
    const after = byOrder.get(unit.order + 1);
    const completing: Unit[] = [];
    if (before && before.block === unit.block && REFERS_BACK.test(unit.text)) completing.push(before);
    if (after && after.block === unit.block) {
      const lacks = type !== "any" && !statesType(type, unit.text) && statesType(type, after.text);
      if (CONTINUES.test(after.text) || (REFERS_BACK.test(after.text) && (lacks || after.own > 0)) || (lacks && after.own > 0)) completing.push(after);
    }
    for (const extra of completing) {
      if (chosen.includes(extra) || length + extra.text.length > MAX_CHARS) continue;
      chosen.push(extra);
      length += extra.text.length;
    }
  }
  chosen.sort((a, b) => a.order - b.order);
  const text = chosen.map((u) => `${/[.!?]$/.test(u.text) ? u.text : `${u.text}.`} [${u.n}]`).join(" ");
  const typeMatched = statesType(type, chosen.map((u) => u.text).join(" "));
  return { text, cited: [...new Set(chosen.map((u) => u.n))], typeMatched };
}

/**
 * How well a reply, whoever wrote it (the offline model or a hosted one), answers the question: the share of the
 * question's content words it covers (its cited passages' titles and headings lending theirs at half weight), and
 * whether it states the kind of fact asked for. Confidence is built on this, not on the passages alone, so a cited
 * reply about the right subject that does not answer ("how much is a taxi?" answered with where the station is)
 * is not confident.
 */
export function answerFit(question: string, reply: string, context: string[] = []): AnswerFit {
  const type = questionType(question);
  const body = reply.replace(/\[\d{1,2}\]/g, " ");
  const own = ownCoverage(question, body);
  const lent = ownCoverage(question, `${body} ${context.join(" ")}`);
  const wordless = !hasTopicWords(type === "place" ? withoutPlaceAsk(question) : question);
  // The fact of the asked kind must be in a sentence about the question, not anywhere in the reply: a taxi fare is
  // not answered by the station's distance next to the price of parking.
  const sentences = body.split(/(?<=[.!?])\s+/).filter((s) => s.trim().length > 2);
  const rest = withoutAskingWords(type, question);
  const about = (s: string) => {
    const alone = ownCoverage(rest, s);
    return alone + 0.5 * Math.max(0, ownCoverage(rest, `${s} ${context.join(" ")}`) - alone);
  };
  const typeMatched = sentences.some((s) => statesType(type, s) && (wordless || !hasTopicWords(rest) || about(s) >= TYPED_SENTENCE_BAR));
  return { words: own + 0.5 * Math.max(0, lent - own), typed: type !== "any", typeMatched, wordless };
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
