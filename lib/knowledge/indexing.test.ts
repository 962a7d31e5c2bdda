import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { flushAiUsage } from "@/lib/ai/usage";
import { resetConfigForTests } from "@/lib/config";
import { withServiceRole, withUser, rowsOf } from "@/lib/db";
import { addMember, claimsFor, createBusinessAs, createUser, useTestDatabase } from "@/lib/db/testing";
import { sql } from "drizzle-orm";
import { ApiError } from "@/lib/http/errors";
import { OFFLINE_EMBEDDING_MODEL } from "./offline-embedder";
import {
  deleteKnowledgeDocument,
  getKnowledgeDocument,
  insertKnowledgeDocument,
  listKnowledgeDocuments,
  requestReindex,
  typedDocument,
  updateKnowledgeDocument,
} from "./documents";
import { MAX_ATTEMPTS, queueReembedding, runKnowledgeJobs } from "./indexing";
import { recordKnowledgeUse, searchKnowledge } from "./search";

const asUser = <T>(userId: string, fn: Parameters<typeof withUser<T>>[1]) => withUser(claimsFor(userId), fn);

const cancellation = typedDocument({
  kind: "article",
  title: "Policies",
  category: "policies",
  body: "# Cancellations\n\nCancel up to 24 hours before your appointment for a full refund. Later cancellations are charged 50%.\n\n# Parking\n\nFree parking behind the building, enter from Rua das Flores.",
});

const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
};

async function jobs(documentId: string) {
  return withServiceRole(async (tx) =>
    rowsOf(await tx.execute(sql`select kind, status, attempts, last_error from public.knowledge_jobs where document_id = ${documentId} order by created_at`)),
  );
}

