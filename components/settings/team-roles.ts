/** Team roles as the settings screens show them, and which ones a viewer may hand out or change. */
import type { TeamRole } from "./business-types";

export const ROLE_LABELS: Record<TeamRole, string> = { owner: "Owner", admin: "Admin", agent: "Agent" };
export const ROLE_HELP: Record<TeamRole, string> = {
  owner: "Everything, including removing other owners",
  admin: "Settings and the team, but not owners",
  agent: "The inbox, leads and bookings",
};

export function roleLabel(role: string): string {
  return role === "owner" || role === "admin" || role === "agent" ? ROLE_LABELS[role] : role;
}

/** Which roles the viewer may hand out (the server has the final word). */
export function assignableRoles(viewer: TeamRole): TeamRole[] {
  return viewer === "owner" ? ["owner", "admin", "agent"] : ["admin", "agent"];
}

export function canManage(viewer: TeamRole, targetRole: string): boolean {
  return viewer === "owner" || (viewer === "admin" && targetRole !== "owner");
}
