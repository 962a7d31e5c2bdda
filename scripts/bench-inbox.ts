// `npm run bench:inbox`: the inbox list with 10,000 conversations (30,000 messages) in one business, on a migrated
// in-memory embedded database. Times what the dashboard asks for, as the signed-in owner under RLS: the first page,
// pages deep into the list by cursor, each view, a search by message text and by contact name, and the counts.
import { randomUUID } from "node:crypto";
import { openEmbeddedDatabase } from "@/lib/db/embedded/pglite";
// Imported under another name: it is not a React hook, whatever its name suggests to the linter.
import { embeddedDatabase, useDatabaseForTests as installDatabase, withUser } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";
import { pgliteRunner } from "@/lib/db/runners";
import { listQuery, type ListQuery } from "@/lib/inbox/api";
import { inboxCounts, listConversations } from "@/lib/inbox/list";

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 10_000);
const RUNS = 20;
const TARGET = { page_p95_ms: 100, search_p95_ms: 250 };

const pg = await openEmbeddedDatabase();
await migrate(pgliteRunner(pg));
const database = embeddedDatabase(pg);
installDatabase(database);

const owner = randomUUID();
const business = randomUUID();
await pg.query("insert into auth.users (id, email) values ($1, 'owner@bench.test')", [owner]);
await pg.query(
  "insert into businesses (id, name, vertical, time_zone, currency, created_by) values ($1, 'Bench Salon', 'salon', 'Europe/Lisbon', 'EUR', $2)",
  [business, owner],
);
const seeding = performance.now();
await pg.query(
  `insert into contacts (id, business_id, name, email)
   select md5('c' || i)::uuid, $1, 'Customer ' || i, 'customer' || i || '@example.test' from generate_series(1, $2::int) i`,
  [business, CONVERSATIONS],
);
await pg.query(
  `insert into conversations (id, business_id, contact_id, channel, status, priority, after_hours, handed_off_at, last_message_at, last_customer_message_at)
   select md5('v' || i)::uuid, $1, md5('c' || i)::uuid, (array['widget','whatsapp','instagram','email'])[1 + i % 4],
          (array['ai','needs_human','human','resolved','ai','resolved'])[1 + i % 6],
          (array['normal','normal','high','urgent','low'])[1 + i % 5], i % 7 = 0,
          case when i % 6 = 1 then now() - (i || ' seconds')::interval end,
          now() - (i || ' minutes')::interval, now() - (i || ' minutes')::interval
   from generate_series(1, $2::int) i`,
  [business, CONVERSATIONS],
);
await pg.query(
  `insert into messages (business_id, conversation_id, channel, role, content, created_at)
   select $1, md5('v' || i)::uuid, 'widget', (array['customer','ai','customer'])[m],
          (array['Do you have a slot for a balayage on Friday?', 'We do! Friday at 3pm is free.', 'Great, booking number ' || i])[m],
          now() - (i || ' minutes')::interval + (m || ' seconds')::interval
   from generate_series(1, $2::int) i, generate_series(1, 3) m`,
  [business, CONVERSATIONS],
);
console.log(`seeded ${CONVERSATIONS} conversations and ${CONVERSATIONS * 3} messages in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);

const claims = { sub: owner, role: "authenticated" as const };
async function time(fn: () => Promise<unknown>): Promise<number[]> {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    await fn();
    out.push(performance.now() - started);
  }
  return out;
}
const list = (query: Partial<ListQuery>) =>
  withUser(claims, (tx) => listConversations(tx, { businessId: business, userId: owner, query: listQuery.parse(query) }));
const pct = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.floor(values.length * p)] ?? NaN;
const p95 = (values: number[]) => pct(values, 0.95);

// A cursor 100 pages deep (5,000 rows in), reached the way the virtualised list reaches it.
let deep: string | undefined;
for (let page = 0; page < 100; page += 1) deep = (await list({ view: "all", cursor: deep, limit: 50 })).nextCursor ?? undefined;

const pages = [
  ...(await time(() => list({}))),
  ...(await time(() => list({ view: "needs_human" }))),
  ...(await time(() => list({ view: "resolved" }))),
  ...(await time(() => list({ view: "after_hours", channel: "whatsapp" }))),
  ...(await time(() => list({ cursor: deep }))),
];
const searches = [...(await time(() => list({ q: "booking number 9876" }))), ...(await time(() => list({ q: "Customer 4321" })))];
const counts = await time(() => withUser(claims, (tx) => inboxCounts(tx, { businessId: business, userId: owner })));
const found = (await list({ q: "booking number 9876" })).items.length;

console.log(`pages (5 views, 50 rows, incl. 100 pages deep): p50 ${pct(pages, 0.5).toFixed(1)} ms, p95 ${p95(pages).toFixed(1)} ms (target p95 <= ${TARGET.page_p95_ms} ms)`);
console.log(`search by message text / contact name: p95 ${p95(searches).toFixed(1)} ms (target <= ${TARGET.search_p95_ms} ms), found ${found}`);
console.log(`counts: p95 ${p95(counts).toFixed(1)} ms`);
console.log(p95(pages) <= TARGET.page_p95_ms && p95(searches) <= TARGET.search_p95_ms ? "Targets met." : "Target missed.");
console.log(`conversations=${CONVERSATIONS} page_p50_ms=${pct(pages, 0.5).toFixed(1)} page_p95_ms=${p95(pages).toFixed(1)} search_p95_ms=${p95(searches).toFixed(1)} counts_p95_ms=${p95(counts).toFixed(1)}`);
await pg.close();
