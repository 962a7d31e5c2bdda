import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { POST as previewRoute } from "@/app/api/businesses/[businessId]/knowledge/preview-answer/route";
import { flushAiUsage } from "@/lib/ai/usage";
import { ingestCustomerMessage } from "@/lib/conversations/ingest";
import { rowsOf, withServiceRole, type AuthClaims } from "@/lib/db";
// Imported under another name: it is not a React hook, whatever its name suggests to the linter.
import { addMember, claimsFor, createBusinessAs, createUser, useTestDatabase as freshDatabasePerTest } from "@/lib/db/testing";
import { ApiError, unauthorized } from "@/lib/http/errors";
import { insertKnowledgeDocument, typedDocument } from "@/lib/knowledge/documents";
import { runKnowledgeJobs } from "@/lib/knowledge/indexing";
import { enforcePreviewLimit, PREVIEWS_PER_MINUTE, resetPreviewLimitForTests, type AnswerPreview, type PreviewPassage } from "./preview";
import { answerCustomerMessage } from "./respond";

// Route handlers verify the session through lib/auth/session; here it answers with the claims of whoever is signed in.
const session = vi.hoisted(() => ({ claims: null as AuthClaims | null }));
vi.mock("@/lib/auth/session", () => ({
  requireApiClaims: async () => {
    if (!session.claims) throw unauthorized();
    return session.claims;
  },
}));

const test = freshDatabasePerTest();
const ALWAYS_OPEN = Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, [{ open: "00:00", close: "24:00" }]]));
const BASE = "http://localhost:3000";

beforeEach(() => {
  session.claims = null;
  resetPreviewLimitForTests();
});

async function salon() {
  const ada = await createUser(test.database, { email: "ada@salon.test", fullName: "Ada Lovelace" });
  const carol = await createUser(test.database, { email: "carol@salon.test", fullName: "Carol O'Neill" });
  const bob = await createUser(test.database, { email: "bob@bikes.test", fullName: "Bob Baker" });
  const businessId = await createBusinessAs(ada, { name: "Ada's Salon", vertical: "salon", timeZone: "Europe/Lisbon", currency: "EUR" });
  await createBusinessAs(bob, { name: "Bob's Bikes", vertical: "retail" });
  await addMember(test.database, businessId, carol, "agent");
  await withServiceRole(async (tx) => {
    // Always open, so the widget's turn and the preview's read the same hours whenever the test runs.
    await tx.execute(sql`update public.businesses set opening_hours = ${JSON.stringify(ALWAYS_OPEN)}::jsonb where id = ${businessId}`);
    await insertKnowledgeDocument(tx, {
      businessId,
      document: typedDocument({
        kind: "article",
        title: "Services and prices",
        category: "prices",
        body: "# Cuts\n\n- Women's cut and blow-dry: €48 (about 60 minutes)\n- Men's cut: €28\n\n# Colour\n\nFull colour from €65. Balayage from €120.",
      }),
    });
    await insertKnowledgeDocument(tx, {
      businessId,
      document: typedDocument({
        kind: "article",
        title: "Policies",
        category: "policies",
        body: "# Pets\n\nWell-behaved dogs are welcome in the salon.\n\n# Parking\n\nFree parking behind the building, entrance on Rua do Norte.",
      }),
    });
  });
  await runKnowledgeJobs({ budgetMs: 30_000 });
  return { businessId, ada, carol, bob };
}

function ask(businessId: string, body: unknown, headers: Record<string, string> = {}) {
  return previewRoute(
    new Request(`${BASE}/api/businesses/${businessId}/knowledge/preview-answer`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({ businessId }) },
  );
}

async function previewAs(userId: string, businessId: string, question: string) {
  session.claims = claimsFor(userId);
  const response = await ask(businessId, { question });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as AnswerPreview & { passages: { results: PreviewPassage[] } };
}

async function count(table: string, businessId: string): Promise<number> {
  const from = sql.raw(`public.${table}`);
  const rows = await withServiceRole(async (tx) => rowsOf(await tx.execute(sql`select count(*)::int as n from ${from} where business_id = ${businessId}`)));
  return Number(rows[0]?.n);
}

const STORED = ["contacts", "conversations", "messages", "leads", "notifications"] as const;
async function storedCounts(businessId: string) {
  return Object.fromEntries(await Promise.all(STORED.map(async (t) => [t, await count(t, businessId)] as const)));
}

