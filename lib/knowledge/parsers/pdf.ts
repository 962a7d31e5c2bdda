import { getDocumentProxy } from "unpdf";

import { KnowledgeInputError, tooMuchTextError, type ParseLimits } from "./errors";

export interface PdfText { text: string; pages: number; title?: string }

/**
 * The text layer of a PDF, page by page. unpdf's bundled pdf.js runs its "worker" in this thread, so no worker file
 * is needed; a page is parsed in one go, and `onProgress` reports after each.
 */
export async function readPdf(
  bytes: Uint8Array,
  limits: ParseLimits,
  onProgress?: (fraction: number) => void,
): Promise<PdfText> {
  // pdf.js transfers the buffer it is given to its worker, leaving the caller's array empty: hand it a copy.
  const pdf = await getDocumentProxy(bytes.slice(), { verbosity: 0 }).catch((error: unknown) => {
    throw openError(error);
  });
  try {
    const pages = pdf.numPages;
    if (pages > limits.maxPdfPages) {
      throw new KnowledgeInputError(
        "too_many_pages",
        `This PDF has ${pages} pages; the limit is ${limits.maxPdfPages}. Split it into smaller files and upload them separately.`,
      );
    }
    const texts: string[] = [];
    let length = 0;
    for (let number = 1; number <= pages; number++) {
      const text = await pageText(pdf, number);
      length += text.length;
      if (length > limits.maxExtractedChars) throw tooMuchTextError(limits.maxExtractedChars);
      if (text) texts.push(text);
      onProgress?.(number / pages);
    }
    if (texts.length === 0) {
      throw new KnowledgeInputError(
        "empty_file",
        "This PDF has no text we can read: it looks like a scanned or image-only document. " +
          "Export it again with text (or run it through text recognition, OCR) and upload that file.",
      );
    }
    const { info } = await pdf.getMetadata().catch(() => ({ info: {} }));
    return { text: texts.join("\n\n"), pages, title: sensibleTitle(info) };
  } catch (error) {
    throw error instanceof KnowledgeInputError ? error : unreadablePdf();
  } finally {
    await pdf.destroy();
  }
}

type DocumentProxy = Awaited<ReturnType<typeof getDocumentProxy>>;

async function pageText(pdf: DocumentProxy, number: number): Promise<string> {
  const page = await pdf.getPage(number);
  try {
    const content = await page.getTextContent();
    let text = "";
    for (const item of content.items) if ("str" in item) text += item.str + (item.hasEOL ? "\n" : "");
    return text
      .replace(/[^\P{Cc}\n\t]/gu, "") // glyphs with no Unicode mapping come out as control characters
      .replace(/[ \t]+$/gm, "")
      .replace(/\n{3,}/g, "\n\n")
      .trim();
  } finally {
    page.cleanup();
  }
}

function openError(error: unknown): KnowledgeInputError {
  // pdf.js rejects with its own exception classes, which cross the worker boundary by name, not by prototype.
  const name = error instanceof Error ? error.name : "";
  if (name === "PasswordException") {
    return new KnowledgeInputError(
      "encrypted_file",
      "This PDF is password-protected. Remove the password (open it and save or print it as a new PDF) and upload it again.",
    );
  }
  return unreadablePdf();
}

function unreadablePdf(): KnowledgeInputError {
  return new KnowledgeInputError(
    "unreadable_file",
    "This PDF is damaged or not a real PDF, so we couldn't read it. Open it on your computer, save it as a new PDF and upload that.",
  );
}

// Producers often fill the title with the source file's name, a path or a placeholder; those say nothing.
const PLACEHOLDER_TITLE = /^(?:untitled|document\s*\d*|title|microsoft (?:word|powerpoint|excel)\b.*|slide \d+)$/i;
const FILE_PATH = /^(?:[A-Za-z]:)?[\\/]|\\/;
const FILE_NAME = /\.(?:docx?|pdf|odt|rtf|txt|pages|indd|xlsx?|pptx?|html?)$/i;

function sensibleTitle(info: object): string | undefined {
  const raw = "Title" in info ? info.Title : undefined;
  if (typeof raw !== "string") return undefined;
  const title = raw.replace(/\s+/g, " ").trim();
  const sensible =
    title.length >= 2 && title.length <= 200 && /\p{L}/u.test(title) && !PLACEHOLDER_TITLE.test(title) &&
    !FILE_NAME.test(title) && !FILE_PATH.test(title);
  return sensible ? title : undefined;
}
