import type { Metadata } from "next";
import { WidgetSettingsForm } from "@/components/settings/widget-settings-form";
import { loadDashboard } from "@/lib/businesses/context";

export const metadata: Metadata = { title: "Widget settings" };

export default async function WidgetSettingsPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const { business, role } = await loadDashboard(businessId);
  return <WidgetSettingsForm businessId={business.id} canEdit={role !== "agent"} />;
}
