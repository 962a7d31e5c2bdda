import { describe, expect, it } from "vitest";
import { requireMembership } from "@/lib/businesses/access";
import { createBusiness, getBusinessForMember, listMyBusinesses, updateBusiness } from "@/lib/businesses/queries";
import { businessInputSchema } from "@/lib/businesses/schemas";
import { withUser } from "@/lib/db";
import { addMember, claimsFor, createUser, useTestDatabase } from "@/lib/db/testing";
import { apiErrorFromDatabase } from "@/lib/http/handler";
import { acceptInvitation, changeMemberRole, createInvitation, listInvitations, listMembers, previewInvitation, removeMember, revokeInvitation } from "./queries";

const adasSalon = businessInputSchema.parse({ name: "Ada's Salon", vertical: "salon", timeZone: "Europe/Lisbon", currency: "EUR" });
const bobsBikes = businessInputSchema.parse({ name: "Bob's Bikes", vertical: "retail", timeZone: "America/Chicago", currency: "USD" });

const tokenOf = (link: string) => link.split("/invite/")[1]!;
const asUser = <T>(userId: string, fn: Parameters<typeof withUser<T>>[1]) => withUser(claimsFor(userId), fn);
const errorCode = async (p: Promise<unknown>) => {
  try {
    await p;
    return "no error";
  } catch (error) {
    return apiErrorFromDatabase(error)?.code ?? (error as { code?: string }).code ?? String(error);
  }
};

