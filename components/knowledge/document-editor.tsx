"use client";

import { errorMessage } from "@/components/api/client";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Skeleton } from "@/components/ui/skeleton";
import { ArticleEditor } from "./article-editor";
import { FaqEditor } from "./faq-editor";
import { useKnowledgeDocument } from "./queries";

/** Loads an item and opens the editor that fits it: questions and answers for an FAQ, text for everything else. */
export function DocumentEditor({ businessId, documentId }: { businessId: string; documentId: string }) {
  const query = useKnowledgeDocument(businessId, documentId);

  if (query.isPending) {
    return (
      <div role="status" aria-label="Loading" className="space-y-4">
        <Skeleton className="h-32 w-full rounded-xl" />
        <Skeleton className="h-72 w-full rounded-xl" />
      </div>
    );
  }
  if (query.isError) {
    return (
      <div className="space-y-3">
        <FormError message={`Could not load this item. ${errorMessage(query.error)}`} />
        <Button variant="outline" onClick={() => void query.refetch()} loading={query.isFetching}>
          Try again
        </Button>
      </div>
    );
  }
  // Keyed by id so the form starts from the stored item, not from a poll that lands while someone is typing.
  return query.data.kind === "faq" ? (
    <FaqEditor key={query.data.id} businessId={businessId} document={query.data} />
  ) : (
    <ArticleEditor key={query.data.id} businessId={businessId} document={query.data} />
  );
}
