// `npm run bench:inbox`: the inbox list with 10,000 conversations (30,000 messages) in one business, over HTTP
// against the built app, as the signed-in owner with a session cookie: what the dashboard asks for and waits for.
// The data folder is prepared first (migrated, the demo seed, then a business of the demo owner's filled by SQL), and
// `next start` is run on it. Timed: the first page of each view, a channel filter, walking every page of the list by
// cursor, searches by message text, contact name and email (with and without a view, paged), and the counts. Every
// answer is checked against the seeded data (how many rows each view and search must find): a wrong count fails
// the bench, so a fast wrong answer cannot pass.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openEmbedded } from "@/lib/db";
import { percentile, settingsLine, signIn, startApp } from "./bench/app";

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const TARGET = { page_p95_ms: 100, search_p95_ms: 250 };
const BUSINESS = "b7d3e0c4-1f6a-4b9e-8c2d-5a4f3e2d1c99";
const STATUSES = ["ai", "needs_human", "human", "resolved", "ai", "resolved"] as const;
const CHANNELS = ["widget", "whatsapp", "instagram", "email"] as const;

// The seeded rows, as the SQL below writes them: conversation i has these fields.
const seeded = Array.from({ length: CONVERSATIONS }, (_, k) => {
  const i = k + 1;
  return { i, status: STATUSES[i % 6]!, channel: CHANNELS[i % 4]!, afterHours: i % 7 === 0 };
});
const open = seeded.filter((c) => c.status !== "resolved");
const waiting = seeded.filter((c) => c.status === "needs_human" || c.status === "human");
const expected = {
  all: open.length,
  needs_human: seeded.filter((c) => c.status === "needs_human").length,
  ai: seeded.filter((c) => c.status === "ai").length,
  resolved: seeded.filter((c) => c.status === "resolved").length,
  unassigned: waiting.length,
  after_hours: waiting.filter((c) => c.afterHours).length,
  mine: 0,
};

