import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { ingestCustomerMessage } from "@/lib/conversations/ingest";
import { rowsOf, withServiceRole, type Database } from "@/lib/db";
import { messages } from "@/lib/db/schema";
import { addMember, createBusinessAs, createUser } from "@/lib/db/testing";
import { insertKnowledgeDocument, typedDocument } from "@/lib/knowledge/documents";
import { runKnowledgeJobs } from "@/lib/knowledge/indexing";

/** Test support for the copilot: Ada's Salon with its price list and policies, Bob's Bikes next door. */

export const SALON_PRICES = "# Cuts\n\n- Women's cut and blow-dry: €48 (about 60 minutes)\n- Men's cut: €28\n\n# Colour\n\nFull colour from €65. Balayage from €120.";
export const SALON_POLICIES = "# Pets\n\nWell-behaved dogs are welcome in the salon.\n\n# Cancellations\n\nCancel up to 24 hours before for free; later cancellations are charged 50%.";

export async function salonAndBikes(database: Database) {
  const ada = await createUser(database, { email: "ada@salon.test", fullName: "Ada Lovelace" });
  const carol = await createUser(database, { email: "carol@salon.test", fullName: "Carol O'Neill" });
  const bob = await createUser(database, { email: "bob@bikes.test", fullName: "Bob" });
  const salon = await createBusinessAs(ada, { name: "Ada's Salon", vertical: "salon", timeZone: "Europe/Lisbon", currency: "EUR" });
  const bikes = await createBusinessAs(bob, { name: "Bob's Bikes", vertical: "retail" });
  await addMember(database, salon, carol, "agent");
  await withServiceRole(async (tx) => {
    await insertKnowledgeDocument(tx, {
      businessId: salon,
      document: typedDocument({ kind: "article", title: "Services and prices", category: "prices", body: SALON_PRICES }),
    });
    await insertKnowledgeDocument(tx, {
      businessId: salon,
      document: typedDocument({ kind: "article", title: "Policies", category: "policies", body: SALON_POLICIES }),
    });
    await insertKnowledgeDocument(tx, {
      businessId: bikes,
      document: typedDocument({ kind: "article", title: "Bike secrets", category: "prices", body: "Gearbox repair costs €999 at Bob's." }),
    });
  });
  await runKnowledgeJobs({ budgetMs: 30_000 });
  return { ada, carol, bob, salon, bikes };
}

export type Turn = ["customer" | "ai" | "agent" | "note", string];

/**
 * A conversation with these turns, a second apart from `start`: the first customer message arrives as the widget's
 * would (contact, conversation), the rest are written as they were stored.
 */
export async function conversationWith(businessId: string, turns: Turn[], { start = new Date(), visitor = randomUUID() }: { start?: Date; visitor?: string } = {}) {
  const [first, ...rest] = turns;
  if (!first || first[0] !== "customer") throw new Error("a conversation starts with the customer");
  const ingested = await withServiceRole((tx) =>
    ingestCustomerMessage(tx, { businessId, channel: "widget", contactExternalId: visitor, externalMessageId: randomUUID(), text: first[1], afterHours: false }),
  );
  await withServiceRole(async (tx) => {
    await tx.execute(sql`update public.messages set created_at = ${start.toISOString()}::timestamptz where id = ${ingested.messageId}`);
    for (const [i, [role, content]] of rest.entries()) {
      await tx.insert(messages).values({
        businessId,
        conversationId: ingested.conversationId,
        channel: "widget",
        role,
        content,
        deliveryStatus: "sent",
        createdAt: new Date(start.getTime() + (i + 1) * 1000),
      });
    }
  });
  return ingested;
}

export async function rows(query: ReturnType<typeof sql>) {
  return withServiceRole(async (tx) => rowsOf(await tx.execute(query)));
}
