import { expect, test } from "@playwright/test";
import { adasSalon, apiAs, createBusinessVia, person } from "./support";

test.describe("HTTP API: teams, roles and invitations", () => {
  test("an invited agent joins, works, and gets 403 from owner/admin settings", async ({ baseURL }) => {
    const ada = await apiAs(baseURL!, person("Ada Lovelace"));
    const carolPerson = person("Carol Agent");
    const carol = await apiAs(baseURL!, carolPerson);
    const salon = await createBusinessVia(ada, adasSalon);

    const invite = await ada.post(`/api/businesses/${salon}/invitations`, { data: { role: "agent", email: carolPerson.email } });
    expect(invite.status()).toBe(201);
    const { link, invitation, emailQueued } = await invite.json();
    expect(emailQueued).toBe(true);
    expect(invitation).toMatchObject({ role: "agent", status: "pending" });
    const token = new URL(link).pathname.split("/").pop()!;

    const preview = await (await carol.get(`/api/invitations/${token}`)).json();
    expect(preview).toMatchObject({ businessName: "Ada's Salon", role: "agent", status: "valid", email: carolPerson.email });
    // Someone the email was forwarded to cannot join with it: the invitation is for Carol's address.
    const eve = await apiAs(baseURL!, person("Eve Forwarded"));
    const forwarded = await eve.post(`/api/invitations/${token}/accept`);
    expect(forwarded.status()).toBe(403);
    expect((await forwarded.json()).error.code).toBe("invitation_other_email");
    const accepted = await carol.post(`/api/invitations/${token}/accept`);
    expect(accepted.status()).toBe(200);
    expect((await accepted.json()).businessId).toBe(salon);
    const reused = await carol.post(`/api/invitations/${token}/accept`);
    expect(reused.status()).toBe(409);
    expect((await reused.json()).error.code).toBe("invitation_used");

    // Carol sees the business as an agent and can read the team...
    const mine = await (await carol.get("/api/businesses")).json();
    expect(mine.businesses).toEqual([expect.objectContaining({ id: salon, role: "agent" })]);
    expect((await carol.get(`/api/businesses/${salon}/members`)).status()).toBe(200);
    // ...but the server refuses her owner/admin actions.
    for (const [method, path, data] of [
      ["patch", `/api/businesses/${salon}`, { name: "Carol's Salon" }],
      ["post", `/api/businesses/${salon}/invitations`, { role: "agent" }],
      ["get", `/api/businesses/${salon}/invitations`, undefined],
      ["get", `/api/businesses/${salon}/outbox`, undefined],
      ["patch", `/api/businesses/${salon}/widget-settings`, { greeting: "Carol's greeting" }],
      ["post", `/api/businesses/${salon}/widget-settings/key`, undefined],
      ["patch", `/api/businesses/${salon}/ai-settings`, { confidenceThreshold: 0.1 }],
    ] as const) {
      const res = await carol[method](path, data ? { data } : undefined);
      expect(res.status(), `${method} ${path}`).toBe(403);
      expect((await res.json()).error.code).toBe("forbidden");
    }
    const adaId = (await (await ada.get("/api/auth/session")).json()).user.id as string;
    expect((await carol.patch(`/api/businesses/${salon}/members/${adaId}`, { data: { role: "agent" } })).status()).toBe(403);
    expect((await carol.delete(`/api/businesses/${salon}/members/${adaId}`)).status()).toBe(403);

    // The owner sees the invitation email in the business outbox.
    const outbox = await (await ada.get(`/api/businesses/${salon}/outbox`)).json();
    expect(outbox.emails[0]).toMatchObject({ kind: "invitation", toEmail: carolPerson.email });
  });

  test("revoked links stop working; the last owner cannot leave; roles change", async ({ baseURL }) => {
    const ada = await apiAs(baseURL!, person("Ada Lovelace"));
    const dan = await apiAs(baseURL!, person("Dan Admin"));
    const salon = await createBusinessVia(ada, adasSalon);
    const adaId = (await (await ada.get("/api/auth/session")).json()).user.id as string;

    const first = await (await ada.post(`/api/businesses/${salon}/invitations`, { data: { role: "admin", expiresInDays: 1 } })).json();
    expect((await ada.delete(`/api/businesses/${salon}/invitations/${first.invitation.id}`)).status()).toBe(204);
    expect((await ada.delete(`/api/businesses/${salon}/invitations/${first.invitation.id}`)).status()).toBe(409);
    const revoked = await dan.post(`/api/invitations/${new URL(first.link).pathname.split("/").pop()}/accept`);
    expect(revoked.status()).toBe(410);
    expect((await revoked.json()).error.code).toBe("invitation_revoked");
    expect((await dan.get(`/api/invitations/${"A".repeat(32)}`)).status()).toBe(404);
    expect((await dan.get(`/api/invitations/bad!token`)).status()).toBe(404);

    const badInvite = await ada.post(`/api/businesses/${salon}/invitations`, { data: { role: "janitor", expiresInDays: 90 } });
    expect(badInvite.status()).toBe(400);
    expect((await badInvite.json()).error.fields.map((f: { field: string }) => f.field).sort()).toEqual(["expiresInDays", "role"]);

    const second = await (await ada.post(`/api/businesses/${salon}/invitations`, { data: { role: "admin" } })).json();
    expect((await dan.post(`/api/invitations/${new URL(second.link).pathname.split("/").pop()}/accept`)).status()).toBe(200);
    const danId = (await (await dan.get("/api/auth/session")).json()).user.id as string;

    const leave = await ada.delete(`/api/businesses/${salon}/members/${adaId}`);
    expect(leave.status()).toBe(409);
    expect((await leave.json()).error.code).toBe("last_owner");
    // An admin cannot make himself owner.
    expect((await dan.patch(`/api/businesses/${salon}/members/${danId}`, { data: { role: "owner" } })).status()).toBe(403);
    // Ada hands over ownership, then leaves; Dan now owns the salon.
    expect((await ada.patch(`/api/businesses/${salon}/members/${danId}`, { data: { role: "owner" } })).status()).toBe(200);
    expect((await ada.delete(`/api/businesses/${salon}/members/${adaId}`)).status()).toBe(204);
    expect((await ada.get(`/api/businesses/${salon}`)).status()).toBe(404);
    expect((await (await dan.get(`/api/businesses/${salon}`)).json()).role).toBe("owner");
  });
});
