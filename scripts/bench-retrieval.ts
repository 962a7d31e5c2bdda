// `npm run bench:retrieval`: builds 20 businesses × 1,000 knowledge chunks in a fresh in-memory embedded database
// (bootstrap + migrations, chunked and embedded the way the indexing worker does it), then times 500 searches for one
// business (a boutique hotel with a spa, scripts/bench/knowledge/) through the product's own search
// (lib/knowledge/search.ts, on the service path the assistant uses, and as a signed-in member through RLS), and
// scores recall@5 on two question sets:
// - held-out (questions-held-out.json): written after the fusion constant and the embedder's tables were fixed, in
//   other words than the tuning set, and never used to tune anything: the figure to quote;
// - tuning (questions.json): the questions the fusion constant was tuned on, reported for comparison only.
// The measured business has look-alike text of its own, as real ones do: its generated house policies, FAQ and
// directions, and hand-written documents that share the core articles' vocabulary but answer other questions
// (weddings, spa membership, jobs: scripts/bench/knowledge/look-alikes/).
import { readdirSync, readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { embeddedDatabase, useDatabaseForTests as installDatabase, withServiceRole, withUser } from "@/lib/db";
import { embeddingProvider } from "@/lib/ai/providers";
import { searchKnowledge } from "@/lib/knowledge/search";
import { chunkContextText, chunkDocument, type Chunk } from "../lib/knowledge/chunking";
import { OFFLINE_EMBEDDING_MODEL, embedOffline } from "../lib/knowledge/offline-embedder";
import { openEmbeddedDatabase } from "../lib/db/embedded/pglite";
import { migrate } from "../lib/db/migrate";
import { pgliteRunner } from "../lib/db/runners";
import { businessDocuments, type FillerBusiness, type FillerDocument } from "./bench/knowledge/filler";

const CHUNKS_PER_BUSINESS = 1000;
const SEARCHES = 500;
const WARM_UP = 20;
const MEMBER_SEARCHES = 100;
const TARGET = { p95_ms: 25, recall_at_5: 0.9 };
const KNOWLEDGE_DIR = path.join(process.cwd(), "scripts/bench/knowledge");
const LOOK_ALIKES_DIR = path.join(KNOWLEDGE_DIR, "look-alikes");

const MEASURED: FillerBusiness = {
  name: "Harbour Lights Hotel & Spa",
  vertical: "hotel",
  town: "Polwenna Bay",
  street: "The Quay",
  money: "£",
  seed: 1,
};

// Other businesses, several of them hotels with their own parking, pets, wifi and cancellation rules.
const OTHERS: FillerBusiness[] = [
  { name: "The Anchor Inn", vertical: "hotel", town: "St Kew Harbour", street: "Harbour Road", money: "£", seed: 101 },
  { name: "Seaview Guest House", vertical: "hotel", town: "Polwenna Bay", street: "Cliff Terrace", money: "£", seed: 102 },
  { name: "Ivy House Hotel", vertical: "hotel", town: "Bath", street: "Gay Street", money: "£", seed: 103 },
  { name: "Hotel Miramar", vertical: "hotel", town: "Cascais", street: "Avenida Marginal", money: "€", seed: 104 },
  { name: "The Old Rectory B&B", vertical: "hotel", town: "Ludlow", street: "Church Lane", money: "£", seed: 105 },
  { name: "Casa Verde Boutique Hotel", vertical: "hotel", town: "Sintra", street: "Rua das Flores", money: "€", seed: 106 },
  { name: "Ada's Salon", vertical: "salon", town: "Lisbon", street: "Rua Garrett", money: "€", seed: 107 },
  { name: "Blush Beauty Rooms", vertical: "salon", town: "Truro", street: "Lemon Street", money: "£", seed: 108 },
  { name: "The Barber Co.", vertical: "salon", town: "Bristol", street: "Gloucester Road", money: "£", seed: 109 },
  { name: "Serenity Day Spa", vertical: "salon", town: "Harrogate", street: "Parliament Street", money: "£", seed: 110 },
  { name: "Riverside Dental", vertical: "clinic", town: "Exeter", street: "Quay Hill", money: "£", seed: 111 },
  { name: "Bay Physio & Sports Clinic", vertical: "clinic", town: "Falmouth", street: "Arwenack Street", money: "£", seed: 112 },
  { name: "Clínica Sorriso", vertical: "clinic", town: "Porto", street: "Rua de Santa Catarina", money: "€", seed: 113 },
  { name: "Harbour Yoga Studio", vertical: "fitness", town: "Padstow", street: "Station Road", money: "£", seed: 114 },
  { name: "Ironworks Gym", vertical: "fitness", town: "Leeds", street: "Kirkstall Road", money: "£", seed: 115 },
  { name: "Bob's Bikes", vertical: "retail", town: "Dublin", street: "Camden Street", money: "€", seed: 116 },
  { name: "Page Turner Books", vertical: "retail", town: "Hay-on-Wye", street: "Castle Street", money: "£", seed: 117 },
  { name: "Lingua Language School", vertical: "academy", town: "Brighton", street: "North Road", money: "£", seed: 118 },
  { name: "The Crab Shack", vertical: "restaurant", town: "Polwenna Bay", street: "Fore Street", money: "£", seed: 119 },
];

const VERTICAL_OF: Record<FillerBusiness["vertical"], string> = {
  hotel: "hotel",
  salon: "salon",
  clinic: "clinic",
  fitness: "fitness",
  retail: "retail",
  academy: "academy",
  restaurant: "other",
};

interface Expected { title: string; text: string }
interface Question extends Expected { question: string; or?: Expected[] }

interface PreparedChunk { chunk: Chunk; context: string; embedding: string | null }
interface PreparedDocument { id: string; document: FillerDocument; chunks: PreparedChunk[] }

/** The demo knowledge base (or its look-alikes): Markdown files with a small front matter (title, category, kind). */
function demoDocuments(dir = KNOWLEDGE_DIR): FillerDocument[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((file) => {
      const text = readFileSync(path.join(dir, file), "utf8");
      const meta = Object.fromEntries(
        [...(/^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? "").matchAll(/^(\w+):\s*(.+)$/gm)].map((m) => [m[1], m[2]?.trim()]),
      );
      if (!meta.title || !meta.category || (meta.kind !== "article" && meta.kind !== "faq")) {
        throw new Error(`${file}: front matter needs title, category and kind (article | faq)`);
      }
      return { title: meta.title, category: meta.category as FillerDocument["category"], kind: meta.kind, text };
    });
}

function readQuestions(file: string): Question[] {
  const questions = JSON.parse(readFileSync(path.join(KNOWLEDGE_DIR, file), "utf8")) as Question[];
  if (!Array.isArray(questions) || questions.length < 50) throw new Error(`${file} needs at least 50 questions`);
  for (const q of questions) {
    if (typeof q.question !== "string" || typeof q.title !== "string" || typeof q.text !== "string") {
      throw new Error(`${file}: bad entry ${JSON.stringify(q)}`);
    }
  }
  return questions;
}

/**
 * A UUID derived from names, so every run builds the same rows: ties in a ranking are broken by id, and random ids
 * would let recall move by a question from one run to the next.
 */
function seededUuid(...parts: (string | number)[]): string {
  const hex = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function vectorLiteral(vector: number[]): string | null {
  return vector.some((v) => v !== 0) ? `[${vector.join(",")}]` : null;
}

/** Chunks and embeds documents, in order, until the business has exactly `CHUNKS_PER_BUSINESS` chunks. */
function prepareBusiness(business: FillerBusiness, documents: Iterable<FillerDocument>): PreparedDocument[] {
  const prepared: PreparedDocument[] = [];
  let total = 0;
  for (const document of documents) {
    if (total >= CHUNKS_PER_BUSINESS) break;
    const chunks = chunkDocument({ title: document.title, kind: document.kind, text: document.text }).slice(
      0,
      CHUNKS_PER_BUSINESS - total,
    );
    if (chunks.length === 0) continue;
    const embeddings = embedOffline(chunks.map((c) => chunkContextText(document.title, c)));
    prepared.push({
      id: seededUuid(business.seed, "document", prepared.length),
      document,
      chunks: chunks.map((chunk, i) => ({
        chunk,
        // The title › heading trail: the first line of the text the chunk is embedded with.
        context: chunkContextText(document.title, { headingPath: chunk.headingPath, text: "" }),
        embedding: vectorLiteral(embeddings[i] ?? []),
      })),
    });
    total += chunks.length;
  }
  if (total !== CHUNKS_PER_BUSINESS) throw new Error(`only ${total} chunks could be made`);
  return prepared;
}

/** One multi-row insert per batch of rows, as the worker writes a document's chunks. */
async function insertRows(pg: PGlite, table: string, columns: string[], casts: string[], rows: unknown[][]): Promise<void> {
  const batch = Math.floor(5000 / columns.length);
  for (let start = 0; start < rows.length; start += batch) {
    const slice = rows.slice(start, start + batch);
    const values = slice.map(
      (_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}${casts[c] ?? ""}`).join(", ")})`,
    );
    await pg.query(`insert into ${table} (${columns.join(", ")}) values ${values.join(", ")}`, slice.flat());
  }
}

async function insertBusiness(pg: PGlite, business: FillerBusiness, documents: PreparedDocument[]): Promise<string> {
  const [row] = (
    await pg.query<{ id: string }>(
      "insert into public.businesses (id, name, vertical, time_zone, currency) values ($1, $2, $3, 'Europe/London', $4) returning id",
      [seededUuid(business.seed, "business"), business.name, VERTICAL_OF[business.vertical], business.money === "€" ? "EUR" : "GBP"],
    )
  ).rows;
  if (!row) throw new Error("no business row");
  await insertRows(
    pg,
    "public.knowledge_documents",
    ["id", "business_id", "title", "kind", "category", "content_hash", "body", "status", "progress", "chunk_count", "embedding_model"],
    [],
    documents.map((d) => [
      d.id,
      row.id,
      d.document.title,
      d.document.kind,
      d.document.category,
      createHash("sha256").update(d.document.text).digest("hex"),
      d.document.text,
      "ready",
      100,
      d.chunks.length,
      OFFLINE_EMBEDDING_MODEL,
    ]),
  );
  await insertRows(
    pg,
    "public.knowledge_chunks",
    ["id", "business_id", "document_id", "chunk_index", "heading_path", "context", "content", "token_count", "language", "embedding", "embedding_model"],
    ["", "", "", "", "::text[]", "", "", "", "::regconfig", "::extensions.vector", ""],
    documents.flatMap((d) =>
      d.chunks.map((c) => [
        seededUuid(d.id, c.chunk.index),
        row.id,
        d.id,
        c.chunk.index,
        c.chunk.headingPath,
        c.context,
        c.chunk.text,
        c.chunk.tokenCount,
        "english",
        c.embedding,
        OFFLINE_EMBEDDING_MODEL,
      ]),
    ),
  );
  return row.id;
}

interface SearchRow { document_id: string; title: string; content: string }

const SEARCH_SQL = "select * from public.search_knowledge($1, $2, $3::extensions.vector, 5, $4)";

function isHit(question: Question, rows: { title: string; content: string }[]): boolean {
  const expected = [question, ...(question.or ?? [])];
  return rows.some((r) => expected.some((e) => r.title === e.title && r.content.includes(e.text)));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function main() {
  const sets = { held_out: readQuestions("questions-held-out.json"), tuning: readQuestions("questions.json") };
  const provider = embeddingProvider();
  if (provider.id !== OFFLINE_EMBEDDING_MODEL) throw new Error(`the bench embeds with the offline model; unset OPENAI_API_KEY (the search would use ${provider.id})`);
  const started = performance.now();
  const pg = await openEmbeddedDatabase();
  await migrate(pgliteRunner(pg));
  const bootMs = performance.now() - started;

  const buildStarted = performance.now();
  const lookAlikes = demoDocuments(LOOK_ALIKES_DIR);
  const measuredDocs = prepareBusiness(
    MEASURED,
    (function* () {
      yield* demoDocuments();
      yield* lookAlikes;
      yield* businessDocuments(MEASURED, { withPolicies: true });
    })(),
  );
  const demoTitles = new Set(demoDocuments().map((d) => d.title));
  // Every expected passage must exist in the demo knowledge base, or recall would measure the question set.
  for (const [file, questions] of Object.entries(sets)) {
    for (const q of questions) {
      for (const e of [q, ...(q.or ?? [])]) {
        const found = measuredDocs.some((d) => d.document.title === e.title && d.chunks.some((c) => c.chunk.text.includes(e.text)));
        if (!found || !demoTitles.has(e.title)) throw new Error(`${file}: "${q.question}": no chunk of "${e.title}" contains "${e.text}"`);
      }
    }
  }
  const measuredId = await insertBusiness(pg, MEASURED, measuredDocs);
  const measuredDocIds = new Set(measuredDocs.map((d) => d.id));
  for (const business of OTHERS) {
    await insertBusiness(pg, business, prepareBusiness(business, businessDocuments(business, { withPolicies: true })));
  }
  await pg.exec("analyze public.knowledge_documents; analyze public.knowledge_chunks;");
  const buildMs = performance.now() - buildStarted;
  const [{ chunks } = { chunks: 0 }] = (await pg.query<{ chunks: number }>("select count(*)::int as chunks from public.knowledge_chunks")).rows;
  const demoChunks = measuredDocs.filter((d) => demoTitles.has(d.document.title)).reduce((n, d) => n + d.chunks.length, 0);
  const lookAlikeTitles = new Set([...lookAlikes.map((d) => d.title), `Good to know at ${MEASURED.name}`, "FAQ", "Find us"]);
  const lookAlikeChunks = measuredDocs.filter((d) => lookAlikeTitles.has(d.document.title)).reduce((n, d) => n + d.chunks.length, 0);
  console.log(
    `build: ${chunks} chunks over ${OTHERS.length + 1} businesses in ${(buildMs / 1000).toFixed(1)} s ` +
      `(database boot + migrations ${(bootMs / 1000).toFixed(1)} s); of the measured business's ${CHUNKS_PER_BUSINESS}, ` +
      `${demoChunks} are the demo knowledge base and ${lookAlikeChunks} its look-alike policies, FAQ and documents`,
  );

  // The product's search, as the assistant runs it: the service client (widget visitors, webhooks; RLS bypassed, the
  // business id named) in lib/agent/tools/search-knowledge.ts, and as a member through RLS (the dashboard's
  // "Ask your assistant"), both through lib/knowledge/search.ts with its embedding call.
  installDatabase(embeddedDatabase(pg));
  const asService = (query: string) => withServiceRole((tx) => searchKnowledge(tx, { businessId: measuredId, query, limit: 5 }));
  const all = [...sets.held_out, ...sets.tuning];
  for (let i = 0; i < WARM_UP; i++) await asService(all[i % all.length]?.question ?? "");

  const timings: number[] = [];
  let foreign = 0;
  for (let i = 0; i < SEARCHES; i++) {
    const question = all[i % all.length] as Question;
    const t0 = performance.now();
    const { results } = await asService(question.question);
    timings.push(performance.now() - t0);
    foreign += results.filter((r) => !measuredDocIds.has(r.documentId)).length;
  }

  // Recall: the hybrid through the product's search, and each half alone on the SQL function (which half finds what).
  const halves = async (query: string, useText: boolean, useVector: boolean): Promise<SearchRow[]> => {
    const embedding = useVector ? vectorLiteral(embedOffline([query])[0] ?? []) : null;
    return pg.transaction(async (tx) => {
      await tx.query("set local role service_role");
      return (await tx.query<SearchRow>(SEARCH_SQL, [measuredId, useText ? query : "", embedding, OFFLINE_EMBEDDING_MODEL])).rows;
    });
  };
  const recall: Record<keyof typeof sets, { hybrid: number; vector: number; text: number; misses: string[] }> = {
    held_out: { hybrid: 0, vector: 0, text: 0, misses: [] },
    tuning: { hybrid: 0, vector: 0, text: 0, misses: [] },
  };
  for (const [name, questions] of Object.entries(sets) as [keyof typeof sets, Question[]][]) {
    const r = recall[name];
    for (const q of questions) {
      const { results } = await asService(q.question);
      if (isHit(q, results)) r.hybrid++;
      else r.misses.push(`  ${name} miss: "${q.question}" -> ${results.map((x) => x.title).join(" | ") || "(nothing)"}`);
      if (isHit(q, await halves(q.question, false, true))) r.vector++;
      if (isHit(q, await halves(q.question, true, false))) r.text++;
    }
    r.hybrid /= questions.length;
    r.vector /= questions.length;
    r.text /= questions.length;
  }

  // The same search as a signed-in member, through RLS.
  const [owner] = (await pg.query<{ id: string }>("insert into auth.users (email) values ('owner@harbourlights.example') returning id")).rows;
  if (!owner) throw new Error("no owner row");
  await pg.query("insert into public.memberships (business_id, user_id, role) values ($1, $2, 'owner')", [measuredId, owner.id]);
  const claims = { sub: owner.id, role: "authenticated" as const };
  const memberTimings: number[] = [];
  for (let i = 0; i < MEMBER_SEARCHES + WARM_UP; i++) {
    const question = all[i % all.length] as Question;
    const t0 = performance.now();
    const { results } = await withUser(claims, (tx) => searchKnowledge(tx, { businessId: measuredId, query: question.question, limit: 5 }));
    if (i >= WARM_UP) memberTimings.push(performance.now() - t0);
    foreign += results.filter((r) => !measuredDocIds.has(r.documentId)).length;
  }
  await pg.close();

  timings.sort((a, b) => a - b);
  memberTimings.sort((a, b) => a - b);
  const p50 = percentile(timings, 50);
  const p95 = percentile(timings, 95);
  for (const miss of [...recall.held_out.misses, ...recall.tuning.misses]) console.log(miss);
  console.log(
    `search: ${SEARCHES} searches for one business through lib/knowledge/search.ts on the assistant's service path ` +
      `(embedding included): p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${(timings[timings.length - 1] ?? 0).toFixed(1)} ms ` +
      `(target p95 <= ${TARGET.p95_ms} ms); as a member through RLS: p95 ${percentile(memberTimings, 95).toFixed(1)} ms`,
  );
  const f = (n: number) => n.toFixed(3);
  for (const [name, label] of [["held_out", "held-out"], ["tuning", "tuning (the fusion constant was tuned on these)"]] as const) {
    const r = recall[name];
    console.log(
      `recall@5 on ${sets[name].length} ${label} questions: hybrid ${f(r.hybrid)}${name === "held_out" ? ` (target >= ${TARGET.recall_at_5})` : ""}, ` +
        `vector only ${f(r.vector)}, text only (full text + trigram) ${f(r.text)}`,
    );
  }
  console.log(`other businesses' chunks returned: ${foreign}`);
  const pass = p95 <= TARGET.p95_ms && recall.held_out.hybrid >= TARGET.recall_at_5 && foreign === 0;
  console.log(
    pass
      ? "PASS: both targets met (recall judged on the held-out set)"
      : `FAIL: ${[p95 > TARGET.p95_ms && "p95", recall.held_out.hybrid < TARGET.recall_at_5 && "held-out recall", foreign > 0 && "isolation"].filter(Boolean).join(", ")} missed`,
  );
  console.log(
    `chunks=${chunks} p50_ms=${p50.toFixed(1)} p95_ms=${p95.toFixed(1)} member_p95_ms=${percentile(memberTimings, 95).toFixed(1)} ` +
      `recall_held_out=${f(recall.held_out.hybrid)} recall_tuning=${f(recall.tuning.hybrid)} ` +
      `recall_held_out_vector=${f(recall.held_out.vector)} recall_held_out_text=${f(recall.held_out.text)} ` +
      `recall_tuning_vector=${f(recall.tuning.vector)} recall_tuning_text=${f(recall.tuning.text)} ` +
      `held_out_questions=${sets.held_out.length} tuning_questions=${sets.tuning.length} embedder=${OFFLINE_EMBEDDING_MODEL} build_s=${(buildMs / 1000).toFixed(1)} settings=defaults`,
  );
  if (!pass) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