const dataDir = mkdtempSync(path.join(os.tmpdir(), "frontdesk-bench-inbox-"));
const seeding = performance.now();
{
  const database = await openEmbedded(dataDir);
  const pg = database.runner;
  const [owner] = await pg.query<{ id: string }>("select id from auth.users where email = 'demo@frontdesk.local'");
  if (!owner) throw new Error("the demo seed has no owner");
  await pg.query(
    "insert into businesses (id, name, vertical, time_zone, currency, created_by) values ($1, 'Bench Inbox Salon', 'salon', 'Europe/Lisbon', 'EUR', $2)",
    [BUSINESS, owner.id],
  );
  await pg.query(
    `insert into contacts (id, business_id, name, email)
     select md5('c' || i)::uuid, $1, 'Customer ' || i, 'customer' || i || '@example.test' from generate_series(1, $2::int) i`,
    [BUSINESS, CONVERSATIONS],
  );
  await pg.query(
    `insert into conversations (id, business_id, contact_id, channel, status, priority, after_hours, handed_off_at, last_message_at, last_customer_message_at)
     select md5('v' || i)::uuid, $1, md5('c' || i)::uuid, (array['widget','whatsapp','instagram','email'])[1 + i % 4],
            (array['ai','needs_human','human','resolved','ai','resolved'])[1 + i % 6],
            (array['normal','normal','high','urgent','low'])[1 + i % 5], i % 7 = 0,
            case when i % 6 = 1 then now() - (i || ' seconds')::interval end,
            now() - (i || ' minutes')::interval, now() - (i || ' minutes')::interval
     from generate_series(1, $2::int) i`,
    [BUSINESS, CONVERSATIONS],
  );
  await pg.query(
    `insert into messages (business_id, conversation_id, channel, role, content, created_at)
     select $1, md5('v' || i)::uuid, 'widget', (array['customer','ai','customer'])[m],
            (array['Do you have a slot for a balayage on Friday?', 'We do! Friday at 3pm is free.', 'Great, booking number ' || i])[m],
            now() - (i || ' minutes')::interval + (m || ' seconds')::interval
     from generate_series(1, $2::int) i, generate_series(1, 3) m`,
    [BUSINESS, CONVERSATIONS],
  );
  await pg.exec("analyze");
  await database.close();
}
console.log(`seeded ${CONVERSATIONS} conversations and ${CONVERSATIONS * 3} messages in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);

// BASE_URL is not used: the bench needs its own seeded data folder.
const app = await startApp("inbox", Number(process.env.BENCH_PORT ?? 3293), {}, { dataDir, allowBaseUrl: false });
type Page = { items: { id: string; status: string; channel: string; contact: { name: string } }[]; nextCursor: string | null };
const failures: string[] = [];
const check = (what: string, actual: number, wanted: number) => {
  if (actual !== wanted) failures.push(`${what}: ${actual}, expected ${wanted}`);
};

try {
  const cookie = await signIn(app.base);
  const get = async <T>(url: string): Promise<{ ms: number; body: T }> => {
    const started = performance.now();
    const res = await fetch(`${app.base}/api/businesses/${BUSINESS}${url}`, { headers: { cookie } });
    const body = (await res.json()) as T;
    const ms = performance.now() - started;
    if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${JSON.stringify(body)}`);
    return { ms, body };
  };
  const list = (params: Record<string, string | undefined>) => {
    const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
    return get<Page>(`/conversations?${query}`);
  };
  /** Walks every page of a list; the ms of each request, and the rows seen (each id once). */
  const walk = async (params: Record<string, string | undefined>) => {
    const ms: number[] = [];
    const ids = new Set<string>();
    let rows = 0;
    let cursor: string | undefined;
    do {
      const page = await list({ ...params, cursor });
      ms.push(page.ms);
      rows += page.body.items.length;
      for (const item of page.body.items) ids.add(item.id);
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    if (ids.size !== rows) failures.push(`${JSON.stringify(params)}: ${rows - ids.size} rows came twice while paging`);
    return { ms, rows: ids.size };
  };
  // Warm-up: the first requests load the routes' code.
  for (let i = 0; i < 3; i += 1) await list({});

  // First pages of every view (and a channel filter), RUNS times each; each page must be full or hold every match.
  const pages: number[] = [];
  const firstPages: [Record<string, string>, number][] = [
    [{}, expected.all],
    [{ view: "needs_human" }, expected.needs_human],
    [{ view: "ai" }, expected.ai],
    [{ view: "resolved" }, expected.resolved],
    [{ view: "unassigned" }, expected.unassigned],
    [{ view: "mine" }, expected.mine],
    [{ view: "after_hours", channel: "whatsapp" }, waiting.filter((c) => c.afterHours && c.channel === "whatsapp").length],
    [{ channel: "email", limit: "100" }, open.filter((c) => c.channel === "email").length],
  ];
  for (const [params, matches] of firstPages) {
    for (let r = 0; r < RUNS; r += 1) {
      const { ms, body } = await list(params);
      pages.push(ms);
      if (r === 0) check(`first page of ${JSON.stringify(params)}`, body.items.length, Math.min(matches, Number(params.limit ?? 50)));
    }
  }
  // Every page of the open list (the virtualised list scrolled to the end) and of the needs-a-person view.
  const all = await walk({ limit: "50" });
  check("all open conversations, paged", all.rows, expected.all);
  const needs = await walk({ view: "needs_human", limit: "100" });
  check("needs a person, paged", needs.rows, expected.needs_human);
  pages.push(...all.ms, ...needs.ms);

  // Searches: one message, one contact by name, one by email (in the resolved view), one in a view, one that finds
  // nothing. What each must find is worked out from the seeded texts, as the list's ILIKE matches them.
  const searches: number[] = [];
  const texts = (i: number) => [`Customer ${i} customer${i}@example.test `, "Do you have a slot for a balayage on Friday?", "We do! Friday at 3pm is free.", `Great, booking number ${i}`];
  const inView = (c: (typeof seeded)[number], view: string) =>
    view === "resolved" ? c.status === "resolved" : view === "needs_human" ? c.status === "needs_human" : c.status !== "resolved";
  const finds = (q: string, view = "all") =>
    seeded.filter((c) => inView(c, view) && texts(c.i).some((t) => t.toLowerCase().includes(q.toLowerCase()))).length;
  const nth = (fraction: number) => Math.max(1, Math.round(CONVERSATIONS * fraction));
  const cases: Record<string, string>[] = [
    { q: `booking number ${nth(0.9876)}` },
    { q: `Customer ${nth(0.4321)}` },
    { q: `customer${nth(0.0077)}@example`, view: "resolved" },
    { q: `booking number ${nth(0.1234)}`, view: "needs_human" },
    { q: "no such words anywhere" },
  ];
  for (const params of cases) {
    const matches = finds(params.q!, params.view);
    for (let r = 0; r < RUNS; r += 1) {
      const { ms, body } = await list(params);
      searches.push(ms);
      if (r === 0) check(`search ${JSON.stringify(params)}`, body.items.length, Math.min(matches, 50));
    }
  }
  const balayage = await walk({ q: "balayage", view: "after_hours", limit: "100" });
  check("search balayage in after hours, paged", balayage.rows, expected.after_hours);
  searches.push(...balayage.ms);

  const counts: number[] = [];
  for (let r = 0; r < RUNS; r += 1) {
    const { ms, body } = await get<Record<string, number>>("/conversations/counts");
    counts.push(ms);
    if (r === 0) {
      for (const view of ["needs_human", "unassigned", "after_hours", "mine"] as const) check(`count of ${view}`, body[view] ?? -1, expected[view]);
      check("count of unread", body.unread ?? -1, expected.all);
    }
  }

  const p = (values: number[], q: number) => percentile(values, q).toFixed(1);
  console.log(`pages (${firstPages.length} views and filters × ${RUNS}, then every page of two lists: ${pages.length} requests): p50 ${p(pages, 50)} ms, p95 ${p(pages, 95)} ms (target p95 <= ${TARGET.page_p95_ms} ms)`);
  console.log(`searches (${cases.length} × ${RUNS}, then a search paged to its end: ${searches.length} requests): p50 ${p(searches, 50)} ms, p95 ${p(searches, 95)} ms (target p95 <= ${TARGET.search_p95_ms} ms)`);
  console.log(`counts: p95 ${p(counts, 95)} ms`);
  for (const failure of failures) console.log(`  wrong: ${failure}`);
  const met = percentile(pages, 95) <= TARGET.page_p95_ms && percentile(searches, 95) <= TARGET.search_p95_ms;
  console.log(failures.length ? `FAIL: ${failures.length} answers did not match the seeded data` : met ? "Targets met; every count matched." : "Target missed; every count matched.");
  console.log(
    `conversations=${CONVERSATIONS} requests=${pages.length + searches.length + counts.length} page_p50_ms=${p(pages, 50)} page_p95_ms=${p(pages, 95)} ` +
      `search_p50_ms=${p(searches, 50)} search_p95_ms=${p(searches, 95)} counts_p95_ms=${p(counts, 95)} wrong=${failures.length}` +
      settingsLine(app.settings),
  );
  if (failures.length) process.exitCode = 1;
} finally {
  app.stop();
}
