import { beforeEach, describe, expect, it, vi } from "vitest";
import { DELETE as deleteReply, PATCH as updateReply } from "@/app/api/businesses/[businessId]/canned-replies/[id]/route";
import { GET as listReplies, POST as createReply } from "@/app/api/businesses/[businessId]/canned-replies/route";
import { DELETE as deleteTeam, PATCH as updateTeam } from "@/app/api/businesses/[businessId]/teams/[id]/route";
import { GET as listTeams, POST as createTeam } from "@/app/api/businesses/[businessId]/teams/route";
import type { AuthClaims } from "@/lib/db";
// Imported under another name: it is not a React hook, whatever its name suggests to the linter.
import { addMember, claimsFor, createBusinessAs, createUser, useTestDatabase as freshDatabasePerTest } from "@/lib/db/testing";
import { unauthorized } from "@/lib/http/errors";

/** Updating and deleting canned replies and teams, through the route handlers: managers may, agents may not, and another business's rows are not there at all. */

// Route handlers verify the session through lib/auth/session; here it answers with the claims of whoever is signed in.
const session = vi.hoisted(() => ({ claims: null as AuthClaims | null }));
vi.mock("@/lib/auth/session", () => ({
  requireApiClaims: async () => {
    if (!session.claims) throw unauthorized();
    return session.claims;
  },
}));

const t = freshDatabasePerTest();
beforeEach(() => {
  session.claims = null;
});

