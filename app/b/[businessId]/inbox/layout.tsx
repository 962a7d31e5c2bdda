import type { ReactNode } from "react";
import { InboxShell } from "@/components/inbox/inbox-shell";
import { loadDashboard } from "@/lib/businesses/context";

export default async function InboxLayout({ children, params }: { children: ReactNode; params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const { business } = await loadDashboard(businessId);
  return (
    <InboxShell businessId={business.id} locale={business.locale || "en"} timeZone={business.timeZone}>
      {children}
    </InboxShell>
  );
}
