import { sql } from "drizzle-orm";
import { z } from "zod";
import { embedTexts } from "@/lib/ai/embeddings";
import { embeddingProvider, type EmbeddingProvider } from "@/lib/ai/providers";
import { rowsOf, withServiceRole, type Db } from "@/lib/db";
import { knowledgeChunks } from "@/lib/db/schema";
import { log } from "@/lib/log";
import { chunkContextText, chunkDocument, type ChunkInput } from "./chunking";
import { fetchKnowledgePage } from "./web-import";
import { textSearchConfigFor } from "./language";
import { KnowledgeInputError } from "./parsers";
import { PageFetchError } from "./fetch-page";

/**
 * The durable indexing queue's worker. Jobs are claimed one at a time under `skip locked` with a lease, so several
 * app instances (or the in-process loop and a hosted scheduler) never work on the same one, and a crashed worker's
 * job is picked up again when its lease runs out. All writes go through the service client and name the business id
 * from the job row.
 */

const LEASE_MINUTES = 5;
export const MAX_ATTEMPTS = 4;
const EMBED_BATCH = 64;

const jobRow = z.object({
  id: z.string(),
  business_id: z.string(),
  document_id: z.string(),
  kind: z.enum(["index", "reembed", "fetch"]),
  attempts: z.coerce.number(),
});
type Job = z.infer<typeof jobRow>;

const documentRow = z.object({
  title: z.string(),
  kind: z.enum(["article", "faq", "file", "url"]),
  body: z.string(),
  content_hash: z.string(),
  mime_type: z.string().nullable(),
  source_name: z.string().nullable(),
  locale: z.string(),
});
type DocumentSnapshot = z.infer<typeof documentRow>;

export type JobOutcome = { jobId: string; documentId: string; kind: Job["kind"]; result: "done" | "retry" | "failed" | "superseded" };

/** Says why an item cannot be indexed, in words for the owner; retrying would not help. */
export class PermanentIndexingError extends Error {}

async function claimJob(): Promise<Job | null> {
  return withServiceRole(async (tx) => {
    const rows = rowsOf(
      await tx.execute(sql`update public.knowledge_jobs j
        set status = 'running', attempts = j.attempts + 1, locked_until = now() + make_interval(mins => ${LEASE_MINUTES})
        where j.id = (
          select id from public.knowledge_jobs
          where (status = 'queued' and run_after <= now()) or (status = 'running' and locked_until < now())
          order by run_after, created_at limit 1 for update skip locked)
        returning j.id, j.business_id, j.document_id, j.kind, j.attempts`),
    );
    return rows[0] ? jobRow.parse(rows[0]) : null;
  });
}

async function readDocument(tx: Db, job: Job, lock = false): Promise<DocumentSnapshot | null> {
  const rows = rowsOf(
    await tx.execute(sql`select d.title, d.kind, d.body, d.content_hash, d.mime_type, d.source_name, b.locale
      from public.knowledge_documents d join public.businesses b on b.id = d.business_id
      where d.id = ${job.document_id} and d.business_id = ${job.business_id}
      ${lock ? sql`for update of d` : sql``}`),
  );
  return rows[0] ? documentRow.parse(rows[0]) : null;
}

async function setProgress(job: Job, snapshot: DocumentSnapshot, progress: number) {
  await withServiceRole((tx) =>
    tx.execute(sql`update public.knowledge_documents set status = 'processing', progress = ${Math.round(progress)}
      where id = ${job.document_id} and business_id = ${job.business_id} and content_hash = ${snapshot.content_hash}
        and title = ${snapshot.title} and status <> 'failed'`),
  );
}

/** How the chunker reads a document: Markdown where it came as Markdown (or was converted to it), plain otherwise. */
export function chunkKindOf(document: Pick<DocumentSnapshot, "kind" | "mime_type">): ChunkInput["kind"] {
  if (document.kind === "faq") return "faq";
  if (document.kind === "article") return "article";
  const mime = document.mime_type ?? "";
  if (mime === "text/plain" || mime === "application/pdf") return "text";
  return "article";
}

