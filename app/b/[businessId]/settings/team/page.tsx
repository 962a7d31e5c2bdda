import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { TeamManager } from "@/components/settings/team-manager";
import { loadDashboard } from "@/lib/businesses/context";
import { loadTeam } from "@/lib/teams/context";

export const metadata: Metadata = { title: "Team" };

export default async function TeamSettingsPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const { user, business, role } = await loadDashboard(businessId);
  if (role === "agent") forbidden();
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