describe("businesses and teams", () => {
  const t = useTestDatabase();

  async function world() {
    const ada = await createUser(t.database, { email: "ada@adas-salon.test", fullName: "Ada" });
    const bob = await createUser(t.database, { email: "bob@bobs-bikes.test", fullName: "Bob" });
    const carol = await createUser(t.database, { email: "carol@adas-salon.test", fullName: "Carol" });
    const salon = await asUser(ada, (tx) => createBusiness(tx, { userId: ada, input: adasSalon }));
    const bikes = await asUser(bob, (tx) => createBusiness(tx, { userId: bob, input: bobsBikes }));
    return { ada, bob, carol, salon, bikes };
  }

  it("makes the creator the owner and lists only the user's own businesses", async () => {
    const { ada, bob, salon, bikes } = await world();
    expect(salon.widgetKey).toMatch(/^pk_[0-9a-f]{32}$/);
    expect(await asUser(ada, (tx) => listMyBusinesses(tx, { userId: ada }))).toEqual([
      { id: salon.id, name: "Ada's Salon", vertical: "salon", role: "owner" },
    ]);
    expect(await asUser(ada, (tx) => getBusinessForMember(tx, { businessId: bikes.id, userId: ada }))).toBeNull();
    // Even asking for Bob's id with Bob's user id, Ada's transaction cannot see Bob's business.
    expect(await asUser(ada, (tx) => getBusinessForMember(tx, { businessId: bikes.id, userId: bob }))).toBeNull();
  });

  it("gives 404 to outsiders and 403 to agents for manager-only actions", async () => {
    const { ada, bob, carol, salon } = await world();
    await addMember(t.database, salon.id, carol, "agent");
    expect(await errorCode(asUser(bob, (tx) => requireMembership(tx, { businessId: salon.id, userId: bob })))).toBe("not_found");
    expect(
      await errorCode(asUser(carol, (tx) => requireMembership(tx, { businessId: salon.id, userId: carol, roles: ["owner", "admin"] }))),
    ).toBe("forbidden");
    // Without the application check, RLS still refuses the agent's write: the update touches nothing.
    expect(await asUser(carol, (tx) => updateBusiness(tx, { businessId: salon.id, changes: { name: "Carol's now" } }))).toBeNull();
    expect((await asUser(ada, (tx) => updateBusiness(tx, { businessId: salon.id, changes: { name: "Ada's Studio" } })))?.name).toBe(
      "Ada's Studio",
    );
  });

  it("invites by single-use link, queues an email, and the invitee joins with the role", async () => {
    const { ada, carol, salon } = await world();
    const { invitation, link, emailQueued } = await asUser(ada, (tx) =>
      createInvitation(tx, {
        business: salon,
        inviter: { name: "Ada", role: "owner" },
        input: { role: "agent", email: "carol@adas-salon.test", expiresInDays: 7 },
      }),
    );
    expect(invitation.status).toBe("pending");
    const [stored] = await t.database.runner.query<{ token_hash: string }>("select token_hash from invitations");
    expect(stored!.token_hash).not.toContain(tokenOf(link));
    expect(emailQueued).toBe(true);
    const mails = await t.database.runner.query<{ business_id: string; kind: string; to_email: string; body_text: string }>(
      "select business_id, kind, to_email, body_text from email_outbox",
    );
    expect(mails).toEqual([{ business_id: salon.id, kind: "invitation", to_email: "carol@adas-salon.test", body_text: expect.stringContaining(link) }]);

    expect(await asUser(carol, (tx) => previewInvitation(tx, { token: tokenOf(link) }))).toMatchObject({
      businessName: "Ada's Salon",
      role: "agent",
      status: "valid",
    });
    expect(await asUser(carol, (tx) => acceptInvitation(tx, { token: tokenOf(link) }))).toBe(salon.id);
    const members = await asUser(ada, (tx) => listMembers(tx, { businessId: salon.id }));
    expect(members.map((m) => [m.email, m.role])).toEqual([
      ["ada@adas-salon.test", "owner"],
      ["carol@adas-salon.test", "agent"],
    ]);
    expect(await errorCode(asUser(carol, (tx) => acceptInvitation(tx, { token: tokenOf(link) })))).toBe("invitation_used");
    expect((await asUser(ada, (tx) => listInvitations(tx, { businessId: salon.id })))[0]!.status).toBe("accepted");
  });

  it("an invitation sent to an address is for that address alone; a link without one is for whoever holds it", async () => {
    const { ada, bob, carol, salon } = await world();
    const invite = (email?: string) =>
      asUser(ada, (tx) =>
        createInvitation(tx, { business: salon, inviter: { name: "Ada", role: "owner" }, input: { role: "agent", email, expiresInDays: 7 } }),
      );
    const forCarol = await invite("Carol@Adas-Salon.test");
    // Bob got the forwarded email: he sees whom it is for, and cannot join with it.
    expect(await asUser(bob, (tx) => previewInvitation(tx, { token: tokenOf(forCarol.link) }))).toMatchObject({
      status: "valid",
      email: "carol@adas-salon.test",
    });
    expect(await errorCode(asUser(bob, (tx) => acceptInvitation(tx, { token: tokenOf(forCarol.link) })))).toBe("invitation_other_email");
    expect((await asUser(bob, (tx) => listMyBusinesses(tx, { userId: bob }))).map((b) => b.id)).not.toContain(salon.id);
    expect((await asUser(ada, (tx) => listInvitations(tx, { businessId: salon.id })))[0]!.status).toBe("pending");
    // Carol's account email differs only in case: hers.
    expect(await asUser(carol, (tx) => acceptInvitation(tx, { token: tokenOf(forCarol.link) }))).toBe(salon.id);

    // Dan's account has the invited address but never confirmed it (anyone may have opened it in his name): refused.
    const [dan] = await t.database.runner.query<{ id: string }>("insert into auth.users (email) values ('dan@example.test') returning id");
    const forDan = await invite("dan@example.test");
    expect(await errorCode(asUser(dan!.id, (tx) => acceptInvitation(tx, { token: tokenOf(forDan.link) })))).toBe("invitation_other_email");
    expect((await asUser(dan!.id, (tx) => listMyBusinesses(tx, { userId: dan!.id }))).map((b) => b.id)).not.toContain(salon.id);

    const link = await invite();
    expect((await asUser(bob, (tx) => previewInvitation(tx, { token: tokenOf(link.link) })))?.email).toBeNull();
    expect(await asUser(bob, (tx) => acceptInvitation(tx, { token: tokenOf(link.link) }))).toBe(salon.id);
  });

  it("refuses expired and revoked invitations and unknown tokens", async () => {
    const { ada, carol, salon } = await world();
    const make = () =>
      asUser(ada, (tx) =>
        createInvitation(tx, { business: salon, inviter: { name: "Ada", role: "owner" }, input: { role: "admin", expiresInDays: 1 } }),
      );
    const expired = await make();
    await t.database.runner.query("update invitations set expires_at = now() - interval '1 minute' where id = $1", [expired.invitation.id]);
    expect(await errorCode(asUser(carol, (tx) => acceptInvitation(tx, { token: tokenOf(expired.link) })))).toBe("invitation_expired");
    const revoked = await make();
    expect(await asUser(ada, (tx) => revokeInvitation(tx, { businessId: salon.id, invitationId: revoked.invitation.id }))).toBe("revoked");
    expect(await asUser(ada, (tx) => revokeInvitation(tx, { businessId: salon.id, invitationId: revoked.invitation.id }))).toBe("closed");
    expect(await errorCode(asUser(carol, (tx) => acceptInvitation(tx, { token: tokenOf(revoked.link) })))).toBe("invitation_revoked");
    expect(await errorCode(asUser(carol, (tx) => acceptInvitation(tx, { token: "x".repeat(32) })))).toBe("invitation_not_found");
    expect(await asUser(carol, (tx) => listMyBusinesses(tx, { userId: carol }))).toEqual([]);
  });

  it("keeps the last owner: no leaving or demotion until someone else owns the business", async () => {
    const { ada, carol, salon } = await world();
    await addMember(t.database, salon.id, carol, "admin");
    expect(await errorCode(asUser(ada, (tx) => removeMember(tx, { businessId: salon.id, userId: ada, actor: { userId: ada, role: "owner" } })))).toBe("last_owner");
    expect(await errorCode(asUser(ada, (tx) => changeMemberRole(tx, { businessId: salon.id, userId: ada, role: "admin" })))).toBe(
      "last_owner",
    );
    // An admin cannot make themselves owner, nor remove the owner.
    expect(await errorCode(asUser(carol, (tx) => changeMemberRole(tx, { businessId: salon.id, userId: carol, role: "owner" })))).toBe(
      "forbidden",
    );
    expect(await errorCode(asUser(carol, (tx) => removeMember(tx, { businessId: salon.id, userId: ada, actor: { userId: carol, role: "admin" } })))).toBe("forbidden");
    // The owner hands over, then may leave.
    await asUser(ada, (tx) => changeMemberRole(tx, { businessId: salon.id, userId: carol, role: "owner" }));
    expect(await asUser(ada, (tx) => removeMember(tx, { businessId: salon.id, userId: ada, actor: { userId: ada, role: "owner" } }))).toBe(true);
    const audit = await t.database.runner.query<{ action: string; entity: string }>(
      "select action, entity from audit_log where business_id = $1 and entity = 'memberships' order by id",
      [salon.id],
    );
    expect(audit.map((a) => a.action)).toEqual(["insert", "insert", "update", "delete"]);
  });
});