async function indexDocument(job: Job, provider: EmbeddingProvider): Promise<JobOutcome["result"]> {
  const snapshot = await withServiceRole((tx) => readDocument(tx, job));
  if (!snapshot) return "superseded";
  await setProgress(job, snapshot, 5);
  const chunks = chunkDocument({ title: snapshot.title, kind: chunkKindOf(snapshot), text: snapshot.body });
  if (chunks.length === 0) throw new PermanentIndexingError("There is no text in this item for the assistant to learn.");
  const vectors: (number[] | null)[] = [];
  for (let start = 0; start < chunks.length; start += EMBED_BATCH) {
    const batch = chunks.slice(start, start + EMBED_BATCH);
    const embedded = await embedTexts(
      batch.map((chunk) => chunkContextText(snapshot.title, chunk)),
      { businessId: job.business_id, task: "knowledge_index", provider, maxRetries: 0 },
    );
    vectors.push(...embedded.vectors);
    await setProgress(job, snapshot, 10 + (85 * vectors.length) / chunks.length);
  }
  const language = textSearchConfigFor(snapshot.locale);
  return withServiceRole(async (tx) => {
    const current = await readDocument(tx, job, true);
    // Edited while we worked: the edit queued a fresh job, which will index the new text.
    if (!current || current.content_hash !== snapshot.content_hash || current.title !== snapshot.title || current.body !== snapshot.body) {
      await finishJob(tx, job, "done");
      return "superseded";
    }
    await tx.execute(sql`delete from public.knowledge_chunks where document_id = ${job.document_id} and business_id = ${job.business_id}`);
    const rows = chunks.map((chunk, i) => ({
      businessId: job.business_id,
      documentId: job.document_id,
      chunkIndex: chunk.index,
      headingPath: chunk.headingPath,
      context: chunkContextText(snapshot.title, { headingPath: chunk.headingPath, text: "" }).slice(0, 2000),
      content: chunk.text.slice(0, 20000),
      tokenCount: chunk.tokenCount,
      language: sql`${language}::regconfig`,
      embedding: vectors[i] ?? null,
      embeddingModel: provider.id,
    }));
    for (let start = 0; start < rows.length; start += 200) {
      await tx.insert(knowledgeChunks).values(rows.slice(start, start + 200));
    }
    await tx.execute(sql`update public.knowledge_documents
      set status = 'ready', progress = 100, error = null, chunk_count = ${chunks.length}, embedding_model = ${provider.id}
      where id = ${job.document_id} and business_id = ${job.business_id}`);
    await finishJob(tx, job, "done");
    return "done";
  });
}

async function fetchDocument(job: Job): Promise<JobOutcome["result"]> {
  const snapshot = await withServiceRole((tx) => readDocument(tx, job));
  if (!snapshot?.source_name) return "superseded";
  await setProgress(job, snapshot, 2);
  const page = await fetchKnowledgePage(snapshot.source_name);
  return withServiceRole(async (tx) => {
    const current = await readDocument(tx, job, true);
    if (!current || current.source_name !== snapshot.source_name) {
      await finishJob(tx, job, "done");
      return "superseded";
    }
    // Back to pending (even when the page has not changed), so the queue trigger adds the job that indexes it.
    const title = current.title === current.source_name && page.title ? page.title.slice(0, 300) : current.title;
    await tx.execute(sql`update public.knowledge_documents set body = ${page.text}, title = ${title}, mime_type = ${page.mimeType},
        status = 'pending', progress = 0, error = null
      where id = ${job.document_id} and business_id = ${job.business_id}`);
    await finishJob(tx, job, "done");
    return "done";
  });
}

