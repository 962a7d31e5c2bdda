import { APICallError } from "@ai-sdk/provider";
import { MockLanguageModelV4 } from "ai/test";
import { inspect } from "node:util";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { answerCustomerMessage } from "@/lib/agent/respond";
import type { ResolvedChatModel } from "@/lib/ai/models";
import { ingestCustomerMessage } from "@/lib/conversations/ingest";
import { onRequestError } from "@/instrumentation";
import { withServiceRole } from "@/lib/db";
import { DatabaseError, pgErrorOf } from "@/lib/db/errors";
import { createBusinessAs, createUser, useTestDatabase as freshDatabasePerTest } from "@/lib/db/testing";
import { insertKnowledgeDocument, typedDocument } from "@/lib/knowledge/documents";
import { runKnowledgeJobs } from "@/lib/knowledge/indexing";
import { apiErrorFromDatabase, route } from "@/lib/http/handler";
import { dispatchPendingNotifications } from "@/lib/notifications/dispatch";
import { replyStreamResponse } from "@/lib/widget/server/reply-stream";

/**
 * Finding 5 of the security review: log lines written outside a request (a failed widget reply, agent turn, knowledge
 * job, notification dispatch) carried the failing query's parameters, so customers' emails, phone numbers and words.
 * Each path is made to fail for real, with inputs carrying all four, and every line written is scanned.
 */

const EMAIL = "maria.quintero@example.org";
const PHONE = "+351 912 345 678";
const TOKEN = "tok_8fJ2kQ9zXw4LmN7pR3sT6vY1";
const WORDS = "my daughter's wedding is on the seventh of March";
const SECRETS = [EMAIL, PHONE, PHONE.replaceAll(" ", ""), TOKEN, WORDS];
const SAID = `I want to talk to a person. Email me at ${EMAIL} or call ${PHONE}, my booking code is ${TOKEN}; ${WORDS}.`;
const ALWAYS_OPEN = Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, [{ open: "00:00", close: "24:00" }]]));

const test = freshDatabasePerTest();
let lines: string[] = [];

beforeEach(() => {
  lines = [];
  vi.stubEnv("LOG_LEVEL", "debug");
  const capture = (chunk: unknown) => lines.push(...String(chunk).split("\n").filter(Boolean));
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, "write").mockImplementation((chunk: string | Uint8Array) => {
      capture(chunk);
      return true;
    });
  }
  // A library printing straight to the console (the AI SDK does, by default, for a stream's error) counts too.
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      capture(args.map((a) => (a instanceof Error ? `${a.stack} ${JSON.stringify(a)}` : typeof a === "string" ? a : JSON.stringify(a))).join(" "));
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

