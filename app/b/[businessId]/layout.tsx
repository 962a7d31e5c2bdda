import type { ReactNode } from "react";
import { Logo } from "@/components/brand/logo";
import { BottomNav } from "@/components/dashboard/bottom-nav";
import { BusinessSwitcher } from "@/components/dashboard/business-switcher";
import { SidebarNav } from "@/components/dashboard/sidebar-nav";
import { UserMenu } from "@/components/dashboard/user-menu";
import { HandoffToasts } from "@/components/notifications/handoff-toasts";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { RealtimeProvider } from "@/components/realtime/use-realtime";
import { loadDashboard } from "@/lib/businesses/context";

export default async function DashboardLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ businessId: string }>;
}) {
  const { businessId } = await params;
  const { user, business, role, businesses } = await loadDashboard(businessId);
  const current = { id: business.id, name: business.name, vertical: business.vertical, role };

  return (
    <div className="min-h-dvh lg:grid lg:grid-cols-[16rem_minmax(0,1fr)]">
      <a
        href="#main"
        className="sr-only z-50 rounded-lg bg-primary px-4 py-2 text-primary-foreground focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>

      <aside className="sticky top-0 hidden h-dvh flex-col border-r border-border bg-surface lg:flex">
        <div className="flex h-16 items-center px-6">
          <Logo />
        </div>
        <div className="flex-1 overflow-y-auto py-4">
          <SidebarNav businessId={business.id} />
        </div>
      </aside>

      <div className="flex min-h-dvh min-w-0 flex-col">
        <header className="sticky top-0 z-30 border-b border-border bg-surface/95 backdrop-blur">
          <div className="flex h-16 items-center gap-2 px-3 sm:px-4 lg:px-8">
            <BusinessSwitcher current={current} businesses={businesses} />
            <div className="ml-auto flex items-center gap-1">
              <NotificationBell businessId={business.id} />
              <UserMenu user={{ fullName: user.fullName, email: user.email }} />
            </div>
          </div>
        </header>
        <main id="main" tabIndex={-1} className="flex-1 px-4 pt-6 pb-28 focus:outline-none sm:px-6 lg:px-8 lg:pt-8 lg:pb-12">
          <div className="mx-auto w-full max-w-6xl"><RealtimeProvider businessId={business.id}>{children}</RealtimeProvider></div>
        </main>
      </div>

      <BottomNav businessId={business.id} />
      <HandoffToasts businessId={business.id} userId={user.id} />
    </div>
  );
}
