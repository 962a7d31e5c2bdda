import { createHash, randomBytes } from "node:crypto";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { getConfig } from "@/lib/config";
import { rowsOf, type Db } from "@/lib/db";
import { MANAGERS } from "@/lib/businesses/access";
import { invitations, memberships, profiles, type MemberRole } from "@/lib/db/schema";
import { forbidden } from "@/lib/http/errors";
import type { InvitationInput } from "./schemas";

export type Member = { userId: string; email: string; fullName: string; role: MemberRole; joinedAt: string };
export type InvitationStatus = "pending" | "accepted" | "expired" | "revoked";
export type InvitationView = {
  id: string;
  email: string | null;
  role: MemberRole;
  status: InvitationStatus;
  expiresAt: string;
  createdAt: string;
};

export async function listMembers(db: Db, { businessId }: { businessId: string }): Promise<Member[]> {
  const rows = await db
    .select({
      userId: memberships.userId,
      email: profiles.email,
      fullName: profiles.fullName,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .leftJoin(profiles, eq(profiles.id, memberships.userId))
    .where(eq(memberships.businessId, businessId))
    .orderBy(sql`case ${memberships.role} when 'owner' then 0 when 'admin' then 1 else 2 end`, asc(memberships.createdAt));
  return rows.map((r) => ({ ...r, email: r.email ?? "", fullName: r.fullName ?? "", joinedAt: r.joinedAt.toISOString() }));
}

const statusOf = (i: typeof invitations.$inferSelect): InvitationStatus =>
  i.revokedAt ? "revoked" : i.acceptedAt ? "accepted" : i.expiresAt.getTime() <= Date.now() ? "expired" : "pending";

const toView = (i: typeof invitations.$inferSelect): InvitationView => ({
  id: i.id,
  email: i.email,
  role: i.role,
  status: statusOf(i),
  expiresAt: i.expiresAt.toISOString(),
  createdAt: i.createdAt.toISOString(),
});

export async function listInvitations(db: Db, { businessId }: { businessId: string }): Promise<InvitationView[]> {
  const rows = await db
    .select()
    .from(invitations)
    .where(eq(invitations.businessId, businessId))
    .orderBy(desc(invitations.createdAt))
    .limit(100);
  return rows.map(toView);
}

/**
 * Creates a single-use invitation link; only its hash is stored, so the link is shown once. When an email address is
 * given, the invitation email is queued in the same transaction through the one narrow function members may use to
 * write to the outbox, so an invitation never exists without its email or the other way round.
 */
export async function createInvitation(
  db: Db,
  {
    business,
    inviter,
    input,
  }: { business: { id: string; name: string }; inviter: { name: string; role: MemberRole }; input: InvitationInput },
): Promise<{ invitation: InvitationView; link: string; emailQueued: boolean }> {
  if (input.role === "owner" && inviter.role !== "owner") throw forbidden("Only an owner can invite another owner");
  const { id: businessId, name: businessName } = business;
  const inviterName = inviter.name;
  const token = randomBytes(24).toString("base64url");
  const [row] = await db
    .insert(invitations)
    .values({
      businessId,
      role: input.role,
      email: input.email?.toLowerCase() ?? null,
      tokenHash: createHash("sha256").update(token).digest("hex"),
      expiresAt: new Date(Date.now() + input.expiresInDays * 24 * 60 * 60 * 1000),
    })
    .returning();
  const link = `${getConfig().appUrl}/invite/${token}`;
  if (input.email) {
    const role = input.role === "agent" ? "an agent" : `an ${input.role}`;
    const days = `${input.expiresInDays} day${input.expiresInDays === 1 ? "" : "s"}`;
    await db.execute(sql`select private.queue_invitation_email(
      ${row!.id},
      ${`${inviterName || "A teammate"} invited you to ${businessName} on Frontdesk`},
      ${`You are invited to join ${businessName} on Frontdesk as ${role}.\n\nAccept here, signed in with this email address (the link works once and expires in ${days}):\n${link}`}
    )`);
  }
  return { invitation: toView(row!), link, emailQueued: Boolean(input.email) };
}

/** Revokes a pending invitation: "revoked", "closed" when it was already used or revoked, or "not_found". */
export async function revokeInvitation(
  db: Db,
  { businessId, invitationId }: { businessId: string; invitationId: string },
): Promise<"revoked" | "closed" | "not_found"> {
  const [row] = await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.id, invitationId), eq(invitations.businessId, businessId), sql`${invitations.acceptedAt} is null`, sql`${invitations.revokedAt} is null`))
    .returning({ id: invitations.id });
  if (row) return "revoked";
  const [existing] = await db
    .select({ id: invitations.id })
    .from(invitations)
    .where(and(eq(invitations.id, invitationId), eq(invitations.businessId, businessId)));
  return existing ? "closed" : "not_found";
}

export async function changeMemberRole(
  db: Db,
  { businessId, userId, role }: { businessId: string; userId: string; role: MemberRole },
): Promise<Member | null> {
  const [row] = await db
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.businessId, businessId), eq(memberships.userId, userId)))
    .returning({ userId: memberships.userId });
  if (!row) return null;
  return (await listMembers(db, { businessId })).find((m) => m.userId === userId) ?? null;
}

/** Removes a member. Anyone may leave (remove themselves); removing someone else takes an owner or admin. */
export async function removeMember(
  db: Db,
  { businessId, userId, actor }: { businessId: string; userId: string; actor: { userId: string; role: MemberRole } },
) {
  if (actor.userId !== userId && !MANAGERS.includes(actor.role)) throw forbidden("Only owners and admins remove teammates");
  const [row] = await db
    .delete(memberships)
    .where(and(eq(memberships.businessId, businessId), eq(memberships.userId, userId)))
    .returning({ id: memberships.id });
  return Boolean(row);
}

export type InvitationPreview = {
  businessName: string;
  role: MemberRole;
  expiresAt: string;
  status: "valid" | "used" | "expired" | "revoked";
  /** The only address that may accept it (any case), or null: a link whoever holds it may use. */
  email: string | null;
};

export async function previewInvitation(db: Db, { token }: { token: string }): Promise<InvitationPreview | null> {
  const [row] = rowsOf(await db.execute(sql`select * from public.preview_invitation(${token})`));
  if (!row) return null;
  return {
    businessName: String(row.business_name),
    role: row.role as MemberRole,
    expiresAt: new Date(String(row.expires_at)).toISOString(),
    status: row.status as InvitationPreview["status"],
    email: row.email === null || row.email === undefined ? null : String(row.email),
  };
}

/**
 * Joins the invitation's business as the signed-in user (public.accept_invitation decides): a 403
 * `invitation_other_email` when the invitation names another address than the account's.
 */
export async function acceptInvitation(db: Db, { token }: { token: string }): Promise<string> {
  const [row] = rowsOf(await db.execute(sql`select public.accept_invitation(${token}) as business_id`));
  return String(row!.business_id);
}
