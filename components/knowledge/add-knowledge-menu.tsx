"use client";

import { ChevronDown, Plus } from "lucide-react";
import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { Dropdown } from "@/components/ui/dropdown";
import { addActions } from "./add-actions";

/** The "Add knowledge" button: a disclosure with the four ways to add something. */
export function AddKnowledgeMenu({ businessId }: { businessId: string }) {
  return (
    <Dropdown
      buttonClassName={buttonVariants({ variant: "primary", size: "md" })}
      // Under the title on phones (open to the right), at the header's right edge from 640px (open to the left).
      panelClassName="w-80 sm:right-0 sm:left-auto sm:origin-top-right"
      buttonContent={
        <>
          <Plus aria-hidden="true" />
          Add knowledge
          <ChevronDown className="size-4" aria-hidden="true" />
        </>
      }
    >
      <ul className="space-y-0.5">
        {addActions(businessId).map(({ key, label, description, icon: Icon, href }) => (
          <li key={key}>
            <Link href={href} className="flex items-start gap-3 rounded-lg px-2 py-2.5 hover:bg-secondary">
              <span className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-secondary text-heading" aria-hidden="true">
                <Icon className="size-5" />
              </span>
              <span className="flex min-w-0 flex-col">
                <span className="font-medium text-heading">{label}</span>
                <span className="text-body-sm text-muted-foreground">{description}</span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </Dropdown>
  );
}
