import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { redact, scrubText } from "./index";

const EMAIL = "maria.customer@example.com";
const PHONE = "+44 7700 900123";
const TOKEN = "rst_Q2hhcmxpZS1yZXNldC10b2tlbi0xMjM0NTY3ODk";
const WORDS = "my knee surgery is on Friday";

describe("redact", () => {
  it("replaces secrets and message bodies at any depth", () => {
    const out = redact({
      route: "auth.sign-in",
      password: "hunter2-Secret",
      headers: { authorization: "Bearer abc", cookie: "fd-access-token=x" },
      message: { content: "my card number is 4111" },
      refresh_token: "r",
      toEmail: "a@b.example",
      emailId: "0b8a3f0e-7c1d-4a57-9a43-1f3d2c4b5a69",
      businessId: "b1",
    });
    const text = JSON.stringify(out);
    expect(text).not.toMatch(/hunter2|Bearer abc|4111|fd-access-token|a@b\.example/);
    expect(out).toMatchObject({ route: "auth.sign-in", businessId: "b1", emailId: "0b8a3f0e-7c1d-4a57-9a43-1f3d2c4b5a69" });
  });

  it("keeps an error's name, the summary of its message and its stack frames", () => {
    const out = redact({ error: new TypeError("boom") }) as { error: { name: string; message: string; stack: string[] } };
    expect(out.error).toMatchObject({ name: "TypeError", message: "boom" });
    expect(out.error.stack[0]).toMatch(/^at /);
    expect(out.error.stack.join("\n")).not.toContain("boom");
  });

  it("logs a failed query as its Postgres code and names, never its SQL, parameters or the row's detail", () => {
    // The shape PGlite and postgres.js raise, wrapped as drizzle wraps it.
    const pg = Object.assign(new Error(`duplicate key value violates unique constraint "contacts_email_key"`), {
      name: "error",
      code: "23505",
      constraint: "contacts_email_key",
      table: "contacts",
      schema: "public",
      detail: `Key (email)=(${EMAIL}) already exists.`,
      query: "insert into contacts (email, phone, notes) values ($1, $2, $3)",
      params: [EMAIL, PHONE, WORDS],
      parameters: [EMAIL, PHONE, WORDS],
    });
    const wrapped = new DrizzleQueryError("insert into contacts (email, phone, notes) values ($1, $2, $3)", [EMAIL, PHONE, WORDS], pg);
    const out = redact({ error: wrapped }) as { error: Record<string, unknown> };
    const text = JSON.stringify(out);
    for (const secret of [EMAIL, PHONE, WORDS, "insert into"]) expect(text).not.toContain(secret);
    expect(out.error).toMatchObject({
      message: "Failed query",
      cause: { code: "23505", constraint: "contacts_email_key", table: "contacts", schema: "public", message: `duplicate key value violates unique constraint "contacts_email_key"` },
    });
  });

  it("keeps only the summary before a message's details, where errors put the values", () => {
    const invalid = redact(new Error(`invalid input syntax for type uuid: "${WORDS}"`));
    expect(invalid).toMatchObject({ message: "invalid input syntax for type uuid" });
    const validation = redact(new Error(`Type validation failed: Value: {"reply":"${WORDS}"}.\nError message: bad`));
    expect(JSON.stringify(validation)).not.toContain(WORDS);
    // A multi-line message never leaks through the stack's header either.
    const multiline = redact(new Error(`Failed query: select 1\nparams: ${WORDS}`));
    expect(JSON.stringify(multiline)).not.toContain(WORDS);
  });

  it("leaves out the request and response an AI SDK error carries", () => {
    const apiError = Object.assign(new Error("Bad request"), {
      name: "AI_APICallError",
      statusCode: 400,
      isRetryable: false,
      url: `https://api.example.com/v1/chat?key=${TOKEN}`,
      requestBodyValues: { messages: [{ role: "user", content: WORDS }] },
      responseBody: `{"error":"${WORDS}"}`,
    });
    const out = redact({ error: apiError });
    expect(out).toMatchObject({ error: { name: "AI_APICallError", statusCode: 400, isRetryable: false, message: "Bad request" } });
    expect(JSON.stringify(out)).not.toMatch(new RegExp(`${WORDS}|${TOKEN}`));
  });
});

describe("scrubText", () => {
  it("removes emails, phone numbers, tokens and links with tokens", () => {
    const text = scrubText(
      `send to ${EMAIL} or call ${PHONE} (or 07700900123), key ${TOKEN}, jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl, link http://localhost:3000/reset-password?token=abc#t=def`,
    );
    expect(text).toBe("send to [email] or call [phone] (or [phone]), key [token], jwt [token], link http://localhost:3000/[redacted]");
  });

  it("keeps ids, dates, addresses, hosts and ordinary words", () => {
    const text = "conversation 550e8400-e29b-41d4-a716-446655440000 at 2026-12-04T18:43:35Z from 127.0.0.1 to push.example.com: knowledge-reembedding-queued attempt 3";
    expect(scrubText(text)).toBe(text);
  });
});
