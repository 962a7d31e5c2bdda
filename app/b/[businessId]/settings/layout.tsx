import type { ReactNode } from "react";
import { PageHeader } from "@/components/dashboard/page-header";
import { SettingsTabs } from "@/components/settings/settings-tabs";

export default async function SettingsLayout({ children, params }: { children: ReactNode; params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  return (
    <>
      <PageHeader title="Settings" description="Your business details, your team, the website chat, the assistant, and the emails Frontdesk sends for you." />
      <SettingsTabs businessId={businessId} />
      <div className="mt-6">{children}</div>
    </>
  );
}
