import { KNOWLEDGE_CATEGORIES, KNOWLEDGE_CATEGORY_LABELS, type KnowledgeCategory, type KnowledgeDocumentSummary } from "@/lib/knowledge/types";
import { cn } from "@/components/ui/cn";

export type CategoryChoice = KnowledgeCategory | "all";

/** Category chips with counts; only categories that have something in them, plus "All". */
export function CategoryFilter({
  documents,
  value,
  onChange,
}: {
  documents: KnowledgeDocumentSummary[];
  value: CategoryChoice;
  onChange: (value: CategoryChoice) => void;
}) {
  const counts = new Map<KnowledgeCategory, number>();
  for (const document of documents) counts.set(document.category, (counts.get(document.category) ?? 0) + 1);
  const chips: { value: CategoryChoice; label: string; count: number }[] = [
    { value: "all", label: "All", count: documents.length },
    ...KNOWLEDGE_CATEGORIES.filter((category) => counts.has(category) || category === value).map((category) => ({
      value: category,
      label: KNOWLEDGE_CATEGORY_LABELS[category],
      count: counts.get(category) ?? 0,
    })),
  ];
  return (
    <div role="group" aria-label="Filter by category" className="-mx-4 flex gap-2 overflow-x-auto px-4 pb-1 sm:mx-0 sm:flex-wrap sm:px-0">
      {chips.map((chip) => {
        const active = chip.value === value;
        return (
          <button
            key={chip.value}
            type="button"
            aria-pressed={active}
            onClick={() => onChange(chip.value)}
            className={cn(
              "inline-flex h-10 shrink-0 items-center gap-2 rounded-full border px-4 text-body-sm font-medium transition-colors duration-150",
              "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
              active ? "border-primary bg-primary text-primary-foreground" : "border-border bg-surface text-foreground hover:bg-secondary",
            )}
          >
            {chip.label}
            <span
              className={cn(
                "min-w-5 rounded-full px-1.5 text-caption tabular-nums",
                active ? "bg-primary-foreground/20 text-primary-foreground" : "bg-secondary text-secondary-foreground",
              )}
            >
              {chip.count}
            </span>
          </button>
        );
      })}
    </div>
  );
}
