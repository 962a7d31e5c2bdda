// `npm run bench:chat`: 20 concurrent widget visitors × 10 turns each against a running app (BASE_URL when set, else
// one this script starts on a clean database) with the instant offline model. Measures the server's own overhead: the
// time from sending a message to the first streamed token of the reply, p50/p95, and the errors.
//
// Every request counts: a failed one is an error and its time (until it failed) is in the percentiles too. A turn
// is an error unless its stream ends with the reply part of a stored answer: the "Sorry — something went wrong"
// text a failed turn streams is not a reply. No limit is raised: the visitors are spread over several businesses
// (the demo salon and copies of it made through the API, each with its own widget key) so that each key stays under
// the default 100 messages a minute. Settings the bench changes are printed on its last line. Against BASE_URL the
// copies are made in that app's database (as the demo owner) on every run.
import { randomUUID } from "node:crypto";
import { api, cloneDemoBusinesses, DEMO, percentile, settingsLine, signIn, startApp } from "./bench/app";

const VISITORS = Number(process.env.BENCH_VISITORS ?? 20);
const TURNS = Number(process.env.BENCH_TURNS ?? 10);
/** Messages one widget key may take a minute by default (WIDGET_KEY_RATE_LIMIT); each business gets at most 80%. */
const KEY_LIMIT = Number(process.env.WIDGET_KEY_RATE_LIMIT ?? 100);
const TARGET = { ttft_p95_ms: 100 };
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
const FAILED_TURN = "Sorry — something went wrong on our side";

type Outcome = { ms: number; error?: string };

/** Sends one message: the ms until the first text delta (or until it failed), and why it failed if it did. */
async function turn(base: string, token: string, text: string): Promise<Outcome> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  try {
    const res = await fetch(`${base}/api/widget/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, origin: base },
      body: JSON.stringify({ text, clientMessageId: randomUUID() }),
    });
    if (res.status !== 200 || !res.body) return { ms: elapsed(), error: `status ${res.status}: ${(await res.text()).slice(0, 120)}` };
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let first: number | null = null;
    let buffered = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffered += value;
      if (first === null && buffered.includes('"type":"text-delta"')) first = elapsed();
    }
    const events = buffered
      .split("\n")
      .filter((line) => line.startsWith("data: {"))
      .map((line) => JSON.parse(line.slice(6)) as { type: string; delta?: string; data?: { messageId: string | null } });
    const reply = events.filter((e) => e.type === "text-delta").map((e) => e.delta ?? "").join("");
    const meta = events.findLast((e) => e.type === "data-reply")?.data;
    const ms = first ?? elapsed();
    if (events.some((e) => e.type === "error")) return { ms, error: "the stream carried an error" };
    if (reply.startsWith(FAILED_TURN)) return { ms, error: "the turn failed (the apology was streamed)" };
    if (!meta) return { ms, error: "no reply part at the end of the stream" };
    if (!meta.messageId) return { ms, error: "the reply part names no stored answer" };
    if (first === null) return { ms, error: "no text was streamed" };
    return { ms };
  } catch (error) {
    return { ms: elapsed(), error: error instanceof Error ? error.message : String(error) };
  }
}

async function visitor(base: string, key: string, index: number, outcomes: Outcome[]) {
  const started = performance.now();
  const session = await fetch(`${base}/api/widget/session`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ key }),
  }).catch((error: unknown) => error as Error);
  if (session instanceof Error || !session.ok) {
    // A visitor who gets no session fails every turn they would have sent.
    const why = session instanceof Error ? session.message : `session: ${session.status}`;
    for (let t = 0; t < TURNS; t += 1) outcomes.push({ ms: performance.now() - started, error: why });
    return;
  }
  const { token } = (await session.json()) as { token: string };
  for (let t = 0; t < TURNS; t += 1) outcomes.push(await turn(base, token, QUESTIONS[(index + t) % QUESTIONS.length]!));
}

const app = await startApp("chat", Number(process.env.BENCH_PORT ?? 3291));
try {
  const { base } = app;
  // Warm-up (one visitor on the demo key) plus the measured turns, spread so no key takes more than 80% of its limit.
  const perBusiness = Math.floor(KEY_LIMIT * 0.8);
  const businessCount = Math.max(1, Math.ceil((VISITORS * TURNS + TURNS) / perBusiness));
  const cookie = await signIn(base);
  const extra = await cloneDemoBusinesses(base, cookie, businessCount - 1);
  const demoKey = (await api<{ widgetKey: string }>(base, cookie, "GET", `/api/businesses/${DEMO.businessId}/widget-settings`)).widgetKey;
  const keys = [demoKey, ...extra.map((b) => b.widgetKey)];
  // Warm-up: the first requests load each route's code; the demo knowledge may still be indexing.
  await visitor(base, keys[0]!, 0, []);
  const outcomes: Outcome[] = [];
  const started = performance.now();
  await Promise.all(Array.from({ length: VISITORS }, (_, i) => visitor(base, keys[i % keys.length]!, i, outcomes)));
  const seconds = (performance.now() - started) / 1000;
  const timings = outcomes.map((o) => o.ms);
  const errors = outcomes.filter((o) => o.error).map((o) => o.error!);
  const p50 = percentile(timings, 50);
  const p95 = percentile(timings, 95);
  console.log(
    `${VISITORS} visitors × ${TURNS} turns over ${keys.length} businesses (widget keys) against ${base}: ` +
      `${outcomes.length} requests in ${seconds.toFixed(1)} s, ${errors.length} errors (counted in the percentiles at the time they failed)`,
  );
  if (errors.length) console.log(`first errors: ${[...new Set(errors)].slice(0, 3).join(" | ")}`);
  console.log(`time to first token: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (target p95 <= ${TARGET.ttft_p95_ms} ms, 0 errors)`);
  const met = p95 <= TARGET.ttft_p95_ms && errors.length === 0;
  console.log(met ? "Target met." : "Target missed.");
  console.log(
    `requests=${outcomes.length} businesses=${keys.length} ttft_p50_ms=${p50.toFixed(1)} ttft_p95_ms=${p95.toFixed(1)} errors=${errors.length}` +
      settingsLine(app.settings),
  );
  if (errors.length) process.exitCode = 1;
} finally {
  app.stop();
}
