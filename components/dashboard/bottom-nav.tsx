"use client";

import { Ellipsis } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { isActive, PHONE_TABS, sectionHref, SECTIONS } from "./nav-items";

/** Phone navigation: four sections and "More" for the rest, fixed to the bottom edge. */
export function BottomNav({ businessId }: { businessId: string }) {
  const pathname = usePathname();
  const tabs = SECTIONS.filter((section) => PHONE_TABS.includes(section.key));
  const moreHref = sectionHref(businessId, "more");
  const moreActive =
    isActive(pathname, moreHref) ||
    SECTIONS.some((section) => !PHONE_TABS.includes(section.key) && isActive(pathname, sectionHref(businessId, section.key)));

  const items = [
    ...tabs.map(({ key, label, icon }) => {
      const href = sectionHref(businessId, key);
      return { key, label, icon, href, active: isActive(pathname, href) };
    }),
    { key: "more", label: "More", icon: Ellipsis, href: moreHref, active: moreActive },
  ];

  return (
    <nav
      aria-label="Main"
      className="fixed inset-x-0 bottom-0 z-40 border-t border-border bg-surface/95 pb-[env(safe-area-inset-bottom)] backdrop-blur lg:hidden"
    >
      <ul className="mx-auto grid max-w-lg grid-cols-5">
        {items.map(({ key, label, icon: Icon, href, active }) => (
          <li key={key}>
            <Link
              href={href}
              aria-current={active ? "page" : undefined}
              className={cn(
                "flex h-16 flex-col items-center justify-center gap-1 text-caption transition-colors duration-150",
                active ? "text-heading" : "text-muted-foreground hover:text-foreground",
              )}
            >
              <span
                className={cn(
                  "flex h-7 w-12 items-center justify-center rounded-full transition-colors duration-150",
                  active && "bg-secondary",
                )}
              >
                <Icon className="size-5" aria-hidden="true" />
              </span>
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
