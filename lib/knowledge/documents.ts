import { createHash } from "node:crypto";
import { and, asc, desc, eq, ilike, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { knowledgeChunks, knowledgeDocuments } from "@/lib/db/schema";
import { ApiError, notFound } from "@/lib/http/errors";
import { faqFromText, faqToText } from "./faq";
import type { KnowledgePatch, NewKnowledgeInput } from "./schemas";
import type { KnowledgeCategory, KnowledgeDocumentDetail, KnowledgeDocumentSummary, KnowledgeKind } from "./types";

type DocumentRow = typeof knowledgeDocuments.$inferSelect;

const MAX_CHUNKS_SHOWN = 500;

export const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

/** Typed text is compared without trailing spaces and Windows line ends, so re-saving the same FAQ is a duplicate. */
export const textHash = (kind: KnowledgeKind, text: string) =>
  sha256(`${kind}\n${text.replace(/\r\n?/g, "\n").replace(/[ \t]+$/gm, "").trim()}`);

/** A web page is known by its address: importing it again refreshes it rather than adding a copy. */
export const urlHash = (url: string) => sha256(`url\n${url}`);

const summaryColumns = {
  id: knowledgeDocuments.id,
  title: knowledgeDocuments.title,
  kind: knowledgeDocuments.kind,
  category: knowledgeDocuments.category,
  sourceName: knowledgeDocuments.sourceName,
  mimeType: knowledgeDocuments.mimeType,
  enabled: knowledgeDocuments.enabled,
  status: knowledgeDocuments.status,
  progress: knowledgeDocuments.progress,
  error: knowledgeDocuments.error,
  chunkCount: knowledgeDocuments.chunkCount,
  usageCount: knowledgeDocuments.usageCount,
  lastUsedAt: knowledgeDocuments.lastUsedAt,
  embeddingModel: knowledgeDocuments.embeddingModel,
  createdAt: knowledgeDocuments.createdAt,
  updatedAt: knowledgeDocuments.updatedAt,
};
type SummaryRow = Pick<DocumentRow, keyof typeof summaryColumns>;

function toSummary(row: SummaryRow): KnowledgeDocumentSummary {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    category: row.category,
    sourceName: row.sourceName,
    mimeType: row.mimeType,
    enabled: row.enabled,
    status: row.status,
    progress: row.progress,
    error: row.error,
    chunkCount: row.chunkCount,
    usageCount: row.usageCount,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    embeddingModel: row.embeddingModel,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listKnowledgeDocuments(
  db: Db,
  { businessId, category, q }: { businessId: string; category?: KnowledgeCategory; q?: string },
): Promise<KnowledgeDocumentSummary[]> {
  const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const rows = await db
    .select(summaryColumns)
    .from(knowledgeDocuments)
    .where(
      and(
        eq(knowledgeDocuments.businessId, businessId),
        category ? eq(knowledgeDocuments.category, category) : undefined,
        pattern ? or(ilike(knowledgeDocuments.title, pattern), ilike(knowledgeDocuments.sourceName, pattern)) : undefined,
      ),
    )
    .orderBy(desc(knowledgeDocuments.updatedAt), asc(knowledgeDocuments.id))
    .limit(1000);
  return rows.map(toSummary);
}

async function findDocument(db: Db, businessId: string, documentId: string): Promise<DocumentRow> {
  const [row] = await db
    .select()
    .from(knowledgeDocuments)
    .where(and(eq(knowledgeDocuments.businessId, businessId), eq(knowledgeDocuments.id, documentId)));
  if (!row) throw notFound("This knowledge item does not exist");
  return row;
}

export async function getKnowledgeDocument(
  db: Db,
  { businessId, documentId }: { businessId: string; documentId: string },
): Promise<KnowledgeDocumentDetail> {
  const row = await findDocument(db, businessId, documentId);
  const chunks = await db
    .select({
      id: knowledgeChunks.id,
      index: knowledgeChunks.chunkIndex,
      headingPath: knowledgeChunks.headingPath,
      content: knowledgeChunks.content,
      tokenCount: knowledgeChunks.tokenCount,
    })
    .from(knowledgeChunks)
    .where(and(eq(knowledgeChunks.businessId, businessId), eq(knowledgeChunks.documentId, documentId)))
    .orderBy(asc(knowledgeChunks.chunkIndex))
    .limit(MAX_CHUNKS_SHOWN);
  return { ...toSummary(row), body: row.body, faqEntries: row.kind === "faq" ? faqFromText(row.body) : null, chunks };
}

/** A 409 the client can act on: it names the existing item, and whether its content is the same. */
export function duplicateError(existing: Pick<DocumentRow, "id" | "title">, sameContent: boolean): ApiError {
  const message = sameContent
    ? `This is already in your knowledge base as "${existing.title}".`
    : `"${existing.title}" came from a file with the same name. Update it with this version?`;
  return new ApiError(409, "duplicate", message, undefined, undefined, {
    documentId: existing.id,
    title: existing.title,
    sameContent,
  });
}

export async function findDuplicate(
  db: Db,
  { businessId, contentHash, sourceName, exceptId }: {
    businessId: string;
    contentHash: string;
    sourceName?: string | null;
    exceptId?: string;
  },
): Promise<{ document: Pick<DocumentRow, "id" | "title">; sameContent: boolean } | null> {
  const rows = await db
    .select({ id: knowledgeDocuments.id, title: knowledgeDocuments.title, contentHash: knowledgeDocuments.contentHash })
    .from(knowledgeDocuments)
    .where(
      and(
        eq(knowledgeDocuments.businessId, businessId),
        exceptId ? sql`${knowledgeDocuments.id} <> ${exceptId}` : undefined,
        sourceName
          ? or(
              eq(knowledgeDocuments.contentHash, contentHash),
              and(eq(knowledgeDocuments.kind, "file"), eq(knowledgeDocuments.sourceName, sourceName)),
            )
          : eq(knowledgeDocuments.contentHash, contentHash),
      ),
    )
    .orderBy(sql`${knowledgeDocuments.contentHash} = ${contentHash} desc`)
    .limit(1);
  const [row] = rows;
  return row ? { document: row, sameContent: row.contentHash === contentHash } : null;
}

export type NewDocument = {
  kind: KnowledgeKind;
  title: string;
  category: KnowledgeCategory;
  body: string;
  contentHash: string;
  sourceName?: string | null;
  mimeType?: string | null;
};

/** Inserts a document; a trigger queues its indexing job in the same transaction. */
export async function insertKnowledgeDocument(
  db: Db,
  { businessId, document }: { businessId: string; document: NewDocument },
): Promise<KnowledgeDocumentSummary> {
  const duplicate = await findDuplicate(db, {
    businessId,
    contentHash: document.contentHash,
    sourceName: document.kind === "file" ? document.sourceName : null,
  });
  if (duplicate) throw duplicateError(duplicate.document, duplicate.sameContent);
  // The id is chosen here: `insert ... returning` would need the row to be visible through the select policy first.
  const id = crypto.randomUUID();
  await db.insert(knowledgeDocuments).values({
    id,
    businessId,
    kind: document.kind,
    title: document.title,
    category: document.category,
    body: document.body,
    contentHash: document.contentHash,
    sourceName: document.sourceName ?? null,
    mimeType: document.mimeType ?? null,
  });
  return toSummary(await findDocument(db, businessId, id));
}

export function typedDocument(input: NewKnowledgeInput): NewDocument {
  const body = input.kind === "faq" ? faqToText(input.entries) : input.body;
  return { kind: input.kind, title: input.title, category: input.category, body, contentHash: textHash(input.kind, body) };
}

export async function updateKnowledgeDocument(
  db: Db,
  { businessId, documentId, patch }: { businessId: string; documentId: string; patch: KnowledgePatch },
): Promise<KnowledgeDocumentSummary> {
  const current = await findDocument(db, businessId, documentId);
  const changes: Partial<Pick<DocumentRow, "title" | "category" | "enabled" | "body" | "contentHash">> = {};
  if (patch.title !== undefined) changes.title = patch.title;
  if (patch.category !== undefined) changes.category = patch.category;
  if (patch.enabled !== undefined) changes.enabled = patch.enabled;
  if (patch.body !== undefined || patch.entries !== undefined) {
    const editable = patch.entries !== undefined ? current.kind === "faq" : current.kind === "article";
    if (!editable) {
      throw new ApiError(400, "validation_failed", patch.entries !== undefined
        ? "Only FAQ items have questions and answers to edit"
        : "Only articles are edited as text; upload a new version of a file, or import the page again");
    }
    const body = patch.entries !== undefined ? faqToText(patch.entries) : (patch.body ?? "");
    const contentHash = textHash(current.kind, body);
    if (contentHash !== current.contentHash) {
      const duplicate = await findDuplicate(db, { businessId, contentHash, exceptId: documentId });
      if (duplicate) throw duplicateError(duplicate.document, true);
      changes.body = body;
      changes.contentHash = contentHash;
    }
  }
  if (Object.keys(changes).length > 0) {
    await db
      .update(knowledgeDocuments)
      .set(changes)
      .where(and(eq(knowledgeDocuments.businessId, businessId), eq(knowledgeDocuments.id, documentId)));
  }
  return toSummary(await findDocument(db, businessId, documentId));
}

/** Replaces an uploaded file's content (or a page's, to fetch it again) in place: same item, new version. */
export async function replaceKnowledgeSource(
  db: Db,
  { businessId, documentId, document }: { businessId: string; documentId: string; document: NewDocument },
): Promise<KnowledgeDocumentSummary> {
  const current = await findDocument(db, businessId, documentId);
  if (current.kind !== document.kind) {
    throw new ApiError(400, "validation_failed", `"${current.title}" is not a ${document.kind === "url" ? "web page" : "file"}; add this as a new item instead`);
  }
  const duplicate = await findDuplicate(db, { businessId, contentHash: document.contentHash, exceptId: documentId });
  if (duplicate) throw duplicateError(duplicate.document, true);
  await db
    .update(knowledgeDocuments)
    .set({
      title: document.title,
      category: document.category,
      body: document.body,
      contentHash: document.contentHash,
      sourceName: document.sourceName ?? null,
      mimeType: document.mimeType ?? null,
    })
    .where(and(eq(knowledgeDocuments.businessId, businessId), eq(knowledgeDocuments.id, documentId)));
  // The same content uploaded again changes nothing the triggers see; asking for a re-index makes "update" visible.
  if (current.contentHash === document.contentHash && current.title === document.title) {
    await requestReindex(db, { businessId, documentId });
  }
  return toSummary(await findDocument(db, businessId, documentId));
}

export async function deleteKnowledgeDocument(
  db: Db,
  { businessId, documentId }: { businessId: string; documentId: string },
): Promise<void> {
  const deleted = await db
    .delete(knowledgeDocuments)
    .where(and(eq(knowledgeDocuments.businessId, businessId), eq(knowledgeDocuments.id, documentId)))
    .returning({ id: knowledgeDocuments.id });
  if (deleted.length === 0) throw notFound("This knowledge item does not exist");
}

export async function requestReindex(
  db: Db,
  { businessId, documentId }: { businessId: string; documentId: string },
): Promise<KnowledgeDocumentSummary> {
  await findDocument(db, businessId, documentId);
  await db.execute(sql`select public.request_knowledge_reindex(${documentId})`);
  return toSummary(await findDocument(db, businessId, documentId));
}
