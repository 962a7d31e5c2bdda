// `npm run bench:answers`: the assistant's answers as a customer gets them, end to end. Against BASE_URL when set, else
// an app this script starts on a clean database with the product's defaults (the default offline model), it sets up
// three businesses as a new owner would, through the HTTP API (profile with vertical and opening hours, knowledge
// uploaded as files: Markdown, a Q/A CSV, a plain-text article, then waits until they are indexed), and asks each of
// their question sets through the real widget API, every question from a NEW visitor, reading the streamed reply and
// its `data-reply` part (sources, confidence, handedOff). Knowledge bases and cases: scripts/bench/answers/; how each
// case is judged: docs/answers.md.
//
// One base (the guesthouse) is held out: written first, never tuned against. Its figures are printed apart, and its
// misses are only counted (BENCH_SHOW_HELD_OUT=1 lists them) so that nobody fixes them one by one.
//
// No limit is raised: each business has its own widget key and gets at most 80% of the default per-key limit (100
// messages a minute), each visitor sends one message (per-visitor limit 20 a minute). Settings are on the last line.
import { randomUUID } from "node:crypto";
import { api, settingsLine, signIn, startApp } from "./bench/app";
import { BASES, ownerFile } from "./bench/answers/bases";
import type { AnswerBase, Case } from "./bench/answers/types";
import { judge, knownText, type Reply, type Verdict } from "./bench/answers/judge";

const KEY_LIMIT = Number(process.env.WIDGET_KEY_RATE_LIMIT ?? 100);
/** One message every PACE_MS per widget key: 80% of the key's limit. */
const PACE_MS = Math.ceil(60_000 / (KEY_LIMIT * 0.8));
const SHOW_HELD_OUT = process.env.BENCH_SHOW_HELD_OUT === "1";
const TARGET = { answer_correct: 0.9, held_out_correct: 0.9, wrongly_handed_off: 0.1, invented: 0, escalation_recall: 0.95, escalation_precision: 0.9 };

type DocumentSummary = { id: string; status: string; title: string };

