import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ApiError } from "./errors";
import { route } from "./handler";
import { parseJsonBody } from "./request";

const post = (body: string, type = "application/json") =>
  new Request("http://localhost/api/x", { method: "POST", body, headers: { "content-type": type } });
const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });

describe("route()", () => {
  afterEach(() => vi.restoreAllMocks());

  it("turns an ApiError into its status and stable code, with the request id", async () => {
    const handler = route("t", async () => {
      throw new ApiError(409, "last_owner", "A business must keep at least one owner");
    });
    const res = await handler(new Request("http://localhost/api/x", { headers: { "x-request-id": "req-1" } }), ctx({}));
    expect(res.status).toBe(409);
    expect(res.headers.get("x-request-id")).toBe("req-1");
    expect(await res.json()).toEqual({ error: { code: "last_owner", message: "A business must keep at least one owner" } });
  });

  it("maps database errors raised by triggers and RLS", async () => {
    const pgError = Object.assign(new Error("new row violates row-level security policy"), { code: "42501" });
    const wrapped = Object.assign(new Error("Failed query"), { cause: pgError });
    const res = await route("t", async () => {
      throw wrapped;
    })(new Request("http://localhost/"), ctx({}));
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("forbidden");
  });

  it("hides unexpected errors behind a 500 and logs without request bodies", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const res = await route<{ businessId: string }>("t", async () => {
      throw new Error("boom");
    })(post('{"password":"hunter2-Secret"}'), ctx({ businessId: "b-1" }));
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: "internal", message: "Something went wrong on our side" } });
    const logged = stderr.mock.calls.map((c) => String(c[0])).join("");
    expect(logged).toContain('"businessId":"b-1"');
    expect(logged).not.toContain("hunter2");
  });
});

describe("route(): cross-origin state changes (CSRF)", () => {
  const ok = () => route("t", async () => new Response(null, { status: 204 }));
  const from = (method: string, headers: Record<string, string>) => new Request("http://localhost:3000/api/x", { method, headers });

  it("refuses POST, PUT, PATCH and DELETE from another origin before the handler runs", async () => {
    const handler = vi.fn(async () => new Response(null, { status: 204 }));
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const res = await route("t", handler)(from(method, { origin: "http://localhost:4000" }), ctx({}));
      expect(res.status, method).toBe(403);
      expect((await res.json()).error.code).toBe("cross_origin_request");
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it("lets reads through: a cross-site GET cannot read the answer, and top-level links must work", async () => {
    expect((await ok()(from("GET", { "sec-fetch-site": "cross-site", origin: "https://evil.example" }), ctx({}))).status).toBe(204);
  });

  it("lets a route that names its other caller through", async () => {
    for (const crossOrigin of ["widget", "bearer-secret", "signed-webhook"] as const) {
      const handler = route("t", async () => new Response(null, { status: 204 }), { crossOrigin });
      expect((await handler(from("POST", { origin: "https://customer-site.example", "sec-fetch-site": "cross-site" }), ctx({}))).status).toBe(204);
    }
  });

  it("trusts the request's own host only when it is this machine's (a rebinding Host never becomes 'same origin')", async () => {
    const own = await ok()(from("POST", { host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" }), ctx({}));
    expect(own.status).toBe(204);
    const rebound = await ok()(from("POST", { host: "evil.example:3000", origin: "http://evil.example:3000" }), ctx({}));
    expect(rebound.status).toBe(403);
  });
});

describe("parseJsonBody", () => {
  const schema = z.strictObject({ name: z.string().min(1) });

  it("parses a valid body", async () => {
    expect(await parseJsonBody(post('{"name":"Ada"}'), schema)).toEqual({ name: "Ada" });
  });
  it("names malformed JSON, a wrong content type, an oversized body and invalid fields", async () => {
    await expect(parseJsonBody(post("{nope"), schema)).rejects.toMatchObject({ status: 400, code: "invalid_json" });
    await expect(parseJsonBody(post("name=Ada", "application/x-www-form-urlencoded"), schema)).rejects.toMatchObject({ status: 415 });
    await expect(parseJsonBody(post(JSON.stringify({ name: "x".repeat(100) }), "application/json"), schema, 50)).rejects.toMatchObject({
      status: 413,
      code: "payload_too_large",
    });
    await expect(parseJsonBody(post('{"name":""}'), schema)).rejects.toMatchObject({
      status: 400,
      code: "validation_failed",
      fields: [{ field: "name", message: expect.any(String) }],
    });
    await expect(parseJsonBody(post(""), schema)).rejects.toMatchObject({ code: "validation_failed", fields: [{ field: "(body)" }] });
  });
});
