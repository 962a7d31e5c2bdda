import { and, eq, inArray, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Db } from "@/lib/db";
import { conversationReads, conversations, memberships, type ConversationStatus } from "@/lib/db/schema";
import { badRequest, conflict } from "@/lib/http/errors";
import type { ConversationPatch, ConversationState } from "./api";
import { conversationState, peopleById, requireConversation } from "./detail";

type Scope = { businessId: string; conversationId: string; userId: string };

/**
 * Why a state change found the conversation not as the caller saw it. Two tabs taking over at once: the row lock makes
 * one update wait for the other, whose status it then no longer matches, so exactly one wins and the other is told who.
 */
async function explainConflict(tx: Db, scope: Scope, action: string): Promise<never> {
  const row = await requireConversation(tx, scope);
  if (row.status === "human" && row.assigneeId) {
    const who = row.assigneeId === scope.userId ? "You" : ((await peopleById(tx, [row.assigneeId])).get(row.assigneeId)?.name ?? "Someone");
    throw conflict(`${who} already took over this conversation`, { status: row.status, assigneeId: row.assigneeId });
  }
  const said: Record<ConversationStatus, string> = {
    ai: "The assistant is already handling this conversation",
    needs_human: "This conversation is already waiting for a person",
    human: "A person is already handling this conversation",
    resolved: "This conversation is already resolved",
  };
  throw conflict(`Cannot ${action}: ${said[row.status].toLowerCase()}`, { status: row.status, assigneeId: row.assigneeId });
}

async function transition(
  tx: Db,
  scope: Scope,
  { action, from, set }: { action: string; from: ConversationStatus[]; set: PgUpdateSetSource<typeof conversations> },
): Promise<ConversationState> {
  await requireConversation(tx, scope);
  const [row] = await tx
    .update(conversations)
    .set(set)
    .where(and(eq(conversations.businessId, scope.businessId), eq(conversations.id, scope.conversationId), inArray(conversations.status, from)))
    .returning();
  if (!row) return explainConflict(tx, scope, action);
  return conversationState(tx, row);
}

/** A person takes the conversation: the AI stops answering it and it is theirs. A resolved one is reopened to them. */
export function takeOverConversation(tx: Db, scope: Scope) {
  return transition(tx, scope, {
    action: "take over",
    from: ["ai", "needs_human", "resolved"],
    set: { status: "human", assigneeId: scope.userId, takenOverAt: new Date(), resolvedAt: null },
  });
}

/** The AI answers this conversation again; nobody owns it and its handoff clock stops. */
export function handBackConversation(tx: Db, scope: Scope) {
  return transition(tx, scope, {
    action: "hand back to the assistant",
    from: ["needs_human", "human"],
    set: { status: "ai", assigneeId: null, slaStage: 0 },
  });
}

export function resolveConversation(tx: Db, scope: Scope) {
  return transition(tx, scope, {
    action: "resolve",
    from: ["ai", "needs_human", "human"],
    set: { status: "resolved", resolvedAt: new Date() },
  });
}

/** Reopens a resolved conversation for a person: its assignee keeps it, else whoever reopened it. */
export function reopenConversation(tx: Db, scope: Scope) {
  return transition(tx, scope, {
    action: "reopen",
    from: ["resolved"],
    set: { status: "human", resolvedAt: null, assigneeId: sql`coalesce(${conversations.assigneeId}, ${scope.userId}::uuid)` },
  });
}

/** Assignment and priority. Assigning someone else tells them (a notification through the narrow member function). */
export async function updateConversation(tx: Db, scope: Scope, patch: ConversationPatch): Promise<ConversationState> {
  const before = await requireConversation(tx, scope);
  if (patch.assigneeId && !(await isMember(tx, scope.businessId, patch.assigneeId))) {
    throw badRequest("assigneeId", "a conversation can only be assigned to a member of this business");
  }
  const set: Partial<typeof conversations.$inferInsert> = {};
  if (patch.assigneeId !== undefined) set.assigneeId = patch.assigneeId;
  if (patch.teamId !== undefined) set.teamId = patch.teamId;
  if (patch.priority !== undefined) set.priority = patch.priority;
  // Assigning does not take over: a waiting conversation keeps waiting (and its reminder clock running) until its
  // assignee opens or answers it. Unassigning one a person owned puts it back in the queue, with a fresh clock, rather
  // than leaving it with nobody, the assistant silent and no alert.
  if (patch.assigneeId === null && before.status === "human") {
    Object.assign(set, { status: "needs_human", handedOffAt: new Date(), slaStage: 0, firstOpenedAt: null, firstResponseAt: null });
  }
  const [row] = await tx
    .update(conversations)
    .set(set)
    .where(and(eq(conversations.businessId, scope.businessId), eq(conversations.id, scope.conversationId)))
    .returning();
  if (patch.assigneeId && patch.assigneeId !== before.assigneeId && patch.assigneeId !== scope.userId) {
    const me = (await peopleById(tx, [scope.userId])).get(scope.userId)?.name ?? "A teammate";
    await tx.execute(
      sql`select private.notify_members(${scope.businessId}::uuid, ${scope.conversationId}::uuid, array[${patch.assigneeId}]::uuid[], 'assignment', ${`${me} assigned a conversation to you`}, ${before.summary.replace(/^Customer asked: /, "")})`,
    );
  }
  return conversationState(tx, row!);
}

/** Whether a person belongs to the business (for a clear 400 rather than the database's refusal). */
export async function isMember(tx: Db, businessId: string, userId: string): Promise<boolean> {
  const [row] = await tx.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.businessId, businessId), eq(memberships.userId, userId)));
  return Boolean(row);
}

/**
 * Marks the conversation read for the caller. The first time anyone opens a conversation waiting for a person, its
 * service-level clock stops: someone has seen it (the issue's "opens or answers").
 */
export async function markConversationRead(tx: Db, scope: Scope, now = new Date()): Promise<void> {
  await requireConversation(tx, scope);
  await tx
    .insert(conversationReads)
    .values({ userId: scope.userId, conversationId: scope.conversationId, businessId: scope.businessId, lastReadAt: now })
    .onConflictDoUpdate({ target: [conversationReads.userId, conversationReads.conversationId], set: { lastReadAt: now } });
  await tx
    .update(conversations)
    .set({ firstOpenedAt: now })
    .where(
      and(
        eq(conversations.businessId, scope.businessId),
        eq(conversations.id, scope.conversationId),
        eq(conversations.status, "needs_human"),
        sql`${conversations.firstOpenedAt} is null`,
      ),
    );
}