async function setUp(baseUrl: string, cookie: string, base: AnswerBase): Promise<{ id: string; widgetKey: string; knowledge: string }> {
  const { business } = await api<{ business: { id: string } }>(baseUrl, cookie, "POST", "/api/businesses", base.profile);
  const texts: string[] = [];
  for (const { file, category } of base.files) {
    const text = ownerFile(base, file);
    texts.push(text);
    const type = file.endsWith(".csv") ? "text/csv" : file.endsWith(".md") ? "text/markdown" : "text/plain";
    const form = new FormData();
    form.set("file", new File([text], file, { type }));
    form.set("category", category);
    const res = await fetch(`${baseUrl}/api/businesses/${business.id}/knowledge/files`, { method: "POST", headers: { cookie, origin: baseUrl }, body: form });
    if (res.status !== 201) throw new Error(`upload ${base.name}/${file}: ${res.status} ${await res.text()}`);
  }
  const started = performance.now();
  for (;;) {
    const { documents } = await api<{ documents: DocumentSummary[] }>(baseUrl, cookie, "GET", `/api/businesses/${business.id}/knowledge`);
    const failed = documents.find((d) => d.status === "failed");
    if (failed) throw new Error(`${base.name}: "${failed.title}" failed to index`);
    if (documents.length === base.files.length && documents.every((d) => d.status === "ready")) break;
    if (performance.now() - started > 120_000) throw new Error(`${base.name}: the knowledge was not indexed within 120 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const { widgetKey } = await api<{ widgetKey: string }>(baseUrl, cookie, "GET", `/api/businesses/${business.id}/widget-settings`);
  return { id: business.id, widgetKey, knowledge: knownText(texts, base.profile.openingHours) };
}

/** Asks one question as a new visitor; the streamed text and the reply part, or why the turn failed. */
async function ask(baseUrl: string, key: string, text: string): Promise<Reply | { error: string }> {
  const headers = (token?: string) => ({ "content-type": "application/json", origin: baseUrl, ...(token ? { authorization: `Bearer ${token}` } : {}) });
  const session = await fetch(`${baseUrl}/api/widget/session`, { method: "POST", headers: headers(), body: JSON.stringify({ key }) });
  if (!session.ok) return { error: `session: ${session.status} ${(await session.text()).slice(0, 120)}` };
  const { token } = (await session.json()) as { token: string };
  const res = await fetch(`${baseUrl}/api/widget/messages`, {
    method: "POST",
    headers: headers(token),
    body: JSON.stringify({ text, clientMessageId: randomUUID(), consent: true }),
  });
  if (res.status !== 200) return { error: `message: ${res.status} ${(await res.text()).slice(0, 120)}` };
  const events = (await res.text())
    .split("\n")
    .filter((line) => line.startsWith("data: {"))
    .map((line) => JSON.parse(line.slice(6)) as { type: string; delta?: string; data?: Reply["meta"] });
  const meta = events.findLast((e) => e.type === "data-reply")?.data;
  if (!meta) return { error: "no reply part at the end of the stream" };
  return { text: events.filter((e) => e.type === "text-delta").map((e) => e.delta ?? "").join(""), meta };
}

type Result = { base: AnswerBase; c: Case; verdict: Verdict; got: string };

async function run(baseUrl: string, base: AnswerBase, key: string, knowledge: string): Promise<{ results: Result[]; errors: string[] }> {
  const results: Result[] = [];
  const errors: string[] = [];
  let last = 0;
  for (const c of base.cases) {
    const wait = last + PACE_MS - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    last = Date.now();
    const reply = await ask(baseUrl, key, c.q);
    if ("error" in reply) {
      errors.push(`${base.name}: "${c.q}": ${reply.error}`);
      continue;
    }
    const conf = reply.meta.confidence === null ? "-" : reply.meta.confidence.toFixed(2);
    const got = `${reply.meta.handedOff ? "HANDED OFF" : "answered"} conf=${conf} sources=${reply.meta.sources.length} "${reply.text.replace(/\s+/g, " ").slice(0, 160)}"`;
    results.push({ base, c, verdict: judge(c, reply, knowledge), got });
  }
  return { results, errors };
}

type Figures = {
  answerable: number;
  correct: number;
  cited: number;
  wronglyHandedOff: number;
  unanswerable: number;
  invented: number;
  escalations: number;
  escalated: number;
  handedOffJudged: number;
  smalltalk: number;
  smalltalkHandedOff: number;
};

function figures(results: Result[]): Figures {
  const of = (kind: Case["kind"]) => results.filter((r) => r.c.kind === kind);
  const answerable = of("answerable");
  const escalation = of("escalation");
  const smalltalk = of("smalltalk");
  return {
    answerable: answerable.length,
    correct: answerable.filter((r) => r.verdict.correct).length,
    cited: answerable.filter((r) => r.verdict.correct && r.verdict.cited).length,
    wronglyHandedOff: answerable.filter((r) => r.verdict.handedOff).length,
    unanswerable: of("unanswerable").length,
    invented: of("unanswerable").filter((r) => !r.verdict.ok).length,
    escalations: escalation.length,
    escalated: escalation.filter((r) => r.verdict.handedOff).length,
    handedOffJudged: [...answerable, ...escalation, ...smalltalk].filter((r) => r.verdict.handedOff).length,
    smalltalk: smalltalk.length,
    smalltalkHandedOff: smalltalk.filter((r) => r.verdict.handedOff).length,
  };
}

const ratio = (n: number, d: number) => (d === 0 ? Number.NaN : n / d);
const f3 = (x: number) => (Number.isNaN(x) ? "n/a" : x.toFixed(3));
const metrics = (f: Figures) => ({
  answer_correct: ratio(f.correct, f.answerable),
  answer_cited: ratio(f.cited, f.answerable),
  wrongly_handed_off: ratio(f.wronglyHandedOff, f.answerable),
  invented: ratio(f.invented, f.unanswerable),
  escalation_recall: ratio(f.escalated, f.escalations),
  // No hand-off at all: nothing was handed off wrongly, but nothing rightly either; 0 rather than undefined.
  escalation_precision: f.handedOffJudged === 0 ? 0 : ratio(f.escalated, f.handedOffJudged),
});

const app = await startApp("answers", Number(process.env.BENCH_PORT ?? 3293));
try {
  const { base: baseUrl } = app;
  const cookie = await signIn(baseUrl);
  const started = performance.now();
  const made = [];
  for (const base of BASES) made.push({ base, ...(await setUp(baseUrl, cookie, base)) });
  const setUpSeconds = (performance.now() - started) / 1000;
  // The businesses are asked in parallel (each key paced on its own), every question by a new visitor.
  const runs = await Promise.all(made.map((m) => run(baseUrl, m.base, m.widgetKey, m.knowledge)));
  const results = runs.flatMap((r) => r.results);
  const errors = runs.flatMap((r) => r.errors);
  const seconds = (performance.now() - started) / 1000;

  console.log(
    `${BASES.length} businesses set up through the API in ${setUpSeconds.toFixed(1)} s; ${results.length + errors.length} questions, each by a new visitor, ` +
      `one message every >= ${PACE_MS} ms per widget key, against ${baseUrl} in ${seconds.toFixed(1)} s; ${errors.length} errors`,
  );
  if (errors.length) console.log(`first errors: ${errors.slice(0, 3).join(" | ")}`);

  console.log("");
  console.log("base        vertical  held-out  answerable  correct  cited  handed-off  unanswerable  invented  escalation  recall  precision  smalltalk-handed-off");
  for (const base of BASES) {
    const f = figures(results.filter((r) => r.base === base));
    const m = metrics(f);
    console.log(
      `${base.name.padEnd(11)} ${base.profile.vertical.padEnd(9)} ${(base.heldOut ? "yes" : "no").padEnd(9)} ${String(f.answerable).padEnd(11)} ` +
        `${f3(m.answer_correct).padEnd(8)} ${f3(m.answer_cited).padEnd(6)} ${f3(m.wrongly_handed_off).padEnd(11)} ${String(f.unanswerable).padEnd(13)} ` +
        `${f3(m.invented).padEnd(9)} ${String(f.escalations).padEnd(11)} ${f3(m.escalation_recall).padEnd(7)} ${f3(m.escalation_precision).padEnd(10)} ${f.smalltalkHandedOff}/${f.smalltalk}`,
    );
  }

  console.log("");
  console.log("Misses of the tuning sets (question → what it got):");
  for (const r of results.filter((x) => !x.base.heldOut && !x.verdict.ok)) {
    console.log(`  [${r.base.name} ${r.c.kind}: ${r.verdict.miss}] ${r.c.q} → ${r.got}`);
  }
  const heldOutMisses = results.filter((x) => x.base.heldOut && !x.verdict.ok);
  const kinds = new Map<string, number>();
  // Only the kind: the fact or amount a miss names would point at the question.
  const kindOf = (r: Result) => `${r.c.kind}: ${(r.verdict.miss ?? "").replace(/:.*$/, "").replace(/^states .*/, "states a price or time not in the knowledge")}`;
  for (const r of heldOutMisses) kinds.set(kindOf(r), (kinds.get(kindOf(r)) ?? 0) + 1);
  console.log(`Misses of the held-out set: ${heldOutMisses.length} (${[...kinds].map(([k, n]) => `${n}× ${k}`).join(", ") || "none"})`);
  if (SHOW_HELD_OUT) for (const r of heldOutMisses) console.log(`  [${r.base.name} ${r.c.kind}: ${r.verdict.miss}] ${r.c.q} → ${r.got}`);

  const tuning = metrics(figures(results.filter((r) => !r.base.heldOut)));
  const heldOut = metrics(figures(results.filter((r) => r.base.heldOut)));
  const line = (m: ReturnType<typeof metrics>, prefix = "") =>
    Object.entries(m)
      .map(([k, v]) => `${prefix}${k}=${f3(v)}`)
      .join(" ");
  console.log("");
  console.log(`held-out set (${BASES.filter((b) => b.heldOut).map((b) => b.name).join(", ")}): ${line(heldOut, "held_out_")}`);
  const met =
    tuning.answer_correct >= TARGET.answer_correct &&
    heldOut.answer_correct >= TARGET.held_out_correct &&
    tuning.wrongly_handed_off <= TARGET.wrongly_handed_off &&
    tuning.invented <= TARGET.invented &&
    tuning.escalation_recall >= TARGET.escalation_recall &&
    tuning.escalation_precision >= TARGET.escalation_precision &&
    errors.length === 0;
  console.log(
    `targets: answer_correct and held_out_correct >= ${TARGET.answer_correct}, wrongly_handed_off <= ${TARGET.wrongly_handed_off}, invented = ${TARGET.invented}, ` +
      `escalation_recall >= ${TARGET.escalation_recall}, escalation_precision >= ${TARGET.escalation_precision}, 0 errors. ${met ? "Targets met." : "Targets missed."}`,
  );
  console.log(`${line(tuning)} held_out_correct=${f3(heldOut.answer_correct)}` + settingsLine(app.settings));
  if (errors.length) process.exitCode = 1;
} finally {
  app.stop();
}
