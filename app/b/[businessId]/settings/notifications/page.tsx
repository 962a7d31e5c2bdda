import type { Metadata } from "next";
import { NotificationSettings } from "@/components/notifications/notification-settings";
import { loadDashboard } from "@/lib/businesses/context";

export const metadata: Metadata = { title: "Notification settings" };

/** Every member's own page: what reaches them, quiet hours, on duty, and the devices that get pushes. */
export default async function NotificationSettingsPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const { business } = await loadDashboard(businessId);
  return <NotificationSettings businessId={business.id} businessName={business.name} />;
}
