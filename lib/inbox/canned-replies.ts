import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { cannedReplies } from "@/lib/db/schema";
import { conflict, notFound } from "@/lib/http/errors";
import { pgErrorOf } from "@/lib/db/errors";
import type { CannedReply, CannedReplyInput } from "./api";

const toView = (row: typeof cannedReplies.$inferSelect): CannedReply => ({
  id: row.id,
  shortcut: row.shortcut,
  title: row.title,
  content: row.content,
  updatedAt: row.updatedAt.toISOString(),
});

/** A shortcut is the business's: `/prices` means one reply, so a second one with the same shortcut is refused. */
async function uniqueShortcut<T>(shortcut: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (pgErrorOf(error)?.code === "23505") throw conflict(`There is already a reply with the shortcut /${shortcut}`);
    throw error;
  }
}

export async function listCannedReplies(tx: Db, { businessId }: { businessId: string }): Promise<CannedReply[]> {
  const rows = await tx.select().from(cannedReplies).where(eq(cannedReplies.businessId, businessId)).orderBy(asc(cannedReplies.shortcut));
  return rows.map(toView);
}

export async function createCannedReply(tx: Db, { businessId, input }: { businessId: string; input: CannedReplyInput }): Promise<CannedReply> {
  const id = randomUUID();
  await uniqueShortcut(input.shortcut, () => tx.insert(cannedReplies).values({ id, businessId, ...input }));
  const [row] = await tx.select().from(cannedReplies).where(and(eq(cannedReplies.businessId, businessId), eq(cannedReplies.id, id)));
  return toView(row!);
}

export async function updateCannedReply(tx: Db, { businessId, id, input }: { businessId: string; id: string; input: CannedReplyInput }): Promise<CannedReply> {
  const [row] = await uniqueShortcut(input.shortcut, () =>
    tx.update(cannedReplies).set(input).where(and(eq(cannedReplies.businessId, businessId), eq(cannedReplies.id, id))).returning(),
  );
  if (!row) throw notFound("Canned reply not found");
  return toView(row);
}

export async function deleteCannedReply(tx: Db, { businessId, id }: { businessId: string; id: string }): Promise<void> {
  const deleted = await tx.delete(cannedReplies).where(and(eq(cannedReplies.businessId, businessId), eq(cannedReplies.id, id))).returning({ id: cannedReplies.id });
  if (deleted.length === 0) throw notFound("Canned reply not found");
}
