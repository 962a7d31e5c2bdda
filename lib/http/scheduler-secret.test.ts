import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { POST as runAgentJobs } from "@/app/api/jobs/agent/route";
import { POST as runKnowledgeJobs } from "@/app/api/jobs/knowledge/route";
import { resetConfigForTests } from "@/lib/config";
import { useTestDatabase as withTestDatabase } from "@/lib/db/testing";

const SECRET = "a-scheduler-secret-of-more-than-32-characters";
const savedSecret = process.env.CRON_SECRET;
withTestDatabase();

beforeEach(() => {
  process.env.CRON_SECRET = SECRET;
  resetConfigForTests();
});
afterAll(() => {
  if (savedSecret === undefined) delete process.env.CRON_SECRET;
  else process.env.CRON_SECRET = savedSecret;
  resetConfigForTests();
});

const context = { params: Promise.resolve({}) };
const call = (handler: typeof runAgentJobs, path: string, headers: Record<string, string> = {}) =>
  handler(new Request(`http://localhost:3000${path}`, { method: "POST", headers }), context);

describe.each([
  ["/api/jobs/knowledge", runKnowledgeJobs],
  ["/api/jobs/agent", runAgentJobs],
] as const)("%s: the scheduler's secret", (path, handler) => {
  it("is required: 401 without a bearer, with a wrong one, or with the secret outside the Bearer scheme", async () => {
    const wrong: Record<string, string>[] = [{}, { authorization: `Bearer ${SECRET.slice(0, -1)}x` }, { authorization: `Bearer ${SECRET}x` }, { authorization: SECRET }, { authorization: `Basic ${SECRET}` }];
    for (const headers of wrong) {
      const res = await call(handler, path, headers);
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect((await res.json()).error.code).toBe("unauthorized");
    }
  });

  it("runs the jobs with the right bearer, also when the scheduler's request names another origin", async () => {
    expect((await call(handler, path, { authorization: `Bearer ${SECRET}` })).status).toBe(200);
    const fromElsewhere = await call(handler, path, { authorization: `Bearer ${SECRET}`, origin: "https://scheduler.example", "sec-fetch-site": "cross-site" });
    expect(fromElsewhere.status).toBe(200);
  });

  it("is 404 when no CRON_SECRET is configured: the route does not exist then", async () => {
    delete process.env.CRON_SECRET;
    resetConfigForTests();
    expect((await call(handler, path, { authorization: "Bearer " })).status).toBe(404);
  });
});
