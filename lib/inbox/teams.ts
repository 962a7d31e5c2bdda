import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { pgErrorOf } from "@/lib/db/errors";
import { memberships, teamMembers, teams } from "@/lib/db/schema";
import { badRequest, conflict, notFound } from "@/lib/http/errors";
import type { Team, TeamInput } from "./api";
import { peopleById } from "./detail";

export async function listTeams(tx: Db, { businessId }: { businessId: string }): Promise<Team[]> {
  const [rows, members] = await Promise.all([
    tx.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.businessId, businessId)).orderBy(asc(teams.name)),
    tx.select({ teamId: teamMembers.teamId, userId: teamMembers.userId }).from(teamMembers).where(eq(teamMembers.businessId, businessId)),
  ]);
  const people = await peopleById(tx, members.map((m) => m.userId));
  return rows.map((t) => ({
    ...t,
    members: members.filter((m) => m.teamId === t.id).map((m) => people.get(m.userId) ?? { userId: m.userId, name: "A former member" }),
  }));
}

async function setMembers(tx: Db, { businessId, teamId, memberIds }: { businessId: string; teamId: string; memberIds: string[] }) {
  const wanted = [...new Set(memberIds)];
  if (wanted.length > 0) {
    const found = await tx.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.businessId, businessId), inArray(memberships.userId, wanted)));
    if (found.length !== wanted.length) throw badRequest("memberIds", "every team member must be a member of this business");
  }
  await tx.delete(teamMembers).where(and(eq(teamMembers.businessId, businessId), eq(teamMembers.teamId, teamId)));
  if (wanted.length > 0) await tx.insert(teamMembers).values(wanted.map((userId) => ({ teamId, businessId, userId })));
}

async function uniqueName<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (pgErrorOf(error)?.code === "23505") throw conflict(`There is already a team called ${name}`);
    throw error;
  }
}

export async function createTeam(tx: Db, { businessId, input }: { businessId: string; input: TeamInput }): Promise<Team> {
  const id = randomUUID();
  await uniqueName(input.name, () => tx.insert(teams).values({ id, businessId, name: input.name }));
  await setMembers(tx, { businessId, teamId: id, memberIds: input.memberIds });
  return (await listTeams(tx, { businessId })).find((t) => t.id === id)!;
}

export async function updateTeam(tx: Db, { businessId, id, input }: { businessId: string; id: string; input: TeamInput }): Promise<Team> {
  const [row] = await uniqueName(input.name, () =>
    tx.update(teams).set({ name: input.name }).where(and(eq(teams.businessId, businessId), eq(teams.id, id))).returning({ id: teams.id }),
  );
  if (!row) throw notFound("Team not found");
  await setMembers(tx, { businessId, teamId: id, memberIds: input.memberIds });
  return (await listTeams(tx, { businessId })).find((t) => t.id === id)!;
}

export async function deleteTeam(tx: Db, { businessId, id }: { businessId: string; id: string }): Promise<void> {
  const deleted = await tx.delete(teams).where(and(eq(teams.businessId, businessId), eq(teams.id, id))).returning({ id: teams.id });
  if (deleted.length === 0) throw notFound("Team not found");
}