describe("POST /api/businesses/:id/knowledge/preview-answer", () => {
  it("shows the reply a visitor would get, its confidence and sources, and stores nothing a customer's turn would", async () => {
    const { businessId, ada } = await salon();
    const before = await storedCounts(businessId);

    const preview = await previewAs(ada, businessId, "How much is a women's cut?");
    expect(preview.reply.text).toContain("€48");
    expect(preview.reply).toMatchObject({ handedOff: false, handoffReason: null, intent: "price" });
    expect(preview.reply.confidence).toBeGreaterThanOrEqual(preview.threshold);
    expect(preview.reply.sources.map((s) => s.title)).toEqual(["Services and prices"]);
    // The passages below the reply, with the question's words each holds.
    const first = preview.passages.results[0]!;
    expect(first.title).toBe("Services and prices");
    expect(first.words.shared).toEqual(expect.arrayContaining(["women's", "cut"]));

    // A lead and a hand-off the pipeline would make: neither is written.
    const lead = await previewAs(ada, businessId, "Can I bring my dog? My email is dana@example.com");
    expect(lead.reply.text).toMatch(/dogs are welcome/i);
    // What the customer would read when their details are saved, though none are.
    expect(lead.reply.text).toContain("I've passed your details to the team");
    const person = await previewAs(ada, businessId, "I want to talk to a person");
    expect(person.reply).toMatchObject({ handedOff: true, handoffReason: "customer_request", confidence: null });

    expect(await storedCounts(businessId)).toEqual(before);
    await flushAiUsage();
    await withServiceRole(async (tx) => {
      const usage = rowsOf(await tx.execute(sql`select task from public.ai_usage where business_id = ${businessId} and task in ('reply', 'preview')`));
      // The model calls are logged (a paid model's would count against the budget), never as a customer's reply.
      expect(usage.length).toBeGreaterThan(0);
      expect(usage.every((r) => r.task === "preview")).toBe(true);
      const documents = rowsOf(await tx.execute(sql`select usage_count from public.knowledge_documents where business_id = ${businessId}`));
      expect(documents.every((d) => Number(d.usage_count) === 0)).toBe(true);
    });
  });

  it("says what the widget says to a new visitor, question for question", async () => {
    const { businessId, ada } = await salon();
    const questions = [
      "How much is a women's cut?",
      "Do you have parking?",
      "Can I bring my dog? My email is dana@example.com",
      "Do you repair bicycle gearboxes?",
      "I want a refund, the colour was awful",
      "I want to talk to a person",
      "hello",
    ];
    for (const [i, question] of questions.entries()) {
      const preview = await previewAs(ada, businessId, question);
      let streamed = "";
      const stored = await withServiceRole((tx) =>
        ingestCustomerMessage(tx, { businessId, channel: "widget", contactExternalId: `visitor-${i}`, externalMessageId: crypto.randomUUID(), text: question, afterHours: false }),
      );
      const widget = await answerCustomerMessage({ businessId, messageId: stored.messageId, sink: { text: (d) => (streamed += d) } });
      expect({ question, text: preview.reply.text }).toEqual({ question, text: streamed });
      expect(preview.reply.confidence).toBe(widget.confidence);
      expect(preview.reply.handedOff).toBe(widget.handedOff);
      expect(preview.reply.intent).toBe(widget.intent);
      expect(preview.reply.quickReplies).toEqual(widget.quickReplies);
      expect(preview.reply.sources.map(({ n, title, documentId }) => ({ n, title, documentId }))).toEqual(widget.sources);
    }
  });

  it("lets any member preview, and no one else", async () => {
    const { businessId, carol, bob } = await salon();
    expect((await previewAs(carol, businessId, "Do you have parking?")).reply.text).toMatch(/parking/i);

    session.claims = claimsFor(bob);
    const refused = await ask(businessId, { question: "Do you have parking?" });
    expect(refused.status).toBe(404);

    session.claims = null;
    expect((await ask(businessId, { question: "Do you have parking?" })).status).toBe(401);
  });

  it("refuses an empty or overlong question, and a request from another site", async () => {
    const { businessId, ada } = await salon();
    session.claims = claimsFor(ada);
    expect((await ask(businessId, { question: "   " })).status).toBe(400);
    expect((await ask(businessId, { question: "a".repeat(501) })).status).toBe(400);
    const crossSite = await ask(businessId, { question: "Do you have parking?" }, { origin: "https://evil.example", "sec-fetch-site": "cross-site" });
    expect(crossSite.status).toBe(403);
    expect(((await crossSite.json()) as { error: { code: string } }).error.code).toBe("cross_origin_request");
  });
});

describe("the preview's rate limit", () => {
  it(`allows ${PREVIEWS_PER_MINUTE} previews a minute per member and business, then says when to try again`, () => {
    for (let i = 0; i < PREVIEWS_PER_MINUTE; i++) enforcePreviewLimit("salon", "ada");
    let refused: unknown;
    try {
      enforcePreviewLimit("salon", "ada");
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).status).toBe(429);
    expect(Number((refused as ApiError).headers?.["Retry-After"])).toBeGreaterThan(0);
    // Another member, or the same member on another business, has their own minute.
    expect(() => enforcePreviewLimit("salon", "carol")).not.toThrow();
    expect(() => enforcePreviewLimit("bikes", "ada")).not.toThrow();
  });
});
