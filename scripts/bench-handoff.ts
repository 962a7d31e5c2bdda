// `npm run bench:handoff`: 50 escalations through the widget API while a staff member's dashboard is open in Chromium
// (against BASE_URL when set, else an app this script starts on a clean database). For each: a new visitor asks for a
// person; we time from the customer's message request to the handoff toast being rendered in the staff browser; then
// the staff member replies through the inbox API and we time until the reply arrives on the visitor's chat stream.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "playwright-core";
import { ensureBuild } from "./ensure-build.mjs";

const ESCALATIONS = Number(process.env.BENCH_ESCALATIONS ?? 50);
const TARGET = { toast_p95_ms: 500, reply_p95_ms: 500 };
/** The demo salon (supabase/seed.sql) and its owner. */
const KEY = process.env.BENCH_WIDGET_KEY ?? "pk_b7d3e0c41f6a4b9e8c2d5a4f3e2d1c01";
const BUSINESS_ID = process.env.BENCH_BUSINESS_ID ?? "b7d3e0c4-1f6a-4b9e-8c2d-5a4f3e2d1c01";
const OWNER = { email: process.env.BENCH_EMAIL ?? "demo@frontdesk.local", password: process.env.BENCH_PASSWORD ?? "Frontdesk-Demo-2026" };
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

let server: ChildProcess | undefined;
let dataDir: string | undefined;
let base = process.env.BASE_URL?.replace(/\/$/, "");

async function startApp(): Promise<string> {
  ensureBuild();
  const port = Number(process.env.BENCH_PORT ?? 3292);
  dataDir = mkdtempSync(path.join(os.tmpdir(), "frontdesk-bench-handoff-"));
  server = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(port)], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: "warn", WIDGET_KEY_RATE_LIMIT: "100000" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  while (!(await fetch(`${url}/api/health`).then((r) => r.ok).catch(() => false))) {
    if (performance.now() - started > 120_000) throw new Error("the app did not become healthy within 120 s");
    await new Promise((r) => setTimeout(r, 100));
  }
  return url;
}

const widgetHeaders = (token?: string) => ({
  "content-type": "application/json",
  origin: base!,
  ...(token ? { authorization: `Bearer ${token}` } : {}),
});

async function newVisitor(): Promise<string> {
  const res = await fetch(`${base}/api/widget/session`, { method: "POST", headers: widgetHeaders(), body: JSON.stringify({ key: KEY }) });
  if (!res.ok) throw new Error(`session: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

async function conversationOf(token: string): Promise<string> {
  const res = await fetch(`${base}/api/widget/session`, { method: "POST", headers: widgetHeaders(), body: JSON.stringify({ key: KEY, token }) });
  const session = (await res.json()) as { conversation: { id: string } | null };
  if (!session.conversation) throw new Error("the visitor has no conversation after asking for a person");
  return session.conversation.id;
}

/** Opens the visitor's chat stream; `waitFor(text)` resolves with the wall-clock time a message with that text arrived. */
async function openVisitorStream(token: string) {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/widget/events`, { headers: { ...widgetHeaders(token), accept: "text/event-stream" }, signal: controller.signal });
  if (!res.ok || !res.body) throw new Error(`visitor stream: ${res.status}`);
  const arrivals = new Map<string, number>();
  const waiters = new Map<string, (at: number) => void>();
  void (async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        // Texts are matched in the raw stream: each bench reply carries a unique marker.
        for (const marker of value.match(/bench-reply-[0-9a-f-]{36}/g) ?? []) {
          if (arrivals.has(marker)) continue;
          const at = Date.now();
          arrivals.set(marker, at);
          waiters.get(marker)?.(at);
        }
      }
    } catch {
      // Aborted when the escalation is done.
    }
  })();
  return {
    waitFor: (marker: string) =>
      new Promise<number>((resolve, reject) => {
        const seen = arrivals.get(marker);
        if (seen) return resolve(seen);
        waiters.set(marker, resolve);
        setTimeout(() => reject(new Error("the reply did not reach the visitor within 10 s")), 10_000);
      }),
    close: () => controller.abort(),
  };
}

