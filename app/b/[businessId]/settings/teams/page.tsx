import type { Metadata } from "next";
import { TeamsManager } from "@/components/inbox/teams-manager";
import { loadDashboard } from "@/lib/businesses/context";

export const metadata: Metadata = { title: "Teams" };

/** Agents see which teams exist (they are assigned through them); only owners and admins change them. */
export default async function TeamsPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const { business, role } = await loadDashboard(businessId);
  return <TeamsManager businessId={business.id} canEdit={role !== "agent"} />;
}