function expectClean(event: string) {
  const logged = lines.filter((line) => line.includes(`"event":"${event}"`));
  expect(logged.length, `${event} was logged`).toBeGreaterThan(0);
  for (const line of lines) for (const secret of SECRETS) expect(line, `a log line carries ${secret}`).not.toContain(secret);
  return logged.map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Every insert into the table fails, as a constraint, a full disk or a lost connection would make it. */
async function breakInserts(table: string) {
  await test.database.runner.query(`create function public.fail_for_test() returns trigger language plpgsql as $$
    begin raise exception 'refused for the test' using errcode = '53100'; end $$`);
  await test.database.runner.query(`create trigger fail_for_test before insert on public.${table} for each row execute function public.fail_for_test()`);
}

async function salon() {
  const ada = await createUser(test.database, { email: "ada@salon.test", fullName: "Ada Lovelace" });
  const businessId = await createBusinessAs(ada, { name: "Ada's Salon", vertical: "salon", timeZone: "Europe/Lisbon", currency: "EUR" });
  await withServiceRole((tx) => tx.execute(sql`update public.businesses set opening_hours = ${JSON.stringify(ALWAYS_OPEN)}::jsonb where id = ${businessId}`));
  return { ada, businessId };
}

const customerSays = (businessId: string, text: string) =>
  withServiceRole((tx) =>
    ingestCustomerMessage(tx, { businessId, channel: "widget", contactExternalId: "visitor-maria", externalMessageId: crypto.randomUUID(), text, afterHours: false }),
  );

describe("no customer data in the logs of failures outside a request", () => {
  it("widget.reply_failed: the handoff's insert fails with the customer's words among its parameters", async () => {
    const { businessId } = await salon();
    const stored = await customerSays(businessId, SAID);
    await breakInserts("notifications");
    const streamed = await replyStreamResponse(businessId, stored).text();
    expect(streamed).toContain("Sorry");
    const [line] = expectClean("widget.reply_failed");
    // Still useful: which database error, where.
    expect(JSON.stringify(line)).toContain("53100");
  });

  it("agent.turn_failed: the provider's error echoes the prompt and carries the request body", async () => {
    const { businessId } = await salon();
    const stored = await customerSays(businessId, `How much is a cut? Email me at ${EMAIL} or call ${PHONE}, code ${TOKEN}; ${WORDS}.`);
    const failing: ResolvedChatModel = {
      id: "openai:mock",
      provider: "openai",
      model: new MockLanguageModelV4({
        doStream: async (options) => {
          throw new APICallError({
            message: `Invalid prompt: ${JSON.stringify(options.prompt.filter((m) => m.role === "user"))}`,
            url: `https://api.example.com/v1/responses?key=${TOKEN}`,
            requestBodyValues: options.prompt,
            statusCode: 400,
            responseBody: JSON.stringify({ error: { message: `flagged: ${WORDS}` } }),
            isRetryable: false,
          });
        },
      }),
    };
    await expect(answerCustomerMessage({ businessId, messageId: stored.messageId, chain: [failing] })).rejects.toThrow();
    expectClean("agent.turn_failed");
  });

  it("knowledge.job_failed: storing the chunks fails with the document's text among the parameters", async () => {
    const { businessId } = await salon();
    await withServiceRole((tx) =>
      insertKnowledgeDocument(tx, {
        businessId,
        document: typedDocument({ kind: "article", title: "Contact us", category: "policies", body: `# Contact\n\nWrite to ${EMAIL} or call ${PHONE} (code ${TOKEN}). ${WORDS}.` }),
      }),
    );
    await breakInserts("knowledge_chunks");
    await runKnowledgeJobs({ budgetMs: 30_000 });
    expectClean("knowledge.job_failed");
  });

  it("notifications.dispatch_failed: queueing the email fails with the address and the notification's text as parameters", async () => {
    const { ada, businessId } = await salon();
    await test.database.runner.query("update auth.users set email = $1 where id = $2", [EMAIL, ada]);
    await test.database.runner.query("insert into public.notifications (business_id, user_id, type, title, body) values ($1, $2, 'handoff', 'A customer needs a person', $3)", [
      businessId,
      ada,
      `Asked: ${SAID}`,
    ]);
    await breakInserts("email_outbox");
    await dispatchPendingNotifications();
    expectClean("notifications.dispatch_failed");
  });

  it("request.failed: a database error a route does not map keeps the value Postgres quoted out of the line", async () => {
    // Postgres quotes the offending value in some messages (here a date a customer typed, as 22007 does).
    const pg = Object.assign(new Error(`invalid input syntax for type timestamp with time zone: "${WORDS}, ${EMAIL}"`), { code: "22007", severity: "ERROR" });
    const failing = route("test.failing", async () => {
      throw pg;
    });
    const response = await failing(new Request("http://localhost:3000/api/test", { method: "GET" }), { params: Promise.resolve({}) });
    expect(response.status).toBe(500);
    const [line] = expectClean("request.failed");
    expect(JSON.stringify(line)).toContain("22007");
  });

  it("a failed query leaves lib/db without its parameters, however Next or anyone prints it, and still maps to the API's error", async () => {
    const { businessId } = await salon();
    await breakInserts("contacts");
    const failures = [
      // The customer's data as a query's parameters (a trigger refuses the insert).
      withServiceRole((tx) => tx.execute(sql`insert into public.contacts (business_id, name, email, phone) values (${businessId}, ${WORDS}, ${EMAIL}, ${PHONE})`)),
      // And as a value Postgres quotes in its own message.
      withServiceRole((tx) => tx.execute(sql`select ${`${EMAIL} ${TOKEN}`}::uuid`)),
    ];
    const errors: unknown[] = [];
    for (const failure of failures) errors.push(await failure.then(() => null, (error: unknown) => error));
    const [refused, quoted] = errors;
    for (const error of errors) {
      expect(error).toBeInstanceOf(DatabaseError);
      const e = error as DatabaseError;
      // As Next prints an error a page threw, and as a careless console.error or a template string would.
      for (const printed of [String(e), e.message, e.stack ?? "", inspect(e), inspect(e, { depth: 10, showHidden: true }), JSON.stringify(e)]) {
        for (const secret of SECRETS) expect(printed, printed).not.toContain(secret);
        expect(printed).not.toMatch(/params|Failed query|insert into/);
      }
      expect(e.cause).toBeUndefined();
    }
    // What the app acts on is kept.
    expect(pgErrorOf(refused)).toMatchObject({ code: "53100" });
    expect(String(refused)).toBe("DatabaseError: refused for the test");
    expect(pgErrorOf(quoted)?.code).toBe("22P02");
    expect(apiErrorFromDatabase(quoted)?.code).toBe("validation_failed");
    expect((refused as DatabaseError).stack).toMatch(/\n\s+at /);

    // Next hands an error a page threw to instrumentation's onRequestError, which logs it through lib/log.
    await onRequestError(quoted, { path: `/reset-password?token=${TOKEN}`, method: "GET", headers: {} }, {
      routerKind: "App Router",
      routePath: "/b/[businessId]/inbox",
      routeType: "render",
      renderSource: "react-server-components",
      revalidateReason: undefined,
    });
    const [line] = expectClean("request.render_failed");
    expect(line).toMatchObject({ route: "/b/[businessId]/inbox", routeType: "render" });
    expect(JSON.stringify(line)).toContain("22P02");
  });
});
