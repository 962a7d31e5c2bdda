import type { ReactNode } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { SECTIONS, type SectionKey } from "./nav-items";
import { PageHeader } from "./page-header";

/**
 * An honest page for a section that has no data yet: what it will hold, and that it is empty.
 * No sample rows, no made-up numbers.
 */
export function SectionPlaceholder({
  section,
  description,
  emptyTitle,
  children,
}: {
  section: SectionKey;
  description: string;
  emptyTitle: string;
  children: ReactNode;
}) {
  const info = SECTIONS.find((s) => s.key === section);
  if (!info) return null;
  return (
    <>
      <PageHeader title={info.label} description={description} />
      <EmptyState icon={info.icon} title={emptyTitle}>
        {children}
      </EmptyState>
    </>
  );
}