async function finishJob(tx: Db, job: Job, status: "done" | "failed", error?: string) {
  await tx.execute(sql`update public.knowledge_jobs set status = ${status}, locked_until = null, last_error = ${error ?? null}
    where id = ${job.id} and business_id = ${job.business_id}`);
}

/** What the owner reads on a failed item: their input's problem as is, ours in general terms. */
function describeFailure(error: unknown): { message: string; permanent: boolean } {
  if (error instanceof PermanentIndexingError || error instanceof KnowledgeInputError) {
    return { message: error.message, permanent: true };
  }
  if (error instanceof PageFetchError) {
    const transient = error.code === "timeout" || error.code === "network_error" || (error.code === "http_error" && (error.status ?? 500) >= 500);
    return { message: error.message, permanent: !transient };
  }
  return { message: "The assistant could not learn this item right now.", permanent: false };
}

async function failOrRetry(job: Job, error: unknown): Promise<JobOutcome["result"]> {
  const { message, permanent } = describeFailure(error);
  const giveUp = permanent || job.attempts >= MAX_ATTEMPTS;
  log.warn("knowledge.job_failed", { jobId: job.id, businessId: job.business_id, kind: job.kind, attempt: job.attempts, giveUp, error });
  await withServiceRole(async (tx) => {
    if (giveUp) {
      await finishJob(tx, job, "failed", message);
      const tries = permanent ? "" : ` (tried ${job.attempts} times)`;
      await tx.execute(sql`update public.knowledge_documents set status = 'failed', error = ${`${message}${tries}`.slice(0, 1000)}
        where id = ${job.document_id} and business_id = ${job.business_id}`);
    } else {
      // 30 s, 2 min, 8 min: long enough for a rate limit or an outage to pass.
      await tx.execute(sql`update public.knowledge_jobs set status = 'queued', locked_until = null, last_error = ${message},
        run_after = now() + make_interval(secs => ${30 * 4 ** (job.attempts - 1)})
        where id = ${job.id} and business_id = ${job.business_id}`);
    }
  });
  return giveUp ? "failed" : "retry";
}

/** Runs due jobs one after another until none is left, `max` have run, or the time budget is spent. */
export async function runKnowledgeJobs({ max = 25, budgetMs = 50_000 }: { max?: number; budgetMs?: number } = {}): Promise<JobOutcome[]> {
  const started = Date.now();
  const provider = embeddingProvider();
  const outcomes: JobOutcome[] = [];
  while (outcomes.length < max && Date.now() - started < budgetMs) {
    const job = await claimJob();
    if (!job) break;
    let result: JobOutcome["result"];
    try {
      result = job.kind === "fetch" ? await fetchDocument(job) : await indexDocument(job, provider);
      if (result === "superseded") await withServiceRole((tx) => finishJob(tx, job, "done"));
    } catch (error) {
      result = await failOrRetry(job, error);
    }
    outcomes.push({ jobId: job.id, documentId: job.document_id, kind: job.kind, result });
  }
  return outcomes;
}

/**
 * Queues re-embedding for every indexed document whose chunks came from another embedding model, so a change of
 * provider or model takes effect in the background; search compares vectors of one model only meanwhile, and full
 * text keeps working.
 */
export async function queueReembedding(modelId = embeddingProvider().id): Promise<number> {
  return withServiceRole(async (tx) => {
    const rows = rowsOf(
      await tx.execute(sql`with stale as (
          update public.knowledge_documents d set status = 'processing', progress = 0
          where d.status = 'ready' and d.chunk_count > 0 and d.embedding_model is distinct from ${modelId}
            and not exists (select 1 from public.knowledge_jobs j where j.document_id = d.id and j.status in ('queued', 'running'))
          returning d.id, d.business_id)
        insert into public.knowledge_jobs (business_id, document_id, kind)
        select business_id, id, 'reembed' from stale
        returning id`),
    );
    return rows.length;
  });
}
