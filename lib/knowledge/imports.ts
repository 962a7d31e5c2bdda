import { getConfig } from "@/lib/config";
import type { Db } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import {
  duplicateError,
  findDuplicate,
  insertKnowledgeDocument,
  replaceKnowledgeSource,
  sha256,
  urlHash,
  type NewDocument,
} from "./documents";
import { faqToText } from "./faq";
import { PageFetchError } from "./fetch-page";
import { KnowledgeInputError, parseFaqCsv, parseKnowledgeFile, titleFromName, type ParsedFile } from "./parsers";
import { decodeTextFile } from "./parsers/text";
import type { CsvPreview, KnowledgeCategory, KnowledgeDocumentSummary } from "./types";
import { fetchKnowledgePage, listSitemapPages, normaliseImportUrl } from "./web-import";

export type UploadedFile = { name: string; type: string; bytes: Uint8Array };

const FORMAT_MIME: Record<ParsedFile["format"], string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  markdown: "text/markdown",
  text: "text/plain",
  csv: "text/csv",
};

/** Input problems become 4xx errors with the parser's code and its plain-language message. */
export function asApiError(error: unknown): unknown {
  if (error instanceof KnowledgeInputError) {
    const status = error.code === "unsupported_type" ? 415 : error.code === "file_too_large" ? 413 : 422;
    return new ApiError(status, error.code, error.message);
  }
  if (error instanceof PageFetchError) {
    return new ApiError(422, error.code, error.message, undefined, undefined, error.status ? { status: error.status } : undefined);
  }
  return error;
}

const limits = () => {
  const { knowledge } = getConfig();
  return { maxBytes: knowledge.maxUploadBytes, maxPdfPages: knowledge.maxPdfPages };
};

const isCsv = (file: UploadedFile) => /\.csv$/i.test(file.name) || file.type === "text/csv";

/** The rows a question/answer CSV would import, and the ones it would skip, before anything is written. */
export function previewFaqCsv(file: UploadedFile): CsvPreview {
  try {
    if (!isCsv(file)) throw new KnowledgeInputError("unsupported_type", "Only CSV files have a preview. Upload other files directly.");
    if (file.bytes.length > limits().maxBytes) throw new KnowledgeInputError("file_too_large", `This file is larger than the ${Math.round(limits().maxBytes / 1048576)} MB limit.`);
    return parseFaqCsv(decodeTextFile(file.bytes));
  } catch (error) {
    throw asApiError(error);
  }
}

async function documentFromFile(file: UploadedFile, category: KnowledgeCategory, skipInvalidRows: boolean): Promise<NewDocument> {
  const contentHash = sha256(file.bytes);
  const title = titleFromName(file.name).slice(0, 300);
  if (isCsv(file)) {
    const { entries, errors } = previewFaqCsv(file);
    if (errors.length > 0 && !skipInvalidRows) {
      const first = errors.slice(0, 3).map((e) => `line ${e.line}: ${e.message}`).join("; ");
      throw new ApiError(422, "invalid_csv", `${errors.length} row(s) cannot be imported (${first}). Fix them, or import only the valid rows.`, undefined, undefined, { errors: errors.slice(0, 100) });
    }
    if (entries.length === 0) throw new ApiError(422, "invalid_csv", "This CSV has no complete question and answer rows to import.");
    return { kind: "faq", title, category, body: faqToText(entries), contentHash, sourceName: file.name, mimeType: FORMAT_MIME.csv };
  }
  const parsed = await parseKnowledgeFile({ name: file.name, type: file.type, bytes: file.bytes }, limits());
  return {
    kind: "file",
    title: parsed.title.slice(0, 300),
    category,
    body: parsed.text,
    contentHash,
    sourceName: file.name.slice(0, 2048),
    mimeType: FORMAT_MIME[parsed.format],
  };
}

/**
 * Reads an upload and stores it as one knowledge item, or as a new version of `replaceDocumentId`. Reading happens
 * before anything is written, so a bad file leaves the knowledge base untouched; indexing is queued by the insert.
 */
export async function importUploadedFile(
  db: Db,
  { businessId, file, category, replaceDocumentId, skipInvalidRows = false }: {
    businessId: string;
    file: UploadedFile;
    category: KnowledgeCategory;
    replaceDocumentId?: string;
    skipInvalidRows?: boolean;
  },
): Promise<KnowledgeDocumentSummary> {
  let document: NewDocument;
  try {
    document = await documentFromFile(file, category, skipInvalidRows);
  } catch (error) {
    throw asApiError(error);
  }
  if (replaceDocumentId) return replaceKnowledgeSource(db, { businessId, documentId: replaceDocumentId, document });
  return insertKnowledgeDocument(db, { businessId, document });
}

/**
 * Imports one page now (so a bad address is reported at once), or every page a sitemap lists as background fetch
 * jobs. A page imported before is refreshed in place rather than duplicated.
 */
export async function importFromUrl(
  db: Db,
  { businessId, url: input, category, mode }: { businessId: string; url: string; category: KnowledgeCategory; mode: "page" | "sitemap" },
): Promise<KnowledgeDocumentSummary[]> {
  try {
    const url = normaliseImportUrl(input);
    if (mode === "page") {
      const page = await fetchKnowledgePage(url);
      const document: NewDocument = {
        kind: "url",
        title: (page.title || url).slice(0, 300),
        category,
        body: page.text,
        contentHash: urlHash(url),
        sourceName: url,
        mimeType: page.mimeType,
      };
      return [await upsertPage(db, businessId, document)];
    }
    const { pages } = await listSitemapPages(url);
    if (pages.length === 0) throw new ApiError(422, "not_a_sitemap", "That sitemap lists no pages on its own site.");
    const imported: KnowledgeDocumentSummary[] = [];
    for (const page of pages) {
      // An empty body makes the queue trigger add a fetch job; the worker fills the page in.
      const document: NewDocument = { kind: "url", title: page.slice(0, 300), category, body: "", contentHash: urlHash(page), sourceName: page, mimeType: null };
      imported.push(await upsertPage(db, businessId, document));
    }
    return imported;
  } catch (error) {
    throw asApiError(error);
  }
}

async function upsertPage(db: Db, businessId: string, document: NewDocument): Promise<KnowledgeDocumentSummary> {
  const existing = await findDuplicate(db, { businessId, contentHash: document.contentHash });
  if (!existing) return insertKnowledgeDocument(db, { businessId, document });
  if (!existing.sameContent) throw duplicateError(existing.document, false);
  return replaceKnowledgeSource(db, { businessId, documentId: existing.document.id, document });
}
