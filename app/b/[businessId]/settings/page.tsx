import type { Metadata } from "next";
import { BusinessSummary } from "@/components/settings/business-summary";
import type { BusinessProfile } from "@/components/settings/business-types";
import { GeneralSettingsForm } from "@/components/settings/general-settings-form";
import { loadDashboard } from "@/lib/businesses/context";

export const metadata: Metadata = { title: "Settings" };

export default async function GeneralSettingsPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const { business, role } = await loadDashboard(businessId);
  const profile: BusinessProfile = {
    id: business.id,
    name: business.name,
    vertical: business.vertical,
    timeZone: business.timeZone,
    currency: business.currency,
    locale: business.locale ?? null,
    openingHours: business.openingHours ?? {},
  };
  return role === "agent" ? (
    <BusinessSummary business={profile} />
  ) : (
    // Keyed by the saved values so a refresh after saving starts the form from what the server stored.
    <GeneralSettingsForm key={JSON.stringify(profile)} business={profile} />
  );
}
