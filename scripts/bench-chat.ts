// `npm run bench:chat`: 20 concurrent widget visitors × 10 turns each against a running app (BASE_URL when set, else
// one this script starts on a clean database) with the instant offline model. Measures the server's own overhead: the
// time from sending a message to the first streamed token of the reply, p50/p95, and the errors.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBuild } from "./ensure-build.mjs";

const VISITORS = Number(process.env.BENCH_VISITORS ?? 20);
const TURNS = Number(process.env.BENCH_TURNS ?? 10);
const TARGET = { ttft_p95_ms: 100 };
/** The demo salon's widget key (supabase/seed.sql). */
const KEY = process.env.BENCH_WIDGET_KEY ?? "pk_b7d3e0c41f6a4b9e8c2d5a4f3e2d1c01";
const QUESTIONS = [
  "How much is a women's cut?",
  "Can I bring my dog?",
  "Where can I park?",
  "What is your cancellation policy?",
  "Do you do balayage?",
  "Is there wifi?",
  "What if I'm late?",
  "Do you sell gift cards?",
  "Hi there!",
  "Do you take Apple Pay?",
];

let server: ChildProcess | undefined;
let dataDir: string | undefined;
let base = process.env.BASE_URL?.replace(/\/$/, "");

async function startApp(): Promise<string> {
  ensureBuild();
  const port = Number(process.env.BENCH_PORT ?? 3291);
  dataDir = mkdtempSync(path.join(os.tmpdir(), "frontdesk-bench-chat-"));
  server = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(port)], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      // 200 messages in a few seconds from one site is the load being measured, not abuse.
      WIDGET_KEY_RATE_LIMIT: "100000",
    },
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

/** Sends one message; resolves with the ms until the first text delta arrived, or throws on any error. */
async function turn(token: string, text: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${base}/api/widget/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, origin: base! },
    body: JSON.stringify({ text, clientMessageId: randomUUID() }),
  });
  if (res.status !== 200 || !res.body) throw new Error(`status ${res.status}: ${await res.text()}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let first: number | null = null;
  let buffered = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffered += value;
    if (first === null && buffered.includes('"type":"text-delta"')) first = performance.now() - started;
    if (buffered.includes('"type":"error"')) throw new Error("the stream carried an error");
  }
  if (first === null) throw new Error("no text was streamed");
  return first;
}

async function visitor(index: number, timings: number[], errors: string[]) {
  const session = await fetch(`${base}/api/widget/session`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base! },
    body: JSON.stringify({ key: KEY }),
  });
  if (!session.ok) throw new Error(`session: ${session.status} ${await session.text()}`);
  const { token } = (await session.json()) as { token: string };
  for (let t = 0; t < TURNS; t += 1) {
    try {
      timings.push(await turn(token, QUESTIONS[(index + t) % QUESTIONS.length]!));
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
  }
}

try {
  base ??= await startApp();
  // Warm-up: the first requests load each route's code and the demo knowledge may still be indexing.
  const warm: number[] = [];
  await visitor(0, warm, []);
  const timings: number[] = [];
  const errors: string[] = [];
  const started = performance.now();
  await Promise.all(Array.from({ length: VISITORS }, (_, i) => visitor(i, timings, errors)));
  const seconds = (performance.now() - started) / 1000;
  timings.sort((a, b) => a - b);
  const pct = (p: number) => timings[Math.min(timings.length - 1, Math.floor((p / 100) * timings.length))] ?? NaN;
  console.log(`${VISITORS} visitors × ${TURNS} turns against ${base}: ${timings.length} replies in ${seconds.toFixed(1)} s, ${errors.length} errors`);
  if (errors.length) console.log(`first errors: ${[...new Set(errors)].slice(0, 3).join(" | ")}`);
  console.log(`time to first token: p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms (target p95 <= ${TARGET.ttft_p95_ms} ms, 0 errors)`);
  console.log(pct(95) <= TARGET.ttft_p95_ms && errors.length === 0 ? "Target met." : "Target missed.");
  console.log(`ttft_p50_ms=${pct(50).toFixed(1)} ttft_p95_ms=${pct(95).toFixed(1)} errors=${errors.length}`);
} finally {
  server?.kill("SIGTERM");
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
