import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as recordOutcome } from "@/app/api/businesses/[businessId]/conversations/[conversationId]/copilot/outcome/route";
import { POST as suggest } from "@/app/api/businesses/[businessId]/conversations/[conversationId]/copilot/route";
import { GET as stats } from "@/app/api/businesses/[businessId]/copilot/stats/route";
import { restoreAiEnv, setAiEnv } from "@/lib/ai/testing/ai-env";
import type { AuthClaims } from "@/lib/db";
import { withServiceRole } from "@/lib/db";
import { claimsFor, useTestDatabase as freshDatabasePerTest } from "@/lib/db/testing";
import { copilotResultSchema, copilotStatsSchema } from "./api";
import { BUDGET_SPENT_MESSAGE } from "./suggest";
import { conversationWith, salonAndBikes } from "./testing";

/** The copilot's HTTP API as a signed-in person calls it: Carol works at Ada's Salon, Bob runs Bob's Bikes. */

const session = vi.hoisted(() => ({ claims: null as AuthClaims | null }));
vi.mock("@/lib/auth/session", async () => {
  const { unauthorized } = await import("@/lib/http/errors");
  return {
    requireApiClaims: async () => {
      if (!session.claims) throw unauthorized();
      return session.claims;
    },
  };
});

const test = freshDatabasePerTest();
beforeEach(() => setAiEnv({}));
afterEach(() => {
  restoreAiEnv();
  session.claims = null;
});

const signIn = (userId: string) => (session.claims = claimsFor(userId));
const base = "http://localhost/api/businesses";
const json = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

function askSuggestions(businessId: string, conversationId: string) {
  return suggest(new Request(`${base}/${businessId}/conversations/${conversationId}/copilot`, { method: "POST" }), { params: Promise.resolve({ businessId, conversationId }) });
}
function sendOutcome(businessId: string, conversationId: string, body: unknown) {
  return recordOutcome(new Request(`${base}/${businessId}/conversations/${conversationId}/copilot/outcome`, json(body)), { params: Promise.resolve({ businessId, conversationId }) });
}
function readStats(businessId: string) {
  return stats(new Request(`${base}/${businessId}/copilot/stats`), { params: Promise.resolve({ businessId }) });
}
const errorOf = async (response: Response) => ({ status: response.status, code: ((await response.json()) as { error: { code: string } }).error.code });

describe("the copilot API", () => {
  it("suggests to a member, records one outcome per set, and shows another business's people nothing", async () => {
    const { salon, bikes, carol, bob, ada } = await salonAndBikes(test.database);
    const { conversationId } = await conversationWith(salon, [["customer", "How much is a men's cut?"]]);

    expect((await askSuggestions(salon, conversationId)).status).toBe(401);

    signIn(carol);
    const response = await askSuggestions(salon, conversationId);
    expect(response.status).toBe(200);
    const result = copilotResultSchema.parse(await response.json());
    expect(result.suggestions[0]!.text).toContain("€28");

    expect(await errorOf(await sendOutcome(salon, conversationId, { usageId: result.usageId, outcome: "kept" }))).toEqual({ status: 400, code: "validation_failed" });
    expect((await sendOutcome(salon, conversationId, { usageId: result.usageId, outcome: "sent" })).status).toBe(204);
    expect(await errorOf(await sendOutcome(salon, conversationId, { usageId: result.usageId, outcome: "dismissed" }))).toEqual({ status: 409, code: "conflict" });
    signIn(ada);
    expect(await errorOf(await sendOutcome(salon, conversationId, { usageId: randomUUID(), outcome: "sent" }))).toEqual({ status: 404, code: "not_found" });

    // Bob: the salon is not his business, and his own business has no such conversation.
    signIn(bob);
    expect(await errorOf(await askSuggestions(salon, conversationId))).toEqual({ status: 404, code: "not_found" });
    expect(await errorOf(await askSuggestions(bikes, conversationId))).toEqual({ status: 404, code: "not_found" });
    expect(await errorOf(await sendOutcome(salon, conversationId, { usageId: result.usageId, outcome: "edited" }))).toEqual({ status: 404, code: "not_found" });
    expect(await errorOf(await sendOutcome(bikes, conversationId, { usageId: result.usageId, outcome: "edited" }))).toEqual({ status: 404, code: "not_found" });
    expect(await errorOf(await readStats(salon))).toEqual({ status: 404, code: "not_found" });
  });

  it("answers 429 with a clear message when the day's budget is spent", async () => {
    const { salon, carol } = await salonAndBikes(test.database);
    const { conversationId } = await conversationWith(salon, [["customer", "How much is a men's cut?"]]);
    await withServiceRole((tx) =>
      tx.execute(sql`insert into public.ai_usage (business_id, task, provider, model, prompt_tokens, completion_tokens, outcome)
        values (${salon}, 'reply', 'openai', 'openai:gpt-4o-mini', 250000, 10000, 'ok')`),
    );
    signIn(carol);
    const response = await askSuggestions(salon, conversationId);
    expect(response.status).toBe(429);
    expect(await response.json()).toMatchObject({ error: { code: "budget_exhausted", message: BUDGET_SPENT_MESSAGE } });
  });

  it("shows the statistics to owners and admins only", async () => {
    const { salon, carol, ada } = await salonAndBikes(test.database);
    const { conversationId } = await conversationWith(salon, [["customer", "Can I bring my dog?"]]);
    signIn(carol);
    const first = copilotResultSchema.parse(await (await askSuggestions(salon, conversationId)).json());
    await askSuggestions(salon, conversationId);
    await sendOutcome(salon, conversationId, { usageId: first.usageId, outcome: "edited" });

    expect(await errorOf(await readStats(salon))).toEqual({ status: 403, code: "forbidden" });
    signIn(ada);
    const response = await readStats(salon);
    expect(response.status).toBe(200);
    expect(copilotStatsSchema.parse(await response.json())).toEqual({ days: 30, suggested: 2, sent: 0, edited: 1, dismissed: 0 });
  });
});
