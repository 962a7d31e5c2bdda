import Papa from "papaparse";

import { KnowledgeInputError } from "./errors";
import { sanitizeMarkdown } from "./markdown";

export interface FaqEntry { question: string; answer: string }

export interface FaqCsvResult {
  /** Rows that can be imported; `line` is the 1-based line in the file where the row starts. */
  entries: { line: number; question: string; answer: string }[];
  /** Rows that cannot, each with what is wrong in words the owner can act on. */
  errors: { line: number; message: string }[];
}

const MAX_FAQ_ROWS = 2_000;
const MAX_QUESTION_CHARS = 500;
const MAX_ANSWER_CHARS = 5_000;

const QUESTION_HEADERS = new Set(["question", "questions", "q"]);
const ANSWER_HEADERS = new Set(["answer", "answers", "a", "response"]);
// Spreadsheet apps in some locales save with semicolons (their decimal separator is the comma) or tabs.
const DELIMITERS = [",", ";", "\t", "|"];

/**
 * Reads an FAQ spreadsheet saved as CSV: a header row naming a question and an answer column (others are ignored),
 * then one question per row. Problems in single rows are reported with their line so the owner can fix them or import
 * the rest; problems with the whole file (no such columns, broken quoting, too many rows) throw `invalid_csv`.
 */
export function parseFaqCsv(text: string): FaqCsvResult {
  const source = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const delimiter = chooseDelimiter(source);
  const result: FaqCsvResult = { entries: [], errors: [] };
  const lines = new LineCounter(source);
  let columns: { question: number; answer: number; count: number } | undefined;
  let rows = 0;
  let rowStart = 0;
  let failure: KnowledgeInputError | undefined;

  Papa.parse<string[]>(source, {
    delimiter,
    step: (step, parser) => {
      const line = lines.lineAt(rowStart);
      rowStart = step.meta.cursor;
      const quoting = step.errors.find((e) => e.type === "Quotes");
      if (quoting) {
        const at = quoting.index === undefined ? line : lines.lineAt(quoting.index);
        failure = invalidCsv(
          `Line ${at} has a quotation mark that is never closed or is out of place. Put text with commas or ` +
            'line breaks in double quotes, and write a quotation mark inside it as two ("").',
        );
        return parser.abort();
      }
      const fields = step.data;
      if (fields.every((f) => f.trim() === "")) return;
      if (!columns) {
        const match = findColumns(fields);
        if (!match.ok) {
          failure = invalidCsv(match.message);
          return parser.abort();
        }
        // Empty names after the last real column are a spreadsheet's trailing commas, not columns rows must fill.
        const count = fields.findLastIndex((f) => f.trim() !== "") + 1;
        columns = { question: match.question, answer: match.answer, count };
        return;
      }
      if (++rows > MAX_FAQ_ROWS) {
        failure = invalidCsv(
          `This file has more than ${MAX_FAQ_ROWS.toLocaleString("en-US")} questions. ` +
            "Split it into smaller files and upload them one at a time.",
        );
        return parser.abort();
      }
      const row = checkRow(fields, columns);
      if (typeof row === "string") result.errors.push({ line, message: row });
      else result.entries.push({ line, ...row });
    },
  });

  if (failure) throw failure;
  if (!columns) throw invalidCsv('This file is empty. Add a header row with "question" and "answer" columns, then one question per row.');
  return result;
}

function chooseDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\n|$/));
  return DELIMITERS.find((d) => findColumns(header.split(d)).ok) ?? ",";
}

type ColumnMatch = { ok: true; question: number; answer: number } | { ok: false; message: string };

function findColumns(header: string[]): ColumnMatch {
  const names = header.map((h) => h.trim().replace(/^"(.*)"$/, "$1").trim().toLowerCase());
  const question = names.findIndex((n) => QUESTION_HEADERS.has(n));
  const answer = names.findIndex((n) => ANSWER_HEADERS.has(n));
  if (question >= 0 && answer >= 0) return { ok: true, question, answer };
  const found = header.map((h) => h.trim()).filter(Boolean);
  return {
    ok: false,
    message:
      `The first row must name a "question" column and an "answer" column, but this file has ` +
      (found.length > 0 ? `${found.map((h) => `"${h}"`).join(", ")}.` : "no column names.") +
      ' Rename the columns to "question" and "answer" and upload it again.',
  };
}

function checkRow(fields: string[], columns: { question: number; answer: number; count: number }): FaqEntry | string {
  const extra = fields.slice(columns.count);
  if (fields.length < columns.count || extra.some((f) => f.trim() !== "")) {
    return (
      `This row has ${fields.length} ${fields.length === 1 ? "column" : "columns"} but the header has ${columns.count}. ` +
      "Check for a missing comma, or a comma inside text that is not in double quotes."
    );
  }
  const question = sanitizeMarkdown(fields[columns.question] ?? "").replace(/\s+/g, " ").trim();
  const answer = sanitizeMarkdown(fields[columns.answer] ?? "").replace(/[ \t]+\n/g, "\n").trim();
  if (!question && !answer) return "The question and the answer are empty.";
  if (!question) return "The question is empty.";
  if (!answer) return "The answer is empty.";
  if (question.length > MAX_QUESTION_CHARS) {
    return `The question is ${question.length} characters long; the limit is ${MAX_QUESTION_CHARS}.`;
  }
  if (answer.length > MAX_ANSWER_CHARS) {
    return `The answer is ${answer.length.toLocaleString("en-US")} characters long; the limit is ${MAX_ANSWER_CHARS.toLocaleString("en-US")}.`;
  }
  return { question, answer };
}

/**
 * FAQ entries as the "Q:"/"A:" pairs the chunker's faq kind splits on, a blank line between pairs. A question is one
 * line: the chunker would read a second line as part of the question.
 */
function invalidCsv(message: string): KnowledgeInputError {
  return new KnowledgeInputError("invalid_csv", message);
}

/** 1-based line numbers for character offsets that only ever move forward. */
class LineCounter {
  private offset = 0;
  private line = 1;
  constructor(private readonly text: string) {}

  lineAt(index: number): number {
    for (; this.offset < index && this.offset < this.text.length; this.offset++) {
      if (this.text[this.offset] === "\n") this.line++;
    }
    return this.line;
  }
}
