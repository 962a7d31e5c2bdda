// What the HTTP benches share: starting the built app on a clean data folder (printing every setting they give it),
// signing in as the demo owner, and making more businesses through the product's own API.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBuild } from "../ensure-build.mjs";

/** The demo salon (supabase/seed.sql) and its owner. */
export const DEMO = {
  businessId: process.env.BENCH_BUSINESS_ID ?? "b7d3e0c4-1f6a-4b9e-8c2d-5a4f3e2d1c01",
  widgetKey: process.env.BENCH_WIDGET_KEY ?? "pk_b7d3e0c41f6a4b9e8c2d5a4f3e2d1c01",
  email: process.env.BENCH_EMAIL ?? "demo@frontdesk.local",
  password: process.env.BENCH_PASSWORD ?? "Frontdesk-Demo-2026",
};

export type App = { base: string; settings: Record<string, string>; stop: () => void };

/**
 * BASE_URL when set (and allowed), else `next start` on `dataDir` (a clean folder unless given). `env` is every setting the bench changes from the
 * defaults (beyond the port, data folder and log level); the caller prints `settings` on its last line.
 */
export async function startApp(
  name: string,
  port: number,
  env: Record<string, string> = {},
  { dataDir = mkdtempSync(path.join(os.tmpdir(), `frontdesk-bench-${name}-`)), allowBaseUrl = true } = {},
): Promise<App> {
  const given = allowBaseUrl ? process.env.BASE_URL?.replace(/\/$/, "") : undefined;
  if (given) {
    rmSync(dataDir, { recursive: true, force: true });
    return { base: given, settings: { base_url: given }, stop: () => undefined };
  }
  ensureBuild();
  // On this machine only, as `npm start` listens in embedded mode (scripts/start.mjs), and HOST says so to the app.
  const args = [path.resolve("node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)];
  let server: ChildProcess | undefined = spawn(process.execPath, args, {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stop = () => {
    server?.kill("SIGTERM");
    server = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  };
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  while (!(await fetch(`${base}/api/health`).then((r) => r.ok).catch(() => false))) {
    if (performance.now() - started > 120_000) {
      stop();
      throw new Error("the app did not become healthy within 120 s");
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, settings: env, stop };
}

/** Settings of the app that change what the benches measure; set in the caller's environment, the app inherits them. */
const INHERITED = ["WIDGET_KEY_RATE_LIMIT", "WIDGET_VISITOR_RATE_LIMIT", "AI_TIMEOUT_MS", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "LLM_COMPATIBLE_BASE_URL", "DATABASE_URL"];

/**
 * ` setting_a=1 setting_b=2` for the last line: every setting the bench changed, and any inherited from the caller's
 * environment (secrets only as "set"), so a figure is never read without them.
 */
export function settingsLine(settings: Record<string, string>): string {
  const inherited = INHERITED.filter((name) => process.env[name] && !(name in settings)).map(
    (name) => [name, /KEY|URL/.test(name) ? "set" : process.env[name]!] as const,
  );
  const entries = [...Object.entries(settings), ...inherited];
  return entries.length ? ` ${entries.map(([k, v]) => `setting_${k}=${v}`).join(" ")}` : " settings=defaults";
}

/** Signs in through the API and returns the session cookie header. */
export async function signIn(base: string, email = DEMO.email, password = DEMO.password): Promise<string> {
  const res = await fetch(`${base}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in as ${email}: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

export async function api<T>(base: string, cookie: string, method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { cookie, origin: base, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

type DocumentSummary = { id: string; title: string; kind: "article" | "faq"; category: string; status: string };
type DocumentDetail = DocumentSummary & { body: string; faqEntries: { question: string; answer: string }[] | null };

/**
 * `count` more salons owned by the demo owner, each with its own widget key and a copy of the demo salon's knowledge
 * (so their assistants answer the same questions), made through the dashboard's API and indexed by the app's worker.
 * Resolves with their ids and widget keys once every copied document is ready.
 */
export async function cloneDemoBusinesses(base: string, cookie: string, count: number): Promise<{ id: string; widgetKey: string }[]> {
  const { documents } = await api<{ documents: DocumentSummary[] }>(base, cookie, "GET", `/api/businesses/${DEMO.businessId}/knowledge`);
  const details = await Promise.all(
    documents.map((d) => api<{ document: DocumentDetail }>(base, cookie, "GET", `/api/businesses/${DEMO.businessId}/knowledge/${d.id}`).then((r) => r.document)),
  );
  const made: { id: string; widgetKey: string }[] = [];
  for (let i = 0; i < count; i += 1) {
    const { business } = await api<{ business: { id: string } }>(base, cookie, "POST", "/api/businesses", {
      name: `Bench Salon ${i + 2}`,
      vertical: "salon",
      timeZone: "Europe/Lisbon",
      currency: "EUR",
    });
    for (const d of details) {
      const input =
        d.kind === "faq" && d.faqEntries
          ? { kind: "faq", title: d.title, category: d.category, entries: d.faqEntries }
          : { kind: "article", title: d.title, category: d.category, body: d.body };
      await api(base, cookie, "POST", `/api/businesses/${business.id}/knowledge`, input);
    }
    const { widgetKey } = await api<{ widgetKey: string }>(base, cookie, "GET", `/api/businesses/${business.id}/widget-settings`);
    made.push({ id: business.id, widgetKey });
  }
  const started = performance.now();
  for (const b of made) {
    for (;;) {
      const { documents: docs } = await api<{ documents: DocumentSummary[] }>(base, cookie, "GET", `/api/businesses/${b.id}/knowledge`);
      if (docs.length === details.length && docs.every((d) => d.status === "ready")) break;
      if (performance.now() - started > 120_000) throw new Error(`the copied knowledge of ${b.id} was not indexed within 120 s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return made;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
