"use client";

import { Check, ChevronsUpDown, Plus } from "lucide-react";
import Link from "next/link";
import { verticalLabel } from "@/components/business/verticals";
import { Dropdown } from "@/components/ui/dropdown";

type BusinessSummary = { id: string; name: string; vertical: string; role: string };

function Initial({ name }: { name: string }) {
  return (
    <span
      aria-hidden="true"
      className="flex size-8 shrink-0 items-center justify-center rounded-lg bg-primary text-body-sm font-semibold text-primary-foreground"
    >
      {name.trim().charAt(0).toUpperCase() || "?"}
    </span>
  );
}

export function BusinessSwitcher({ current, businesses }: { current: BusinessSummary; businesses: BusinessSummary[] }) {
  return (
    <Dropdown
      buttonClassName="h-11 max-w-full px-2"
      buttonContent={
        <>
          <Initial name={current.name} />
          <span className="flex min-w-0 flex-col items-start text-left">
            <span className="sr-only">Current business: </span>
            <span className="max-w-[9.5rem] truncate font-semibold text-heading sm:max-w-xs">{current.name}</span>
            <span className="hidden text-caption font-normal text-muted-foreground sm:block">{verticalLabel(current.vertical)}</span>
          </span>
          <ChevronsUpDown className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
          <span className="sr-only">, switch business</span>
        </>
      }
    >
      <p className="px-2 pt-1 pb-2 text-caption text-muted-foreground">Your businesses</p>
      <ul className="max-h-72 space-y-0.5 overflow-y-auto">
        {businesses.map((business) => {
          const isCurrent = business.id === current.id;
          return (
            <li key={business.id}>
              <Link
                href={`/b/${business.id}/inbox`}
                aria-current={isCurrent ? "page" : undefined}
                className="flex items-center gap-3 rounded-lg px-2 py-2 hover:bg-secondary"
              >
                <Initial name={business.name} />
                <span className="flex min-w-0 flex-1 flex-col">
                  <span className="truncate font-medium text-heading">{business.name}</span>
                  <span className="text-caption font-normal text-muted-foreground capitalize">{business.role}</span>
                </span>
                {isCurrent ? <Check className="size-4 shrink-0 text-heading" aria-hidden="true" /> : null}
              </Link>
            </li>
          );
        })}
      </ul>
      <div className="mt-2 border-t border-border pt-2">
        <Link href="/onboarding" className="flex items-center gap-3 rounded-lg px-2 py-2 font-medium text-heading hover:bg-secondary">
          <span className="flex size-8 items-center justify-center rounded-lg border border-dashed border-input" aria-hidden="true">
            <Plus className="size-4" />
          </span>
          Create another business
        </Link>
      </div>
    </Dropdown>
  );
}
