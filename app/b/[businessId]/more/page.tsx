import { ChevronRight } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { PHONE_TABS, sectionHref, SECTIONS } from "@/components/dashboard/nav-items";
import { PageHeader } from "@/components/dashboard/page-header";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { Card } from "@/components/ui/card";
import { loadDashboard } from "@/lib/businesses/context";

export const metadata: Metadata = { title: "More" };

/** The phone's "More" tab: the sections without their own tab, and account controls. */
export default async function MorePage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const { user, business } = await loadDashboard(businessId);
  const rest = SECTIONS.filter((section) => !PHONE_TABS.includes(section.key));

  return (
    <>
      <PageHeader title="More" />
      <div className="space-y-6">
        <nav aria-label="More sections">
          <Card className="overflow-hidden">
            <ul className="divide-y divide-border">
              {rest.map(({ key, label, summary, icon: Icon }) => (
                <li key={key}>
                  <Link href={sectionHref(business.id, key)} className="flex items-center gap-4 px-4 py-4 hover:bg-secondary/60">
                    <span className="flex size-10 items-center justify-center rounded-lg bg-secondary text-heading" aria-hidden="true">
                      <Icon className="size-5" />
                    </span>
                    <span className="flex min-w-0 flex-1 flex-col">
                      <span className="font-medium text-heading">{label}</span>
                      <span className="text-body-sm text-muted-foreground">{summary}</span>
                    </span>
                    <ChevronRight className="size-5 text-muted-foreground" aria-hidden="true" />
                  </Link>
                </li>
              ))}
            </ul>
          </Card>
        </nav>

        <section aria-labelledby="account-heading">
          <Card className="space-y-4 p-4">
            <div>
              <h2 id="account-heading" className="text-caption text-muted-foreground">
                Signed in as
              </h2>
              <p className="mt-1 truncate font-semibold text-heading">{user.fullName}</p>
              <p className="truncate text-body-sm text-muted-foreground">{user.email}</p>
            </div>
            <ThemeToggle />
            <SignOutButton variant="outline" className="w-full" />
          </Card>
        </section>
      </div>
    </>
  );
}
