import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "@/lib/db";
import { badRequest } from "@/lib/http/errors";
import type { ConversationListItem, InboxCounts, ListQuery } from "./api";

/**
 * The inbox list, sorted by what needs attention first: conversations waiting for a person (longest wait first,
 * urgent before normal), then those a person owns, then the AI's, then resolved ones, each by latest activity.
 * Keyset-paginated on that order so page 200 of 10,000 conversations costs what page 1 does.
 */

const RANK = sql`case c.status when 'needs_human' then 0 when 'human' then 1 when 'ai' then 2 else 3 end`;
const PRIORITY = sql`case c.priority when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;
// Waiting conversations: oldest handoff first; everything else: newest activity first. One ascending key for both.
const SORT_KEY = sql`(case when c.status = 'needs_human' then extract(epoch from coalesce(c.handed_off_at, c.last_message_at))
  else -extract(epoch from c.last_message_at) end)`;

type Cursor = { rank: number; priority: number; key: string; id: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.rank, cursor.priority, cursor.key, cursor.id])).toString("base64url");
}

export function decodeCursor(value: string): Cursor {
  try {
    const [rank, priority, key, id] = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as unknown[];
    if (
      typeof rank === "number" && typeof priority === "number" && typeof key === "string" && /^-?\d+(\.\d+)?$/.test(key)
      && typeof id === "string" && /^[0-9a-f-]{36}$/i.test(id)
    ) {
      return { rank, priority, key, id };
    }
  } catch {
    // Falls through to the error below.
  }
  throw badRequest("cursor", "cursor is not one this list gave out; reload the list");
}

function viewFilter(view: ListQuery["view"], userId: string): SQL {
  switch (view) {
    case "needs_human":
      return sql`c.status = 'needs_human'`;
    case "ai":
      return sql`c.status = 'ai'`;
    case "mine":
      return sql`c.assignee_id = ${userId} and c.status <> 'resolved'`;
    case "unassigned":
      return sql`c.assignee_id is null and c.status in ('needs_human', 'human')`;
    case "resolved":
      return sql`c.status = 'resolved'`;
    case "after_hours":
      return sql`c.after_hours and c.status in ('needs_human', 'human')`;
    default:
      return sql`c.status <> 'resolved'`;
  }
}

/** `%`, `_` and `\` in a search are literal characters, not patterns. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listConversations(
  tx: Db,
  { businessId, userId, query }: { businessId: string; userId: string; query: ListQuery },
): Promise<{ items: ConversationListItem[]; nextCursor: string | null }> {
  const conditions: SQL[] = [sql`c.business_id = ${businessId}`, viewFilter(query.view, userId)];
  if (query.channel) conditions.push(sql`c.channel = ${query.channel}`);
  if (query.team) conditions.push(sql`c.team_id = ${query.team}`);
  if (query.q) {
    const pattern = likePattern(query.q);
    // Both halves can use their trigram indexes: matching contacts, and messages matching anywhere in the business.
    conditions.push(sql`(
      c.contact_id in (select ct.id from contacts ct where ct.business_id = ${businessId}
        and (ct.name || ' ' || coalesce(ct.email, '') || ' ' || coalesce(ct.phone, '')) ilike ${pattern})
      or c.id in (select sm.conversation_id from messages sm where sm.business_id = ${businessId} and sm.content ilike ${pattern})
    )`);
  }
  if (query.cursor) {
    const after = decodeCursor(query.cursor);
    conditions.push(sql`(${RANK}, ${PRIORITY}, ${SORT_KEY}, c.id) > (${after.rank}, ${after.priority}, ${after.key}::numeric, ${after.id}::uuid)`);
  }
  const where = sql.join(conditions, sql` and `);
  // The page is chosen from the conversations alone; only its rows then get their contact, people and last message.
  const result = await tx.execute(sql`
    with page as (
      select c.id, ${RANK} as rank, ${PRIORITY} as prio, ${SORT_KEY} as sort_key
      from conversations c
      where ${where}
      order by 2, 3, 4, c.id
      limit ${query.limit + 1}
    ),
    -- One read of the page's last messages (a lateral join would re-check RLS once per row).
    last_messages as (
      select distinct on (m.conversation_id) m.conversation_id, m.role, m.content, m.created_at
      from messages m
      where m.business_id = ${businessId} and m.conversation_id in (select id from page)
      order by m.conversation_id, m.created_at desc, m.id desc
    )
    select c.id, c.status, c.channel, c.priority, c.after_hours, c.handoff_reason, c.handed_off_at, c.first_response_at,
           c.last_message_at, c.last_customer_message_at,
           ct.id as contact_id, ct.name as contact_name, ct.email as contact_email, ct.phone as contact_phone,
           c.assignee_id, coalesce(nullif(p.full_name, ''), p.email) as assignee_name,
           t.id as team_id, t.name as team_name,
           lm.role as last_role, lm.content as last_content, lm.created_at as last_at,
           r.last_read_at,
           page.rank, page.prio, page.sort_key::text as sort_key
    from page
    join conversations c on c.id = page.id
    join contacts ct on ct.id = c.contact_id and ct.business_id = c.business_id
    left join profiles p on p.id = c.assignee_id
    left join teams t on t.id = c.team_id and t.business_id = c.business_id
    left join conversation_reads r on r.conversation_id = c.id and r.user_id = ${userId}
    left join last_messages lm on lm.conversation_id = c.id
    order by page.rank, page.prio, page.sort_key, page.id
  `);
  const rows = rowsOf(result);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor({ rank: Number(last.rank), priority: Number(last.prio), key: String(last.sort_key), id: String(last.id) })
      : null;
  return { items: page.map(toListItem), nextCursor };
}

const iso = (value: unknown): string | null => (value == null ? null : new Date(value as string | Date).toISOString());
const text = (value: unknown): string | null => (value == null ? null : String(value));

function toListItem(row: Record<string, unknown>): ConversationListItem {
  const lastCustomer = iso(row.last_customer_message_at);
  const lastRead = iso(row.last_read_at);
  return {
    id: String(row.id),
    status: row.status as ConversationListItem["status"],
    channel: row.channel as ConversationListItem["channel"],
    priority: row.priority as ConversationListItem["priority"],
    contact: { id: String(row.contact_id), name: String(row.contact_name ?? ""), email: text(row.contact_email), phone: text(row.contact_phone) },
    assignee: row.assignee_id ? { userId: String(row.assignee_id), name: String(row.assignee_name ?? "") } : null,
    team: row.team_id ? { id: String(row.team_id), name: String(row.team_name) } : null,
    lastMessage: row.last_role
      ? { role: row.last_role as NonNullable<ConversationListItem["lastMessage"]>["role"], preview: preview(String(row.last_content ?? "")), at: iso(row.last_at)! }
      : null,
    lastMessageAt: iso(row.last_message_at)!,
    waitingSince: row.status === "needs_human" && row.first_response_at == null ? iso(row.handed_off_at ?? row.last_message_at) : null,
    handoffReason: text(row.handoff_reason),
    afterHours: Boolean(row.after_hours),
    unread: lastCustomer !== null && (lastRead === null || lastRead < lastCustomer),
  };
}

export const preview = (content: string) => {
  const flat = content.replace(/\s+/g, " ").trim();
  return flat.length > 140 ? `${flat.slice(0, 139)}…` : flat;
};

export async function inboxCounts(tx: Db, { businessId, userId }: { businessId: string; userId: string }): Promise<InboxCounts> {
  const [row] = rowsOf(
    await tx.execute(sql`
      select
        count(*) filter (where c.status = 'needs_human')::int as needs_human,
        count(*) filter (where c.assignee_id = ${userId} and c.status <> 'resolved')::int as mine,
        count(*) filter (where c.assignee_id is null and c.status in ('needs_human', 'human'))::int as unassigned,
        count(*) filter (where c.after_hours and c.status in ('needs_human', 'human'))::int as after_hours,
        count(*) filter (where c.status <> 'resolved' and c.last_customer_message_at is not null
          and (r.last_read_at is null or r.last_read_at < c.last_customer_message_at))::int as unread
      from conversations c
      left join conversation_reads r on r.conversation_id = c.id and r.user_id = ${userId}
      where c.business_id = ${businessId}
    `),
  );
  return {
    needs_human: Number(row?.needs_human ?? 0),
    mine: Number(row?.mine ?? 0),
    unassigned: Number(row?.unassigned ?? 0),
    after_hours: Number(row?.after_hours ?? 0),
    unread: Number(row?.unread ?? 0),
  };
}
