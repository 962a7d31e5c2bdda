"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

export function SettingsTabs({ businessId }: { businessId: string }) {
  const pathname = usePathname();
  const base = `/b/${businessId}/settings`;
  const tabs = [
    { href: base, label: "General", active: pathname === base },
    // Not startsWith(".../team"): that would also light up on ".../teams".
    { href: `${base}/team`, label: "Team", active: pathname === `${base}/team` || pathname.startsWith(`${base}/team/`) },
    { href: `${base}/teams`, label: "Teams", active: pathname.startsWith(`${base}/teams`) },
    { href: `${base}/canned-replies`, label: "Canned replies", active: pathname.startsWith(`${base}/canned-replies`) },
    { href: `${base}/widget`, label: "Widget", active: pathname.startsWith(`${base}/widget`) },
    { href: `${base}/ai`, label: "AI", active: pathname.startsWith(`${base}/ai`) },
    { href: `${base}/notifications`, label: "Notifications", active: pathname.startsWith(`${base}/notifications`) },
    { href: `${base}/outbox`, label: "Email outbox", active: pathname.startsWith(`${base}/outbox`) },
  ];
  return (
    <nav aria-label="Settings sections" className="-mx-4 overflow-x-auto border-b border-border px-4 sm:mx-0 sm:px-0">
      <ul className="flex gap-1">
        {tabs.map((tab) => (
          <li key={tab.href}>
            <Link
              href={tab.href}
              aria-current={tab.active ? "page" : undefined}
              className={cn(
                "relative inline-flex h-11 items-center px-3 font-medium whitespace-nowrap transition-colors duration-150",
                tab.active ? "text-heading" : "text-muted-foreground hover:text-foreground",
              )}
            >
              {tab.label}
              {tab.active ? <span className="absolute inset-x-2 -bottom-px h-0.5 rounded-full bg-primary" aria-hidden="true" /> : null}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
