"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { isActive, sectionHref, SECTIONS } from "./nav-items";

export function SidebarNav({ businessId }: { businessId: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="px-3">
      <ul className="space-y-1">
        {SECTIONS.map(({ key, label, icon: Icon }) => {
          const href = sectionHref(businessId, key);
          const active = isActive(pathname, href);
          return (
            <li key={key}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "flex h-11 items-center gap-3 rounded-lg px-3 font-medium transition-colors duration-150",
                  active ? "bg-secondary text-secondary-foreground" : "text-foreground hover:bg-secondary/60",
                )}
              >
                <Icon className={cn("size-5 shrink-0", active ? "text-heading" : "text-muted-foreground")} aria-hidden="true" />
                {label}
                {active ? <span className="ml-auto size-1.5 rounded-full bg-brand-teal" aria-hidden="true" /> : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
