import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { OutboxView } from "@/components/email/outbox-view";
import { loadDashboard } from "@/lib/businesses/context";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Email outbox" };

export default async function OutboxPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const { business, role } = await loadDashboard(businessId);
  if (role === "agent") forbidden();
  return (
    <div className="space-y-4">
      <p className="max-w-2xl text-body-sm text-muted-foreground">
        Every email Frontdesk sends for {business.name}, with its delivery status.
        {getConfig().mode === "embedded" ? " Running locally, nothing leaves this machine: emails are stored here instead of being sent." : null}
      </p>
      <OutboxView businessId={business.id} timeZone={business.timeZone} locale={business.locale ?? null} />
    </div>
  );
}
