import { faqToText } from "../faq";
import { parseFaqCsv, type FaqEntry } from "./csv";
import { encryptedDocxError, readDocx } from "./docx";
import { DEFAULT_PARSE_LIMITS, emptyFileError, KnowledgeInputError, tooMuchTextError, type ParseLimits } from "./errors";
import { firstHeading, sanitizeMarkdown } from "./markdown";
import { readPdf } from "./pdf";
import { decodeTextFile } from "./text";

export { faqToText } from "../faq";
export { parseFaqCsv, type FaqCsvResult, type FaqEntry } from "./csv";
export { DEFAULT_PARSE_LIMITS, KnowledgeInputError, type KnowledgeInputErrorCode, type ParseLimits } from "./errors";
export { htmlToMarkdown } from "./html";
export { sanitizeMarkdown } from "./markdown";
export { parseSitemap } from "./sitemap";

export type ParsedFormat = "pdf" | "docx" | "markdown" | "text" | "csv";

export interface ParsedFile {
  title: string;
  /** How the chunker reads `text`: "article" and "faq" are Markdown, "text" is plain. */
  kind: "article" | "faq" | "text";
  text: string;
  format: ParsedFormat;
  pages?: number;
  faqEntries?: FaqEntry[];
}

const FORMAT_BY_EXTENSION: Readonly<Record<string, ParsedFormat>> = {
  pdf: "pdf",
  docx: "docx",
  md: "markdown",
  markdown: "markdown",
  txt: "text",
  csv: "csv",
};

// Consulted only for a name without an extension, as a file from a phone's share sheet may have.
const FORMAT_BY_MIME: Readonly<Record<string, ParsedFormat>> = {
  "application/pdf": "pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "text/markdown": "markdown",
  "text/x-markdown": "markdown",
  "text/plain": "text",
  "text/csv": "csv",
};

/**
 * Reads an uploaded file into text for the knowledge base. The name's extension says what the file should be and its
 * first bytes must agree; anything else is refused with a KnowledgeInputError whose message the owner can act on.
 * `onProgress` gets the fraction done: after every page of a PDF, once at the end for the other formats.
 */
export async function parseKnowledgeFile(
  file: { name: string; type?: string; bytes: Uint8Array },
  limits?: Partial<ParseLimits>,
  onProgress?: (fraction: number) => void,
): Promise<ParsedFile> {
  const limit: ParseLimits = { ...DEFAULT_PARSE_LIMITS, ...definedOnly(limits) };
  const { bytes } = file;
  if (bytes.length > limit.maxBytes) {
    throw new KnowledgeInputError(
      "file_too_large",
      `This file is ${megabytes(bytes.length)} MB; the limit is ${megabytes(limit.maxBytes)} MB. ` +
        "Split it into smaller files or remove large images, then upload it again.",
    );
  }
  const format = formatOf(file.name, file.type);
  const fallbackTitle = titleFromName(file.name);
  const parsed = await parseAs(format, bytes, limit, fallbackTitle, onProgress);
  if (!parsed.text.trim()) throw emptyFileError();
  if (parsed.text.length > limit.maxExtractedChars) throw tooMuchTextError(limit.maxExtractedChars);
  if (format !== "pdf") onProgress?.(1);
  return parsed;
}

async function parseAs(
  format: ParsedFormat,
  bytes: Uint8Array,
  limits: ParseLimits,
  fallbackTitle: string,
  onProgress?: (fraction: number) => void,
): Promise<ParsedFile> {
  switch (format) {
    case "pdf": {
      if (!looksLikePdf(bytes)) throw notA("PDF", ".pdf");
      const { text, pages, title } = await readPdf(bytes, limits, onProgress);
      return { title: title ?? fallbackTitle, kind: "text", text, format, pages };
    }
    case "docx": {
      if (startsWith(bytes, OLE_MAGIC)) throw encryptedDocxError();
      if (!startsWith(bytes, ZIP_MAGIC)) throw notA("Word document", ".docx");
      const { text, title } = readDocx(bytes);
      return { title: title ?? fallbackTitle, kind: "article", text, format };
    }
    case "markdown": {
      const text = sanitizeMarkdown(decodeTextFile(bytes)).trim();
      return { title: firstHeading(text) ?? fallbackTitle, kind: "article", text, format };
    }
    case "text":
      return { title: fallbackTitle, kind: "text", text: decodeTextFile(bytes).trim(), format };
    case "csv": {
      const { entries, errors } = parseFaqCsv(decodeTextFile(bytes));
      if (errors.length > 0) {
        const first = errors.slice(0, 3).map((e) => `Line ${e.line}: ${e.message}`).join(" ");
        throw new KnowledgeInputError(
          "invalid_csv",
          `${errors.length} ${errors.length === 1 ? "row has a problem" : "rows have problems"}. ${first} ` +
            "Fix them and upload the file again, or import only the rows without problems.",
        );
      }
      if (entries.length === 0) {
        throw new KnowledgeInputError("invalid_csv", "This file has a header row but no questions under it. Add one question and answer per row.");
      }
      const faqEntries = entries.map(({ question, answer }) => ({ question, answer }));
      return { title: fallbackTitle, kind: "faq", text: faqToText(faqEntries), format, faqEntries };
    }
  }
}

const SUPPORTED = "PDF, Word (.docx), Markdown (.md, .markdown), plain text (.txt) or CSV";

function formatOf(name: string, type: string | undefined): ParsedFormat {
  const extension = /\.([^./\\]+)$/.exec(name.trim())?.[1]?.toLowerCase();
  const format = extension ? FORMAT_BY_EXTENSION[extension] : FORMAT_BY_MIME[type?.split(";")[0]?.trim().toLowerCase() ?? ""];
  if (format) return format;
  const what = extension === "doc" ? "Old Word (.doc) files" : extension ? `.${extension} files` : "Files without a type";
  const hint = extension === "doc" ? " Open it in Word and save it as .docx, then upload that." : "";
  throw new KnowledgeInputError("unsupported_type", `${what} can't be added. Upload a ${SUPPORTED} file.${hint}`);
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[], at = 0): boolean {
  return magic.every((byte, i) => bytes[at + i] === byte);
}

/** Readers accept the header anywhere in the first kilobyte, after junk some mail gateways prepend. */
function looksLikePdf(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 1024);
  for (let at = 0; at < end; at++) if (bytes[at] === 0x25 && startsWith(bytes, PDF_MAGIC, at)) return true;
  return false;
}

function notA(kind: string, extension: string): KnowledgeInputError {
  return new KnowledgeInputError(
    "unreadable_file",
    `This file is named ${extension} but isn't a ${kind}, so we couldn't read it. Check that it's the right file, or ` +
      `open it in the app that made it and save it as a ${kind} again.`,
  );
}

/** "price_list-2026.pdf" reads as "Price list 2026" in the list. */
export function titleFromName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const words = base
    .replace(/\.[^.]+$/, "")
    .replace(/[_-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/\b(faq)(s?)\b/gi, (_, acronym: string, plural: string) => `${acronym.toUpperCase()}${plural.toLowerCase()}`);
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : "Untitled document";
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0).replace(/\.0$/, "");
}

/** `{ maxBytes: undefined }` from an unset config value must not override the default. */
function definedOnly(limits: Partial<ParseLimits> | undefined): Partial<ParseLimits> {
  return Object.fromEntries(Object.entries(limits ?? {}).filter(([, value]) => value !== undefined));
}
