import type { Metadata } from "next";
import { AiSettingsForm } from "@/components/settings/ai-settings-form";
import { loadDashboard } from "@/lib/businesses/context";

export const metadata: Metadata = { title: "AI settings" };

export default async function AiSettingsPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const { business, role } = await loadDashboard(businessId);
  return <AiSettingsForm businessId={business.id} canEdit={role !== "agent"} />;
}
