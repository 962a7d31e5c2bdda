import type { Metadata } from "next";
import { Restricted } from "@/components/settings/restricted";
import { TeamManager } from "@/components/settings/team-manager";
import { loadDashboard } from "@/lib/businesses/context";
import { loadTeam } from "@/lib/teams/context";

export const metadata: Metadata = { title: "Team" };

export default async function TeamSettingsPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const { user, business, role } = await loadDashboard(businessId);
  if (role === "agent") {
    return (
      <Restricted title="Only owners and admins manage the team" backHref={`/b/${business.id}/inbox`}>
        <p>
          You are an agent at {business.name}. Ask an owner or admin if you need someone added, removed, or given a
          different role.
        </p>
      </Restricted>
    );
  }
  const team = await loadTeam(business.id);
  return (
    <TeamManager
      businessId={business.id}
      businessName={business.name}
      currentUserId={user.id}
      viewerRole={role}
      members={team.members}
      invitations={team.invitations}
      locale={business.locale || "en"}
      timeZone={business.timeZone}
    />
  );
}