const BASE = "http://localhost:3000";
const request = (method: string, url: string, body?: unknown) =>
  new Request(`${BASE}${url}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const params = <P>(value: P) => ({ params: Promise.resolve(value) });
const as = (userId: string | null) => {
  session.claims = userId ? claimsFor(userId) : null;
};

/** Ada owns the salon, Alan is its admin, Carol its agent; Bob owns the bike shop. */
async function world() {
  const ada = await createUser(t.database, { email: "ada@salon.test", fullName: "Ada Lovelace" });
  const alan = await createUser(t.database, { email: "alan@salon.test", fullName: "Alan Turing" });
  const carol = await createUser(t.database, { email: "carol@salon.test", fullName: "Carol O'Neill" });
  const bob = await createUser(t.database, { email: "bob@bikes.test", fullName: "Bob" });
  const salon = await createBusinessAs(ada, { name: "Ada's Salon" });
  const bikes = await createBusinessAs(bob, { name: "Bob's Bikes" });
  await addMember(t.database, salon, alan, "admin");
  await addMember(t.database, salon, carol, "agent");
  return { ada, alan, carol, bob, salon, bikes };
}

const errorCode = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;

describe("canned replies: update and delete", () => {
  async function withReplies() {
    const w = await world();
    as(w.ada);
    const make = async (shortcut: string, title: string, content: string) => {
      const res = await createReply(request("POST", `/api/businesses/${w.salon}/canned-replies`, { shortcut, title, content }), params({ businessId: w.salon }));
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    const prices = await make("prices", "Prices", "A cut is €48.");
    const hours = await make("hours", "Opening hours", "We open at 9.");
    const list = async () => {
      as(w.ada);
      const res = await listReplies(request("GET", `/api/businesses/${w.salon}/canned-replies`), params({ businessId: w.salon }));
      return ((await res.json()) as { items: { id: string; shortcut: string; title: string; content: string }[] }).items;
    };
    const patch = (businessId: string, id: string, body: unknown) =>
      updateReply(request("PATCH", `/api/businesses/${businessId}/canned-replies/${id}`, body), params({ businessId, id }));
    const remove = (businessId: string, id: string) =>
      deleteReply(request("DELETE", `/api/businesses/${businessId}/canned-replies/${id}`), params({ businessId, id }));
    return { ...w, prices, hours, list, patch, remove };
  }

  it("an owner or an admin updates a reply, and the list shows the change", async () => {
    const c = await withReplies();
    as(c.ada);
    const res = await c.patch(c.salon, c.prices, { shortcut: " Price-List ", title: "Price list", content: "A cut is €50 from January." });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: c.prices, shortcut: "price-list", title: "Price list", content: "A cut is €50 from January." });
    as(c.alan);
    expect((await c.patch(c.salon, c.hours, { shortcut: "hours", title: "Hours", content: "We open at 10." })).status).toBe(200);
    expect(await c.list()).toEqual([
      expect.objectContaining({ id: c.hours, shortcut: "hours", content: "We open at 10." }),
      expect.objectContaining({ id: c.prices, shortcut: "price-list", content: "A cut is €50 from January." }),
    ]);
  });

  it("refuses a shortcut another reply has (409) and an invalid one (400 naming the field), changing nothing", async () => {
    const c = await withReplies();
    const before = await c.list();
    as(c.ada);
    const taken = await c.patch(c.salon, c.prices, { shortcut: "hours", title: "Prices", content: "A cut is €48." });
    expect(taken.status).toBe(409);
    expect(await errorCode(taken)).toBe("conflict");
    const invalid = await c.patch(c.salon, c.prices, { shortcut: "no spaces", title: "Prices", content: "A cut is €48." });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: { code: "validation_failed", fields: [expect.objectContaining({ field: "shortcut" })] } });
    expect(await c.list()).toEqual(before);
  });

  it("an owner deletes a reply (204); it is gone, and deleting it again is 404", async () => {
    const c = await withReplies();
    as(c.ada);
    const res = await c.remove(c.salon, c.prices);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    expect((await c.list()).map((r) => r.id)).toEqual([c.hours]);
    as(c.alan);
    expect((await c.remove(c.salon, c.hours)).status).toBe(204);
    const again = await c.remove(c.salon, c.hours);
    expect(again.status).toBe(404);
    expect(await errorCode(again)).toBe("not_found");
  });

  it("an agent may neither update nor delete (403), and nothing changes", async () => {
    const c = await withReplies();
    const before = await c.list();
    as(c.carol);
    const update = await c.patch(c.salon, c.prices, { shortcut: "prices", title: "Prices", content: "Free cuts for everyone!" });
    expect(update.status).toBe(403);
    expect(await errorCode(update)).toBe("forbidden");
    as(c.carol);
    const remove = await c.remove(c.salon, c.prices);
    expect(remove.status).toBe(403);
    expect(await c.list()).toEqual(before);
  });

  it("another business's owner gets 404, through their business or through the salon's, and nothing changes", async () => {
    const c = await withReplies();
    const before = await c.list();
    as(c.bob);
    // Not a member of the salon: the business is not there for him.
    expect((await c.patch(c.salon, c.prices, { shortcut: "prices", title: "Mine", content: "Mine now" })).status).toBe(404);
    as(c.bob);
    expect((await c.remove(c.salon, c.prices)).status).toBe(404);
    // The salon's reply id under his own business: no such reply there.
    as(c.bob);
    const crossed = await c.patch(c.bikes, c.prices, { shortcut: "prices", title: "Mine", content: "Mine now" });
    expect(crossed.status).toBe(404);
    expect(await errorCode(crossed)).toBe("not_found");
    as(c.bob);
    expect((await c.remove(c.bikes, c.prices)).status).toBe(404);
    expect(await c.list()).toEqual(before);
  });

  it("is 401 without a session", async () => {
    const c = await withReplies();
    as(null);
    expect((await c.patch(c.salon, c.prices, { shortcut: "prices", title: "Prices", content: "x" })).status).toBe(401);
    expect((await c.remove(c.salon, c.prices)).status).toBe(401);
    expect(await c.list()).toHaveLength(2);
  });
});

describe("teams: update and delete", () => {
  type TeamView = { id: string; name: string; members: { userId: string }[] };

  async function withTeam() {
    const w = await world();
    as(w.ada);
    const res = await createTeam(request("POST", `/api/businesses/${w.salon}/teams`, { name: "Colour", memberIds: [w.carol] }), params({ businessId: w.salon }));
    expect(res.status).toBe(201);
    const colour = ((await res.json()) as TeamView).id;
    const other = await createTeam(request("POST", `/api/businesses/${w.salon}/teams`, { name: "Front desk", memberIds: [] }), params({ businessId: w.salon }));
    const frontDesk = ((await other.json()) as TeamView).id;
    const list = async () => {
      as(w.ada);
      const listed = await listTeams(request("GET", `/api/businesses/${w.salon}/teams`), params({ businessId: w.salon }));
      return ((await listed.json()) as { items: TeamView[] }).items;
    };
    const patch = (businessId: string, id: string, body: unknown) =>
      updateTeam(request("PATCH", `/api/businesses/${businessId}/teams/${id}`, body), params({ businessId, id }));
    const remove = (businessId: string, id: string) => deleteTeam(request("DELETE", `/api/businesses/${businessId}/teams/${id}`), params({ businessId, id }));
    return { ...w, colour, frontDesk, list, patch, remove };
  }

  it("an owner renames a team and replaces its members; an admin may too", async () => {
    const c = await withTeam();
    as(c.ada);
    const res = await c.patch(c.salon, c.colour, { name: "Colour & cuts", memberIds: [c.alan, c.ada, c.alan] });
    expect(res.status).toBe(200);
    const team = (await res.json()) as TeamView;
    expect(team.name).toBe("Colour & cuts");
    expect(team.members.map((m) => m.userId).sort()).toEqual([c.ada, c.alan].sort());
    as(c.alan);
    expect((await c.patch(c.salon, c.frontDesk, { name: "Reception", memberIds: [c.carol] })).status).toBe(200);
    const teams = await c.list();
    expect(teams.map((x) => [x.name, x.members.map((m) => m.userId).sort()])).toEqual([
      ["Colour & cuts", [c.ada, c.alan].sort()],
      ["Reception", [c.carol]],
    ]);
  });

  it("refuses a name another team has (409) and a member from outside the business (400), changing nothing", async () => {
    const c = await withTeam();
    const before = await c.list();
    as(c.ada);
    const taken = await c.patch(c.salon, c.colour, { name: "Front desk", memberIds: [] });
    expect(taken.status).toBe(409);
    const outsider = await c.patch(c.salon, c.colour, { name: "Colour", memberIds: [c.carol, c.bob] });
    expect(outsider.status).toBe(400);
    expect(await outsider.json()).toMatchObject({ error: { code: "validation_failed", fields: [expect.objectContaining({ field: "memberIds" })] } });
    expect(await c.list()).toEqual(before);
  });

  it("an owner deletes a team (204); it is gone with its memberships, and deleting it again is 404", async () => {
    const c = await withTeam();
    as(c.ada);
    expect((await c.remove(c.salon, c.colour)).status).toBe(204);
    expect((await c.list()).map((x) => x.id)).toEqual([c.frontDesk]);
    const [left] = await t.database.runner.query<{ n: number }>("select count(*)::int as n from team_members where team_id = $1", [c.colour]);
    expect(left!.n).toBe(0);
    as(c.ada);
    const again = await c.remove(c.salon, c.colour);
    expect(again.status).toBe(404);
    expect(await errorCode(again)).toBe("not_found");
  });

  it("an agent may neither update nor delete (403), and nothing changes", async () => {
    const c = await withTeam();
    const before = await c.list();
    as(c.carol);
    const update = await c.patch(c.salon, c.colour, { name: "Carol's team", memberIds: [c.carol] });
    expect(update.status).toBe(403);
    expect(await errorCode(update)).toBe("forbidden");
    as(c.carol);
    expect((await c.remove(c.salon, c.colour)).status).toBe(403);
    expect(await c.list()).toEqual(before);
  });

  it("another business's owner gets 404, through their business or through the salon's, and nothing changes", async () => {
    const c = await withTeam();
    const before = await c.list();
    as(c.bob);
    expect((await c.patch(c.salon, c.colour, { name: "Mine", memberIds: [] })).status).toBe(404);
    as(c.bob);
    expect((await c.remove(c.salon, c.colour)).status).toBe(404);
    as(c.bob);
    expect((await c.patch(c.bikes, c.colour, { name: "Mine", memberIds: [] })).status).toBe(404);
    as(c.bob);
    expect((await c.remove(c.bikes, c.colour)).status).toBe(404);
    expect(await c.list()).toEqual(before);
  });
});
