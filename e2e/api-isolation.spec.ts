import { expect, test } from "@playwright/test";
import { adasSalon, apiAs, bobsBikes, createBusinessVia, person } from "./support";

test.describe("HTTP API: businesses are walled off from each other", () => {
  test("Ada cannot see or change Bob's business, team or invitations", async ({ baseURL }) => {
    const ada = await apiAs(baseURL!, person("Ada Lovelace"));
    const bob = await apiAs(baseURL!, person("Bob Builder"));
    const salon = await createBusinessVia(ada, adasSalon);
    const bikes = await createBusinessVia(bob, bobsBikes);

    const adaList = await (await ada.get("/api/businesses")).json();
    expect(adaList.businesses.map((b: { id: string }) => b.id)).toEqual([salon]);

    for (const path of [`/api/businesses/${bikes}`, `/api/businesses/${bikes}/members`, `/api/businesses/${bikes}/invitations`, `/api/businesses/${bikes}/outbox`]) {
      const res = await ada.get(path);
      expect(res.status(), path).toBe(404);
      expect((await res.json()).error.code).toBe("not_found");
    }
    expect((await ada.patch(`/api/businesses/${bikes}`, { data: { name: "Ada's now" } })).status()).toBe(404);
    expect((await ada.post(`/api/businesses/${bikes}/invitations`, { data: { role: "owner" } })).status()).toBe(404);
    const bobMembers = await (await bob.get(`/api/businesses/${bikes}/members`)).json();
    const bobId = bobMembers.members[0].userId as string;
    expect((await ada.delete(`/api/businesses/${bikes}/members/${bobId}`)).status()).toBe(404);
    expect((await ada.patch(`/api/businesses/${bikes}/members/${bobId}`, { data: { role: "agent" } })).status()).toBe(404);

    // Bob's business is untouched.
    const bikesNow = await (await bob.get(`/api/businesses/${bikes}`)).json();
    expect(bikesNow.business.name).toBe("Bob's Bikes");
    expect(bikesNow.role).toBe("owner");
  });

  test("signed-out requests and forged cookies get 401", async ({ baseURL, playwright }) => {
    const anon = await playwright.request.newContext({ baseURL });
    const res = await anon.get("/api/businesses");
    expect(res.status()).toBe(401);
    expect((await res.json()).error.code).toBe("unauthorized");
    const forged = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: {
        cookie:
          "fd-access-token=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwMDAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDAiLCJyb2xlIjoiYXV0aGVudGljYXRlZCJ9.c2lnbmF0dXJl",
      },
    });
    expect((await forged.get("/api/businesses")).status()).toBe(401);
  });

  test("bad input gets a 4xx naming the problem, and nothing is written", async ({ baseURL }) => {
    const ada = await apiAs(baseURL!, person("Ada Lovelace"));
    const malformed = await ada.post("/api/businesses", { headers: { "content-type": "application/json" }, data: Buffer.from("{not json") });
    expect(malformed.status()).toBe(400);
    expect((await malformed.json()).error.code).toBe("invalid_json");

    const invalid = await ada.post("/api/businesses", { data: { ...adasSalon, vertical: "bakery", currency: "euro" } });
    expect(invalid.status()).toBe(400);
    const body = await invalid.json();
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(["vertical", "currency"]));

    const huge = await ada.post("/api/businesses", { data: { ...adasSalon, name: "x".repeat(200_000) } });
    expect(huge.status()).toBe(413);
    expect((await (await ada.get("/api/businesses")).json()).businesses).toEqual([]);

    const badId = await ada.get("/api/businesses/not-a-uuid");
    expect(badId.status()).toBe(404);
  });

  test("duplicate emails, weak passwords and repeated failed logins are refused clearly", async ({ baseURL, playwright }) => {
    const ada = person("Ada Lovelace");
    await apiAs(baseURL!, ada);
    const other = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": "10.9.9.9" } });
    const dup = await other.post("/api/auth/sign-up", { data: { email: ada.email.toUpperCase(), password: "Another-Pass-123", fullName: "Imposter" } });
    expect(dup.status()).toBe(409);
    expect((await dup.json()).error.code).toBe("email_taken");

    const weak = await other.post("/api/auth/sign-up", { data: { email: "weak@example.test", password: "password", fullName: "Weak" } });
    expect(weak.status()).toBe(400);
    const weakBody = await weak.json();
    expect(weakBody.error.code).toBe("weak_password");
    expect(weakBody.error.fields[0].field).toBe("password");

    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      codes.push((await other.post("/api/auth/sign-in", { data: { email: ada.email, password: `wrong-${i}` } })).status());
    }
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes[5]).toBe(429);
    const limited = await other.post("/api/auth/sign-in", { data: { email: ada.email, password: ada.password } });
    expect(limited.status()).toBe(429);
    expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
    expect((await limited.json()).error.message).toMatch(/Try again in \d+ minutes?/);
  });

  test("the health check reports the mode, the database and the migrations", async ({ request }) => {
    const res = await request.get("/api/health");
    expect(res.status()).toBe(200);
    const health = await res.json();
    expect(health).toMatchObject({ status: "ok", mode: "embedded", db: "ok" });
    expect(health.migrations.pending).toBe(0);
    expect(health.migrations.applied).toBeGreaterThan(0);
  });
});
