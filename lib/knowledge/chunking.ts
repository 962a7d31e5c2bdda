/**
 * Splits a knowledge document into retrieval chunks. Pure: no database, no network. Sections start at Markdown
 * headings (ATX and setext) in articles and FAQs; plain text has none, as a line of dashes or a "#1" in a pasted email
 * is no title. A section that fits the target is one chunk, so a chunk never mixes two sections' facts; a longer one
 * is cut between blocks (paragraph, list, code, table), then list items or lines, sentences, words, and only a run
 * with no spaces between characters. Each piece repeats the last ~overlapTokens of the one before in its section.
 */

/** How the text is read: an article (Markdown), an FAQ (Markdown, or "Q:"/"A:" pairs) or plain text (no headings). */
export interface ChunkInput { title: string; kind: "article" | "faq" | "text"; text: string }
export interface ChunkOptions { targetTokens?: number; overlapTokens?: number }
export interface Chunk { index: number; headingPath: string[]; text: string; tokenCount: number }

export const DEFAULT_TARGET_TOKENS = 500;
export const DEFAULT_OVERLAP_TOKENS = 60;

const CJK = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\u30FC";
// One CJK character | a run of other letters, marks and digits | any other single non-space code point.
const TOKEN_PIECE = new RegExp(`([${CJK}])|((?:[\\p{M}\\p{N}]|[^\\P{L}${CJK}])+)|\\S`, "gu");
const CHARS_PER_WORD_TOKEN = 6;

/**
 * Approximate token count, deterministic and dependency-free (no tokenizer download). BPE vocabularies such as
 * cl100k keep common words whole and cut rarer, longer ones into pieces, and give punctuation, symbols, emoji and
 * each CJK character a token of their own. So: a run of letters/digits counts ceil(length / 6) (a short word is one
 * token, "appointment" two), every other non-space code point counts one, whitespace counts nothing. It lands near,
 * and on most prose slightly above, real counts, which errs on the safe side of a model's input limit.
 */
export function countTokens(text: string): number {
  let total = 0;
  for (const [, , word] of text.matchAll(TOKEN_PIECE)) total += word ? Math.ceil(word.length / CHARS_PER_WORD_TOKEN) : 1;
  return total;
}

/**
 * The text to embed for a chunk: the document title and heading path give a passage the context its own words may
 * lack (a "Parking" section that only says "behind the building, enter from Rua das Flores").
 */
export function chunkContextText(title: string, chunk: Pick<Chunk, "headingPath" | "text">): string {
  const trail: string[] = [];
  for (const part of [title, ...chunk.headingPath].map((p) => p.trim())) {
    if (part && part.toLowerCase() !== trail[trail.length - 1]?.toLowerCase()) trail.push(part);
  }
  return [trail.join(" › "), chunk.text].filter(Boolean).join("\n\n");
}

export function chunkDocument(input: ChunkInput, options: ChunkOptions = {}): Chunk[] {
  const target = options.targetTokens ?? DEFAULT_TARGET_TOKENS;
  const overlap = options.overlapTokens ?? DEFAULT_OVERLAP_TOKENS;
  if (!Number.isInteger(target) || target < 1) throw new RangeError("targetTokens must be a positive integer");
  if (!Number.isInteger(overlap) || overlap < 0 || overlap >= target) {
    throw new RangeError("overlapTokens must be an integer below targetTokens");
  }
  let text = normaliseText(input.text);
  if (input.kind !== "text") text = text.replace(FRONT_MATTER, "");
  let sections = splitSections(text.split("\n"), input.kind !== "text", input.title);
  if (input.kind === "faq") sections = sections.flatMap(splitFaqSection);
  const pieces = sections.flatMap((section) =>
    packSection(toBlocks(section.lines), section.question, target, overlap).map((text) => ({ path: section.path, text })),
  );
  return pieces
    .filter((piece) => piece.text)
    .map(({ path, text }, index) => ({ index, headingPath: [...path], text, tokenCount: countTokens(text) }));
}

const FRONT_MATTER = /^---\n(?:[\w-]+:.*\n|[ \t-].*\n)*?(?:---|\.\.\.)(?:\n|$)/;

function normaliseText(text: string): string {
  return text
    .normalize("NFC") // "café" typed and "café" pasted from a DOCX must be the same string for full-text search
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, "\n")
    .replace(/[\u200B\u2060\uFEFF\u00AD]/g, "") // zero-width space, word joiner, BOM, soft hyphen; ZWJ/ZWNJ stay
    .replace(/[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\v\f]/g, " ")
    .replace(/[^\P{Cc}\n\t]/gu, "");
}

/** `fence`: which fenced code block the line belongs to (fence lines included), or -1. */
interface Line { text: string; fence: number }