/** A local stand-in for OpenAI's embeddings endpoint that records what it was asked. */
async function fakeOpenAi(respond: (body: { input: string[]; dimensions?: number; model: string }) => { status: number; json: unknown }) {
  const requests: { input: string[]; dimensions?: number; model: string; authorization?: string }[] = [];
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", () => {
      const body = JSON.parse(raw) as { input: string[]; dimensions?: number; model: string };
      requests.push({ ...body, authorization: req.headers.authorization });
      const { status, json } = respond(body);
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const unit = (i: number) => Array.from({ length: 512 }, (_, j) => (j === i % 512 ? 1 : 0));

function useOpenAi(url: string) {
  process.env.OPENAI_API_KEY = "sk-test-key-for-the-fake";
  process.env.OPENAI_BASE_URL = url;
  resetConfigForTests();
}

describe("knowledge indexing and search", () => {
  const t = useTestDatabase();

  afterEach(() => {
    delete process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_BASE_URL;
    resetConfigForTests();
  });

  async function world() {
    const ada = await createUser(t.database, { email: "ada@adas-salon.test", fullName: "Ada" });
    const bob = await createUser(t.database, { email: "bob@bobs-bikes.test", fullName: "Bob" });
    const salon = await createBusinessAs(ada, { name: "Ada's Salon", vertical: "salon" });
    const bikes = await createBusinessAs(bob, { name: "Bob's Bikes", vertical: "retail" });
    return { ada, bob, salon, bikes };
  }

  it("queues indexing with the insert, then chunks, embeds and finds the passage by meaning, words and typos", async () => {
    const { ada, salon } = await world();
    const doc = await asUser(ada, (tx) => insertKnowledgeDocument(tx, { businessId: salon, document: cancellation }));
    expect(doc.status).toBe("pending");
    expect(await jobs(doc.id)).toMatchObject([{ kind: "index", status: "queued" }]);

    expect(await runKnowledgeJobs()).toMatchObject([{ documentId: doc.id, result: "done" }]);
    const detail = await asUser(ada, (tx) => getKnowledgeDocument(tx, { businessId: salon, documentId: doc.id }));
    expect(detail).toMatchObject({ status: "ready", progress: 100, chunkCount: 2, embeddingModel: OFFLINE_EMBEDDING_MODEL });
    expect(detail.chunks.map((c) => c.headingPath)).toEqual([["Cancellations"], ["Parking"]]);

    for (const query of ["can I cancel my appointment?", "cancelation refund", "where do i park"]) {
      const { results } = await asUser(ada, (tx) => searchKnowledge(tx, { businessId: salon, query }));
      expect(results[0]?.content, query).toContain(query.includes("park") ? "parking" : "Cancel up to 24 hours");
    }
    await flushAiUsage();
    const usage = await withServiceRole(async (tx) => rowsOf(await tx.execute(sql`select task, provider, outcome from public.ai_usage where business_id = ${salon} order by created_at`)));
    expect(usage[0]).toEqual({ task: "knowledge_index", provider: "offline", outcome: "ok" });
    expect(usage.filter((u) => u.task === "knowledge_search")).toHaveLength(3);
  });

  it("keeps each business's knowledge to itself, in lists, reads, search and writes", async () => {
    const { ada, bob, salon, bikes } = await world();
    const doc = await asUser(ada, (tx) => insertKnowledgeDocument(tx, { businessId: salon, document: cancellation }));
    await asUser(bob, (tx) => insertKnowledgeDocument(tx, { businessId: bikes, document: typedDocument({ kind: "article", title: "Policies", category: "policies", body: "Cancel a bike rental up to 2 hours before pick-up." }) }));
    await runKnowledgeJobs();

    expect(await asUser(bob, (tx) => listKnowledgeDocuments(tx, { businessId: salon }))).toEqual([]);
    expect(await errorOf(asUser(bob, (tx) => getKnowledgeDocument(tx, { businessId: salon, documentId: doc.id })))).toMatchObject({ status: 404 });
    expect(await errorOf(asUser(bob, (tx) => updateKnowledgeDocument(tx, { businessId: salon, documentId: doc.id, patch: { enabled: false } })))).toMatchObject({ status: 404 });
    // Bob names Ada's business id: RLS answers for him with nothing, not Ada's passages.
    expect((await asUser(bob, (tx) => searchKnowledge(tx, { businessId: salon, query: "cancel" }))).results).toEqual([]);
    const own = await asUser(bob, (tx) => searchKnowledge(tx, { businessId: bikes, query: "cancel appointment" }));
    expect(own.results.map((r) => r.content)).toEqual(["Cancel a bike rental up to 2 hours before pick-up."]);
  });

  it("refuses the same content twice, names the existing item, and leaves nothing half written", async () => {
    const { ada, salon } = await world();
    const first = await asUser(ada, (tx) => insertKnowledgeDocument(tx, { businessId: salon, document: cancellation }));
    const error = await errorOf(asUser(ada, (tx) => insertKnowledgeDocument(tx, { businessId: salon, document: { ...cancellation, title: "Copy" } })));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: "duplicate", details: { documentId: first.id, sameContent: true } });
    expect(await asUser(ada, (tx) => listKnowledgeDocuments(tx, { businessId: salon }))).toHaveLength(1);
  });

  it("re-indexes an edited article and drops a disabled one from search while keeping it", async () => {
    const { ada, salon } = await world();
    const doc = await asUser(ada, (tx) => insertKnowledgeDocument(tx, { businessId: salon, document: cancellation }));
    await runKnowledgeJobs();
    const edited = await asUser(ada, (tx) => updateKnowledgeDocument(tx, { businessId: salon, documentId: doc.id, patch: { body: "Gift cards are valid for one year." } }));
    expect(edited.status).toBe("pending");
    await runKnowledgeJobs();
    const search = (query: string) => asUser(ada, (tx) => searchKnowledge(tx, { businessId: salon, query }));
    expect((await search("gift card")).results[0]?.content).toBe("Gift cards are valid for one year.");
    expect((await search("parking")).results.some((r) => r.content.includes("parking"))).toBe(false);

    await asUser(ada, (tx) => updateKnowledgeDocument(tx, { businessId: salon, documentId: doc.id, patch: { enabled: false } }));
    expect((await search("gift card")).results).toEqual([]);
    expect(await asUser(ada, (tx) => listKnowledgeDocuments(tx, { businessId: salon }))).toMatchObject([{ enabled: false, status: "ready" }]);
  });

  it("lets agents teach but only owners and admins delete", async () => {
    const { ada, salon } = await world();
    const carol = await createUser(t.database, { email: "carol@adas-salon.test" });
    await addMember(t.database, salon, carol, "agent");
    const doc = await asUser(carol, (tx) => insertKnowledgeDocument(tx, { businessId: salon, document: cancellation }));
    expect(await errorOf(asUser(carol, (tx) => deleteKnowledgeDocument(tx, { businessId: salon, documentId: doc.id })))).toMatchObject({ status: 404 });
    await asUser(ada, (tx) => deleteKnowledgeDocument(tx, { businessId: salon, documentId: doc.id }));
    expect(await asUser(ada, (tx) => listKnowledgeDocuments(tx, { businessId: salon }))).toEqual([]);
  });

  it("counts the assistant's uses of a document", async () => {
    const { ada, salon } = await world();
    const doc = await asUser(ada, (tx) => insertKnowledgeDocument(tx, { businessId: salon, document: cancellation }));
    await withServiceRole((tx) => recordKnowledgeUse(tx, { businessId: salon, documentIds: [doc.id, doc.id] }));
    const [listed] = await asUser(ada, (tx) => listKnowledgeDocuments(tx, { businessId: salon }));
    expect(listed).toMatchObject({ usageCount: 1 });
    expect(listed?.lastUsedAt).not.toBeNull();
  });

  it("embeds through OpenAI's API when configured: 512 dimensions, key sent, tokens and cost recorded", async () => {
    const { ada, salon } = await world();
    const fake = await fakeOpenAi((body) => ({
      status: 200,
      json: { object: "list", model: body.model, data: body.input.map((_, i) => ({ object: "embedding", index: i, embedding: unit(i) })), usage: { prompt_tokens: 1000, total_tokens: 1000 } },
    }));
    try {
      useOpenAi(fake.url);
      const doc = await asUser(ada, (tx) => insertKnowledgeDocument(tx, { businessId: salon, document: cancellation }));
      expect(await runKnowledgeJobs()).toMatchObject([{ result: "done" }]);
      expect(fake.requests[0]).toMatchObject({ model: "text-embedding-3-small", dimensions: 512, authorization: "Bearer sk-test-key-for-the-fake" });
      expect(fake.requests[0]?.input).toHaveLength(2);
      const [listed] = await asUser(ada, (tx) => listKnowledgeDocuments(tx, { businessId: salon }));
      expect(listed).toMatchObject({ id: doc.id, status: "ready", embeddingModel: "text-embedding-3-small@512" });
      await flushAiUsage();
      const usage = await withServiceRole(async (tx) => rowsOf(await tx.execute(sql`select provider, model, prompt_tokens, cost_micros from public.ai_usage where business_id = ${salon}`)));
      // 1,000 tokens at $0.02 per million: 20 micro-dollars.
      expect(usage).toEqual([{ provider: "openai", model: "text-embedding-3-small@512", prompt_tokens: 1000, cost_micros: 20 }]);
    } finally {
      await fake.close();
    }
  });

  it("retries a failing embedding service with backoff, then marks the item failed with a message", async () => {
    const { ada, salon } = await world();
    const fake = await fakeOpenAi(() => ({ status: 500, json: { error: { message: "upstream exploded", type: "server_error" } } }));
    try {
      useOpenAi(fake.url);
      const doc = await asUser(ada, (tx) => insertKnowledgeDocument(tx, { businessId: salon, document: cancellation }));
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const [outcome] = await runKnowledgeJobs();
        expect(outcome?.result).toBe(attempt < MAX_ATTEMPTS ? "retry" : "failed");
        // Not due again until its backoff has passed.
        expect(await runKnowledgeJobs()).toEqual([]);
        await withServiceRole((tx) => tx.execute(sql`update public.knowledge_jobs set run_after = now() where document_id = ${doc.id}`));
      }
      expect(await jobs(doc.id)).toMatchObject([{ status: "failed", attempts: MAX_ATTEMPTS }]);
      const [failed] = await asUser(ada, (tx) => listKnowledgeDocuments(tx, { businessId: salon }));
      expect(failed).toMatchObject({ status: "failed", error: `The assistant could not learn this item right now. (tried ${MAX_ATTEMPTS} times)` });
      expect(failed?.error).not.toContain("upstream");

      // Meanwhile a customer's question is still answered, from words alone ("how much" matches no passage whole).
      await withServiceRole((tx) =>
        tx.execute(sql`insert into public.knowledge_chunks (business_id, document_id, chunk_index, heading_path, context, content, token_count, language)
          values (${salon}, ${doc.id}, 0, '{Parking}', 'Policies › Parking', 'Free parking behind the building.', 5, 'english')`),
      );
      const degraded = await asUser(ada, (tx) => searchKnowledge(tx, { businessId: salon, query: "how much is parking" }));
      expect(degraded.byMeaning).toBe(false);
      expect(degraded.results[0]).toMatchObject({ content: "Free parking behind the building.", ranks: { vector: null } });
      await withServiceRole((tx) => tx.execute(sql`delete from public.knowledge_chunks where document_id = ${doc.id}`));

      // The owner retries once the service is back: a fresh job, and the item is ready.
      await fake.close();
      delete process.env.OPENAI_API_KEY;
      resetConfigForTests();
      await asUser(ada, (tx) => requestReindex(tx, { businessId: salon, documentId: doc.id }));
      expect(await runKnowledgeJobs()).toMatchObject([{ result: "done" }]);
    } finally {
      await fake.close().catch(() => undefined);
    }
  });

  it("re-embeds in the background when the embedding model changes", async () => {
    const { ada, salon } = await world();
    await asUser(ada, (tx) => insertKnowledgeDocument(tx, { businessId: salon, document: cancellation }));
    await runKnowledgeJobs();
    const fake = await fakeOpenAi((body) => ({
      status: 200,
      json: { object: "list", model: body.model, data: body.input.map((_, i) => ({ object: "embedding", index: i, embedding: unit(i + 7) })), usage: { prompt_tokens: 10, total_tokens: 10 } },
    }));
    try {
      useOpenAi(fake.url);
      expect(await queueReembedding()).toBe(1);
      expect(await queueReembedding()).toBe(0);
      const [during] = await asUser(ada, (tx) => listKnowledgeDocuments(tx, { businessId: salon }));
      expect(during).toMatchObject({ status: "processing", embeddingModel: OFFLINE_EMBEDDING_MODEL });
      // Mid-way, old vectors are not compared with the new model's, but words still find the passage.
      const midway = await asUser(ada, (tx) => searchKnowledge(tx, { businessId: salon, query: "parking" }));
      expect(midway.results[0]).toMatchObject({ ranks: { vector: null } });
      expect(await runKnowledgeJobs()).toMatchObject([{ kind: "reembed", result: "done" }]);
      const [after] = await asUser(ada, (tx) => listKnowledgeDocuments(tx, { businessId: salon }));
      expect(after).toMatchObject({ status: "ready", embeddingModel: "text-embedding-3-small@512" });
    } finally {
      await fake.close();
    }
  });
});
