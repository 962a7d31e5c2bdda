import { and, asc, eq, gt, inArray, or } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { messages, type MessageSource } from "@/lib/db/schema";

/** A message as the customer sees it: internal notes never leave the dashboard. */
export type CustomerVisibleMessage = {
  id: string;
  role: "customer" | "ai" | "agent" | "system";
  content: string;
  createdAt: string;
  sources: Pick<MessageSource, "n" | "title" | "documentId">[];
  quickReplies: string[];
};

const VISIBLE_ROLES = ["customer", "ai", "agent", "system"] as const;

/**
 * The conversation as its customer sees it, oldest first: everything, or only what came after `afterId` (the widget
 * polls for staff replies with the last id it has). At most `limit` messages, the latest ones.
 */
export async function listCustomerMessages(
  tx: Db,
  { businessId, conversationId, afterId, limit = 200 }: { businessId: string; conversationId: string; afterId?: string; limit?: number },
): Promise<CustomerVisibleMessage[]> {
  const scope = and(eq(messages.businessId, businessId), eq(messages.conversationId, conversationId), inArray(messages.role, [...VISIBLE_ROLES]));
  let where = scope;
  if (afterId) {
    const [anchor] = await tx.select({ createdAt: messages.createdAt }).from(messages).where(and(scope, eq(messages.id, afterId)));
    // An id that is not in this conversation reads as "from the start" rather than leaking or failing.
    if (anchor) where = and(scope, or(gt(messages.createdAt, anchor.createdAt), and(eq(messages.createdAt, anchor.createdAt), gt(messages.id, afterId))));
  }
  const rows = await tx
    .select({
      id: messages.id,
      role: messages.role,
      content: messages.content,
      createdAt: messages.createdAt,
      sources: messages.sources,
      quickReplies: messages.quickReplies,
    })
    .from(messages)
    .where(where)
    .orderBy(asc(messages.createdAt), asc(messages.id));
  return rows.slice(-limit).map((row) => ({
    id: row.id,
    role: row.role as CustomerVisibleMessage["role"],
    content: row.content,
    createdAt: row.createdAt.toISOString(),
    sources: (row.sources ?? []).map(({ n, title, documentId }) => ({ n, title, documentId })),
    quickReplies: row.quickReplies ?? [],
  }));
}
