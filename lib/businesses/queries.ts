import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { businesses, memberships, type MemberRole } from "@/lib/db/schema";
import type { BusinessInput, BusinessUpdate } from "./schemas";

export type Business = typeof businesses.$inferSelect;
export type BusinessSummary = { id: string; name: string; vertical: string; role: MemberRole };

export async function listMyBusinesses(db: Db, { userId }: { userId: string }): Promise<BusinessSummary[]> {
  return db
    .select({ id: businesses.id, name: businesses.name, vertical: businesses.vertical, role: memberships.role })
    .from(memberships)
    .innerJoin(businesses, eq(businesses.id, memberships.businessId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(businesses.name));
}

/** The business and the user's role in it, or null when the user is not a member (RLS hides it as well). */
export async function getBusinessForMember(
  db: Db,
  { businessId, userId }: { businessId: string; userId: string },
): Promise<{ business: Business; role: MemberRole } | null> {
  const [row] = await db
    .select({ business: businesses, role: memberships.role })
    .from(businesses)
    .innerJoin(memberships, and(eq(memberships.businessId, businesses.id), eq(memberships.userId, userId)))
    .where(eq(businesses.id, businessId));
  return row ?? null;
}

/**
 * Creates the business; an after-insert trigger makes its creator the owner in the same transaction. The id is chosen
 * here because RLS only lets the creator see the row once that trigger has run, which is after `returning` would.
 */
export async function createBusiness(db: Db, { userId, input }: { userId: string; input: BusinessInput }): Promise<Business> {
  const id = randomUUID();
  await db.insert(businesses).values({ ...input, id, createdBy: userId });
  const [row] = await db.select().from(businesses).where(eq(businesses.id, id));
  return row!;
}

export async function updateBusiness(
  db: Db,
  { businessId, changes }: { businessId: string; changes: BusinessUpdate },
): Promise<Business | null> {
  const [row] = await db.update(businesses).set(changes).where(eq(businesses.id, businessId)).returning();
  return row ?? null;
}
