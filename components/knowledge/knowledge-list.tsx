"use client";

import { MessageCircleQuestionMark, SearchX } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { errorMessage } from "@/components/api/client";
import { KNOWLEDGE_CATEGORY_LABELS } from "@/lib/knowledge/types";
import { Button, buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FormError } from "@/components/ui/form-error";
import { Skeleton } from "@/components/ui/skeleton";
import { CategoryFilter, type CategoryChoice } from "./category-filter";
import { DocumentRow } from "./document-row";
import { KnowledgeEmptyState } from "./knowledge-empty-state";
import { KnowledgeSummary } from "./knowledge-summary";
import { useKnowledgeDocuments, useReindex, useSetEnabled } from "./queries";
import { TitleSearch } from "./title-search";
import { useStatusAnnouncer } from "./use-status-announcer";

function noMatchText(search: string, category: CategoryChoice): string {
  const where = category === "all" ? "" : ` in ${KNOWLEDGE_CATEGORY_LABELS[category]}`;
  return search ? `No item${where} has “${search}” in its title.` : `Nothing is filed${where} any more.`;
}

/** The knowledge list: summary, filters, and every item with its indexing state and on/off switch. */
export function KnowledgeList({ businessId, locale }: { businessId: string; locale: string | null }) {
  const query = useKnowledgeDocuments(businessId);
  const setEnabled = useSetEnabled(businessId);
  const reindex = useReindex(businessId);
  const [category, setCategory] = useState<CategoryChoice>("all");
  const [search, setSearch] = useState("");
  const announcement = useStatusAnnouncer(query.data);
  const base = `/b/${businessId}/knowledge`;

  if (query.isPending) {
    return (
      <div role="status" aria-label="Loading knowledge" className="space-y-3">
        <Skeleton className="h-20 w-full rounded-xl" />
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-28 w-full rounded-xl" />
        ))}
      </div>
    );
  }

  if (query.isError) {
    return (
      <div className="space-y-3">
        <FormError message={`Could not load your knowledge. ${errorMessage(query.error)}`} />
        <Button variant="outline" onClick={() => void query.refetch()} loading={query.isFetching}>
          Try again
        </Button>
      </div>
    );
  }

  const documents = query.data;
  if (documents.length === 0) return <KnowledgeEmptyState businessId={businessId} />;

  const needle = search.trim().toLocaleLowerCase();
  const visible = documents.filter(
    (d) => (category === "all" || d.category === category) && (!needle || d.title.toLocaleLowerCase().includes(needle)),
  );
  const filtered = category !== "all" || needle !== "";

  return (
    <div className="space-y-6">
      <p role="status" className="sr-only">
        {announcement}
      </p>
      <KnowledgeSummary documents={documents} />

      <div className="flex flex-col gap-3 rounded-xl border border-border bg-info-soft p-4 sm:flex-row sm:items-center">
        <MessageCircleQuestionMark className="hidden size-6 shrink-0 text-info sm:block" aria-hidden="true" />
        <p className="flex-1 text-body-sm text-info">
          <span className="font-semibold">Check what your assistant knows.</span> Ask a question the way a customer would and
          see which passages it would answer from.
        </p>
        <Link href={`${base}/playground`} className={buttonVariants({ variant: "outline", size: "sm" })}>
          Ask your assistant
        </Link>
      </div>

      <section aria-labelledby="knowledge-items-heading" className="space-y-4">
        <h2 id="knowledge-items-heading" className="sr-only">
          Your knowledge
        </h2>
        <div className="flex flex-col gap-3 lg:flex-row lg:items-center lg:justify-between">
          <CategoryFilter documents={documents} value={category} onChange={setCategory} />
          <TitleSearch value={search} onChange={setSearch} />
        </div>
        <p aria-live="polite" className="text-body-sm text-muted-foreground">
          {filtered ? `Showing ${visible.length} of ${documents.length}` : `${documents.length} ${documents.length === 1 ? "item" : "items"}, newest first`}
        </p>

        {visible.length === 0 ? (
          <EmptyState
            icon={SearchX}
            title="Nothing matches"
            headingLevel={3}
            action={
              <Button
                variant="outline"
                onClick={() => {
                  setCategory("all");
                  setSearch("");
                }}
              >
                Show everything
              </Button>
            }
          >
            <p>{noMatchText(search.trim(), category)}</p>
          </EmptyState>
        ) : (
          <ul className="space-y-3">
            {visible.map((document) => (
              <li key={document.id}>
                <DocumentRow
                  document={document}
                  href={`${base}/${document.id}`}
                  locale={locale}
                  onToggle={(enabled) => setEnabled.mutate({ document, enabled })}
                  onRetry={() => reindex.mutate(document)}
                  retrying={reindex.isPending && reindex.variables?.id === document.id}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