/** Resolves with the wall-clock time the page rendered its n-th handoff toast (counted by a MutationObserver). */
async function toastNumber(page: Page, n: number): Promise<number> {
  const handle = await page.waitForFunction(
    (wanted) => (window as unknown as { __toasts: number[] }).__toasts.length >= wanted && (window as unknown as { __toasts: number[] }).__toasts[wanted - 1],
    n,
    { timeout: 10_000, polling: 10 },
  );
  return Number(await handle.jsonValue());
}

async function sendStaffReply(page: Page, conversationId: string, text: string) {
  const res = await page.request.post(`${base}/api/businesses/${BUSINESS_ID}/conversations/${conversationId}/messages`, {
    data: { kind: "reply", text },
  });
  if (res.status() !== 201) throw new Error(`staff reply: ${res.status()} ${await res.text()}`);
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
try {
  base ??= await startApp();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  const page = await (await browser.newContext({ baseURL: base })).newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password", { exact: true }).fill(OWNER.password);
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.waitForURL(/\/b\//);
  await page.goto(`/b/${BUSINESS_ID}/inbox`);
  // Every handoff toast's arrival time, recorded the moment it is rendered.
  await page.evaluate(() => {
    const w = window as unknown as { __toasts: number[] };
    w.__toasts = [];
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node instanceof HTMLElement && (node.matches('[data-testid="handoff-toast"]') || node.querySelector('[data-testid="handoff-toast"]'))) {
            w.__toasts.push(Date.now());
          }
        }
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
  await page.waitForFunction(() => document.querySelector('[data-realtime="live"]') !== null, undefined, { timeout: 15_000 });

  const toastMs: number[] = [];
  const replyMs: number[] = [];
  const errors: string[] = [];
  for (let i = 0; i < ESCALATIONS; i += 1) {
    try {
      const token = await newVisitor();
      const started = Date.now();
      const res = await fetch(`${base}/api/widget/messages`, {
        method: "POST",
        headers: widgetHeaders(token),
        body: JSON.stringify({ text: "Can I talk to a person, please?", clientMessageId: randomUUID(), consent: true }),
      });
      if (!res.ok) throw new Error(`message: ${res.status} ${await res.text()}`);
      const streamed = res.text();
      toastMs.push((await toastNumber(page, i + 1)) - started);
      await streamed;

      const conversationId = await conversationOf(token);
      const stream = await openVisitorStream(token);
      try {
        const marker = `bench-reply-${randomUUID()}`;
        const sent = Date.now();
        const arrived = stream.waitFor(marker);
        await sendStaffReply(page, conversationId, `Hi, I'm here to help (${marker})`);
        replyMs.push((await arrived) - sent);
      } finally {
        stream.close();
      }
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
  }

  const toastP50 = percentile(toastMs, 50);
  const toastP95 = percentile(toastMs, 95);
  const replyP50 = percentile(replyMs, 50);
  const replyP95 = percentile(replyMs, 95);
  console.log(`${ESCALATIONS} escalations against ${base}: ${toastMs.length} toasts, ${replyMs.length} replies, ${errors.length} errors`);
  if (errors.length) console.log(`first errors: ${[...new Set(errors)].slice(0, 3).join(" | ")}`);
  console.log(`message request → toast rendered: p50 ${toastP50} ms, p95 ${toastP95} ms (target p95 <= ${TARGET.toast_p95_ms} ms)`);
  console.log(`staff reply → in the widget's stream: p50 ${replyP50} ms, p95 ${replyP95} ms (target p95 <= ${TARGET.reply_p95_ms} ms)`);
  const met = toastP95 <= TARGET.toast_p95_ms && replyP95 <= TARGET.reply_p95_ms && errors.length === 0;
  console.log(met ? "Targets met." : "Target missed.");
  console.log(`toast_p95_ms=${toastP95} reply_p95_ms=${replyP95} toast_p50_ms=${toastP50} reply_p50_ms=${replyP50} errors=${errors.length}`);
} finally {
  await browser?.close();
  server?.kill("SIGTERM");
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