/** `question`: for an FAQ pair, repeated at the top of every chunk of its answer. */
interface Section { path: string[]; lines: Line[]; question?: string }

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const LIST_ITEM = /^[ \t]*(?:[-*+•]|\d{1,9}[.)])[ \t]+\S/;

/** Heading or question text without link targets and emphasis markers. */
function cleanInline(text: string): string {
  return text.replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/\*\*|__|[*`]/g, "").replace(/\s+/g, " ").trim();
}

function splitSections(lines: string[], withHeadings: boolean, title: string): Section[] {
  let current: Section = { path: [], lines: [] };
  const sections = [current];
  const stack: { level: number; text: string }[] = [];
  let fence: { marker: string; id: number } | null = null;
  let fences = 0;
  let seenHeading = false;
  const startSection = (level: number, heading: string) => {
    // The article's own title repeated as its first H1 adds nothing to the path.
    const redundant = !seenHeading && level === 1 && heading.toLowerCase() === title.trim().toLowerCase();
    seenHeading = true;
    while ((stack[stack.length - 1]?.level ?? 0) >= level) stack.pop();
    stack.push({ level, text: redundant ? "" : heading });
    current = { path: stack.map((h) => h.text).filter(Boolean), lines: [] };
    sections.push(current);
  };
  for (const raw of lines) {
    const [, marker, info = ""] = FENCE.exec(raw) ?? [];
    if (fence || marker) {
      const id: number = fence?.id ?? fences++;
      current.lines.push({ text: raw, fence: id });
      // A fence closes with a bare run of its own character, at least as long as the opening one.
      if (!fence) fence = { marker: marker ?? "", id };
      else if (marker && marker[0] === fence.marker[0] && marker.length >= fence.marker.length && !info.trim()) fence = null;
      continue;
    }
    if (withHeadings) {
      const atx = ATX_HEADING.exec(raw);
      if (atx) {
        startSection(atx[1]?.length ?? 1, cleanInline(atx[2] ?? ""));
        continue;
      }
      const underline = SETEXT_UNDERLINE.exec(raw)?.[1];
      const paragraph = underline ? trailingParagraph(current.lines) : 0;
      if (underline && paragraph > 0) {
        const heading = current.lines.splice(current.lines.length - paragraph).map((l) => l.text).join(" ");
        startSection(underline[0] === "=" ? 1 : 2, cleanInline(heading));
        continue;
      }
    }
    current.lines.push({ text: raw, fence: -1 });
  }
  return sections;
}

/** How many lines at the end form a plain paragraph that a setext underline would turn into a heading. */
function trailingParagraph(lines: Line[]): number {
  const paragraph = lines.slice(lines.findLastIndex((l) => l.fence >= 0 || !l.text.trim()) + 1);
  const plain = paragraph.every((l) => !LIST_ITEM.test(l.text) && !l.text.trimStart().startsWith("|"));
  return plain ? paragraph.length : 0;
}

const MARK = "(?:\\*\\*|__)?";
const QUESTION_MARKER = new RegExp(`^\\s*${MARK}(?:q|question|p|pergunta|pregunta)${MARK}\\s*[:：]${MARK}\\s*`, "i");
const ANSWER_MARKER = new RegExp(`^\\s*${MARK}(?:a|answer|r|resposta|respuesta)${MARK}\\s*[:：]${MARK}\\s*`, "i");
const ENDS_WITH_QUESTION_MARK = /[?？؟]\s*$/;

/** Splits an FAQ section into one section per question/answer pair; a "### question" section already is one. */
function splitFaqSection(section: Section): Section[] {
  if (section.lines.some((l) => l.fence < 0 && QUESTION_MARKER.test(l.text))) return splitAtMarkers(section);
  const heading = section.path[section.path.length - 1];
  // Under a heading that is itself a question, a question line in the answer is rhetorical, not a new pair.
  if (heading === undefined || !ENDS_WITH_QUESTION_MARK.test(heading)) {
    const pairs = splitAtQuestionLines(section);
    if (pairs.length > 1 || heading === undefined) return pairs;
  }
  return [{ ...section, question: heading }];
}

function splitAtMarkers(section: Section): Section[] {
  const out: Section[] = [{ path: section.path, lines: [] }];
  let pair: (Section & { question: string }) | undefined;
  let answering = true;
  for (const line of section.lines) {
    const q = line.fence < 0 ? QUESTION_MARKER.exec(line.text) : null;
    const a = line.fence < 0 && !answering ? ANSWER_MARKER.exec(line.text) : null;
    if (q) {
      pair = { path: section.path, question: cleanInline(line.text.slice(q[0].length)), lines: [] };
      out.push(pair);
      answering = false;
    } else if (pair && a) {
      answering = true;
      pair.lines.push({ text: line.text.slice(a[0].length), fence: -1 });
    } else if (pair && !answering && line.fence < 0 && line.text.trim() && !ENDS_WITH_QUESTION_MARK.test(pair.question)) {
      pair.question = cleanInline(`${pair.question} ${line.text}`);
    } else {
      (pair ?? out[0])?.lines.push(line);
      if (pair && line.text.trim()) answering = true;
    }
  }
  return out.map((s) => (s.question ? { ...s, path: [...s.path, s.question] } : s));
}

/** An FAQ pasted as plain paragraphs: a line ending in a question mark that opens a paragraph starts a pair. */
function splitAtQuestionLines(section: Section): Section[] {
  const out: Section[] = [{ path: section.path, lines: [] }];
  let previousBlank = true;
  for (const line of section.lines) {
    const text = line.text.trim();
    const question = previousBlank && line.fence < 0 && text.length <= 300 && !LIST_ITEM.test(text) && cleanInline(text);
    const pair = question && ENDS_WITH_QUESTION_MARK.test(question);
    if (pair) out.push({ path: [...section.path, question], question, lines: [] });
    else out[out.length - 1]?.lines.push(line);
    previousBlank = text === "";
  }
  return out;
}

interface Block { kind: "prose" | "list" | "code" | "table"; lines: string[] }

function toBlocks(lines: Line[]): Block[] {
  const blocks: Block[] = [];
  let group: string[] = [];
  const flush = () => {
    const kept = group.filter((l) => l.trim() && !THEMATIC_BREAK.test(l));
    group = [];
    if (kept.length === 0) return;
    const first = kept[0] ?? "";
    const table = kept.every((l) => l.trimStart().startsWith("|"));
    const kind: Block["kind"] = LIST_ITEM.test(first) ? "list" : table ? "table" : "prose";
    const previous = blocks[blocks.length - 1];
    // A loose list (blank lines between items, or an indented paragraph inside an item) stays one list.
    if (previous?.kind === "list" && (kind === "list" || /^[ \t]{2,}/.test(first))) {
      previous.lines.push(...kept.map((l) => tidyLine(l, true)));
      return;
    }
    blocks.push({ kind, lines: kept.map((l) => tidyLine(l, kind === "list")) });
  };
  let fence = -1;
  for (const line of lines) {
    if (line.fence >= 0) {
      if (line.fence !== fence) {
        flush();
        blocks.push({ kind: "code", lines: [] });
        fence = line.fence;
      }
      blocks[blocks.length - 1]?.lines.push(line.text.replace(/\t/g, "    ").trimEnd());
      continue;
    }
    fence = -1;
    if (line.text.trim() === "") flush();
    else group.push(line.text);
  }
  flush();
  return blocks;
}

/** Collapses runs of spaces and tabs; list lines keep their indentation so nesting survives. */
function tidyLine(line: string, keepIndent: boolean): string {
  const indent = keepIndent ? (/^[ \t]*/.exec(line)?.[0] ?? "").replace(/\t/g, "    ") : "";
  return indent + line.trim().replace(/[ \t]+/g, " ");
}

/** `sep`: what joins this unit to the one before it in the same chunk. */
interface Unit { text: string; sep: string; tokens: number }

// After . ! ? … ؟ । (and closing quotes or brackets) and space, unless a lower-case word follows ("e.g. the");
// after 。！？ with or without space, since Japanese and Chinese put none.
const SENTENCE_BREAK = /(?<=[.!?…؟।][)"'»”’\]]*)\s+(?![\s\p{Ll}])|(?<=[。！？][」』）"']*)\s*(?=[^\s」』）"'])/gu;
const WORD_BREAK = /\s+/g;

function unit(text: string, sep: string): Unit {
  return { text, sep, tokens: countTokens(text) };
}

function splitAt(text: string, boundary: RegExp): Unit[] {
  const units: Unit[] = [];
  let start = 0;
  let sep = "";
  for (const match of text.matchAll(boundary)) {
    const piece = text.slice(start, match.index);
    if (piece) units.push(unit(piece, sep));
    sep = match[0].includes("\n") ? "\n" : match[0] ? " " : "";
    start = match.index + match[0].length;
  }
  const rest = text.slice(start);
  if (rest) units.push(unit(rest, sep));
  return units;
}

/** Cuts text no longer than `limit` tokens: sentences, then words, then grapheme runs for text with no spaces. */
function splitProse(text: string, limit: number): Unit[] {
  return splitAt(text, SENTENCE_BREAK).flatMap((sentence) =>
    sentence.tokens <= limit
      ? [sentence]
      : splitAt(sentence.text, WORD_BREAK).flatMap((word, i) => {
          const pieces = word.tokens <= limit ? [word] : hardSplit(word.text, limit);
          return pieces.map((p, j) => ({ ...p, sep: j === 0 ? (i === 0 ? sentence.sep : word.sep) : "" }));
        }),
  );
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Cuts text with no spaces into pieces within the limit, between graphemes so no emoji or accent is broken. */
function hardSplit(text: string, limit: number): Unit[] {
  const units: Unit[] = [];
  for (let start = 0; start < text.length; ) {
    // The longest prefix within the limit, by binary search; a token covers at most CHARS_PER_WORD_TOKEN code units.
    let lo = start + 1;
    let hi = Math.min(text.length, start + limit * CHARS_PER_WORD_TOKEN);
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (countTokens(text.slice(start, mid)) <= limit) lo = mid;
      else hi = mid - 1;
    }
    const end = lo === text.length ? lo : graphemeBoundary(text, start, lo);
    units.push(unit(text.slice(start, end), ""));
    start = end;
  }
  return units;
}

/**
 * The last grapheme boundary after `start` and at or before `at`; failing that, the first one after `at`. Only a
 * small window is segmented: Intl.Segmenter costs about a microsecond per character, too slow for whole megabytes.
 */
function graphemeBoundary(text: string, start: number, at: number): number {
  const from = Math.max(start, at - 32);
  let before = 0;
  for (const { index } of graphemes.segment(text.slice(from, at + 32))) {
    const position = from + index;
    if (position > at) return before || position;
    if (position > start) before = position;
  }
  return before || Math.min(text.length, at + 32);
}

function splitBlock(block: Block, limit: number): Unit[] {
  const whole = block.lines.join("\n");
  let units: Unit[];
  if (countTokens(whole) <= limit) units = [unit(whole, "")];
  else if (block.kind === "prose") units = splitProse(whole, limit);
  else {
    // Lists split between items and code or tables between lines, before any line is cut at sentences.
    units = (block.kind === "list" ? listItems(block.lines) : block.lines).flatMap((piece, i) =>
      (countTokens(piece) <= limit ? [unit(piece, "")] : splitProse(piece, limit)).map((u, j) =>
        j === 0 ? { ...u, sep: i === 0 ? "" : "\n" } : u,
      ),
    );
  }
  return units.map((u, i) => (i === 0 ? { ...u, sep: "\n\n" } : u));
}

/** Groups list lines into items, nested items and continuation lines staying with their parent. */
function listItems(lines: string[]): string[] {
  const baseIndent = /^ */.exec(lines[0] ?? "")?.[0].length ?? 0;
  const items: string[][] = [];
  for (const line of lines) {
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    if (items.length === 0 || (indent <= baseIndent && LIST_ITEM.test(line))) items.push([line]);
    else items[items.length - 1]?.push(line);
  }
  return items.map((item) => item.join("\n"));
}

function join(units: Unit[]): string {
  return units.map((u, i) => (i === 0 ? u.text : u.sep + u.text)).join("").trim();
}

function packSection(blocks: Block[], question: string | undefined, target: number, overlap: number): string[] {
  if (blocks.length === 0) return [];
  // The question heads every chunk of its answer, unless it would take more than half the room.
  const lead = question && countTokens(question) * 2 <= target ? question : "";
  const limit = target - countTokens(lead);
  const withLead = (body: string) => (lead ? `${lead}\n\n${body}` : body);
  const whole = blocks.map((b) => b.lines.join("\n")).join("\n\n");
  if (countTokens(whole) <= limit) return [withLead(whole.trim())];

  const texts: string[] = [];
  let current: Unit[] = [];
  let tokens = 0;
  for (const next of blocks.flatMap((b) => splitBlock(b, limit))) {
    if (current.length > 0 && tokens + next.tokens > limit) {
      texts.push(withLead(join(current)));
      current = tail(current, Math.min(overlap, limit - next.tokens));
      tokens = current.reduce((sum, u) => sum + u.tokens, 0);
    }
    current.push(next);
    tokens += next.tokens;
  }
  texts.push(withLead(join(current)));
  return texts;
}

/** The last units of a chunk worth about `budget` tokens; cut inside the last unit (sentence, else word) if needed. */
function tail(units: Unit[], budget: number): Unit[] {
  const taken: Unit[] = [];
  let left = budget;
  const take = (pieces: Unit[]) => {
    for (let i = pieces.length - 1; i >= 0; i--) {
      const piece = pieces[i];
      if (!piece || piece.tokens > left) return;
      taken.unshift(piece);
      left -= piece.tokens;
    }
  };
  take(units);
  // Cut inside a unit only when nothing whole fits: a fragment before a whole sentence reads badly.
  if (taken.length > 0 || left <= 0) return taken;
  const sentences = splitAt(units[units.length - 1]?.text ?? "", SENTENCE_BREAK);
  take(sentences);
  if (taken.length === 0) take(splitAt(sentences[sentences.length - 1]?.text ?? "", WORD_BREAK));
  return taken;
}
