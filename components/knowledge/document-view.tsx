"use client";

import { FileQuestion, Pencil, RotateCcw, Trash2 } from "lucide-react";
import Link from "next/link";
import { useMemo, useState } from "react";
import { ApiRequestError, errorMessage } from "@/components/api/client";
import { KNOWLEDGE_CATEGORY_LABELS } from "@/lib/knowledge/types";
import { Badge } from "@/components/ui/badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FormError } from "@/components/ui/form-error";
import { Skeleton } from "@/components/ui/skeleton";
import { Switch } from "@/components/ui/switch";
import { isIndexing } from "./api";
import { BackToKnowledge } from "./back-link";
import { ChunkList } from "./chunk-list";
import { DeleteDocumentDialog } from "./delete-document-dialog";
import { DocumentContent } from "./document-content";
import { DocumentMeta } from "./document-meta";
import { StatusBadge, StatusDetail } from "./document-status";
import { KindIcon } from "./kinds";
import { useKnowledgeDocument, useReindex, useSetEnabled } from "./queries";
import { useStatusAnnouncer } from "./use-status-announcer";

/** One knowledge item: its state, its facts, what it says, and the passages the assistant actually searches. */
export function DocumentView({
  businessId,
  documentId,
  canDelete,
  locale,
  timeZone,
}: {
  businessId: string;
  documentId: string;
  canDelete: boolean;
  locale: string | null;
  timeZone: string;
}) {
  const query = useKnowledgeDocument(businessId, documentId);
  const setEnabled = useSetEnabled(businessId);
  const reindex = useReindex(businessId);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const asList = useMemo(() => (query.data ? [query.data] : undefined), [query.data]);
  const announcement = useStatusAnnouncer(asList);

  if (query.isPending) {
    return (
      <div role="status" aria-label="Loading" className="space-y-4">
        <Skeleton className="h-10 w-2/3" />
        <Skeleton className="h-6 w-1/3" />
        <Skeleton className="h-64 w-full rounded-xl" />
      </div>
    );
  }

  if (query.isError) {
    if (query.error instanceof ApiRequestError && query.error.status === 404) {
      return (
        <>
          <BackToKnowledge businessId={businessId} />
          <EmptyState
            icon={FileQuestion}
            title="This item is not here any more"
            action={
              <Link href={`/b/${businessId}/knowledge`} className={buttonVariants({ variant: "outline" })}>
                See all knowledge
              </Link>
            }
          >
            <p>It may have been deleted by someone on your team.</p>
          </EmptyState>
        </>
      );
    }
    return (
      <div className="space-y-3">
        <BackToKnowledge businessId={businessId} />
        <FormError message={`Could not load this item. ${errorMessage(query.error)}`} />
        <Button variant="outline" onClick={() => void query.refetch()} loading={query.isFetching}>
          Try again
        </Button>
      </div>
    );
  }

  const document = query.data;
  const indexing = isIndexing(document);

  return (
    <>
      <BackToKnowledge businessId={businessId} />
      <p role="status" className="sr-only">
        {announcement}
      </p>
      <header className="mb-6 space-y-4">
        <div className="flex items-start gap-3">
          <span className="mt-1 flex size-10 shrink-0 items-center justify-center rounded-lg bg-secondary text-heading" aria-hidden="true">
            <KindIcon document={document} className="size-5" />
          </span>
          <div className="min-w-0 space-y-2">
            <h1 className="text-h3 break-words text-heading sm:text-h2">{document.title}</h1>
            <div className="flex flex-wrap items-center gap-2">
              <StatusBadge document={document} />
              <Badge variant="outline">{KNOWLEDGE_CATEGORY_LABELS[document.category]}</Badge>
            </div>
          </div>
        </div>
        <StatusDetail document={document} onRetry={() => reindex.mutate(document)} retrying={reindex.isPending} />
        <div className="flex flex-wrap items-center gap-2">
          <Link href={`/b/${businessId}/knowledge/${document.id}/edit`} className={buttonVariants({ variant: "outline", size: "sm" })}>
            <Pencil aria-hidden="true" />
            Edit
          </Link>
          {document.status !== "failed" ? (
            <Button variant="outline" size="sm" onClick={() => reindex.mutate(document)} loading={reindex.isPending} disabled={indexing}>
              {reindex.isPending ? null : <RotateCcw aria-hidden="true" />}
              Re-index
            </Button>
          ) : null}
          {canDelete ? (
            <Button variant="outline" size="sm" onClick={() => setConfirmDelete(true)} className="text-danger">
              <Trash2 aria-hidden="true" />
              Delete
            </Button>
          ) : null}
          <div className="ml-auto flex items-center">
            <Switch
              checked={document.enabled}
              onCheckedChange={(enabled) => setEnabled.mutate({ document, enabled })}
              aria-label="Use in answers"
              stateText={["Used in answers", "Not used in answers"]}
            />
          </div>
        </div>
      </header>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="order-2 min-w-0 space-y-6 lg:order-1">
          <Card>
            <CardHeader>
              <CardTitle>Content</CardTitle>
            </CardHeader>
            <CardContent>
              <DocumentContent document={document} />
            </CardContent>
          </Card>

          <section aria-labelledby="chunks-heading" className="space-y-3">
            <div>
              <h2 id="chunks-heading" className="text-h4 text-heading">
                What the assistant reads
              </h2>
              <p className="text-body-sm text-muted-foreground">
                The text is split into passages; when a customer asks something, the assistant searches these and answers
                from the best matches.
              </p>
            </div>
            {document.chunks.length > 0 ? (
              <>
                {document.chunkCount > document.chunks.length ? (
                  <p className="text-body-sm text-muted-foreground">
                    Showing the first {document.chunks.length.toLocaleString()} of {document.chunkCount.toLocaleString()} passages.
                  </p>
                ) : null}
                <ChunkList chunks={document.chunks} />
              </>
            ) : (
              <p className="rounded-xl border border-dashed border-border px-4 py-6 text-center text-body-sm text-muted-foreground">
                {indexing ? "The passages appear here as soon as indexing finishes." : document.status === "failed" ? "No passages: indexing failed. Retry above." : "No passages yet."}
              </p>
            )}
          </section>
        </div>

        <Card className="order-1 self-start lg:order-2">
          <CardHeader>
            <CardTitle>Details</CardTitle>
            {!document.enabled ? <CardDescription>Turned off: kept here, but the assistant does not use it.</CardDescription> : null}
          </CardHeader>
          <CardContent>
            <DocumentMeta document={document} locale={locale} timeZone={timeZone} />
          </CardContent>
        </Card>
      </div>

      {canDelete ? (
        <DeleteDocumentDialog businessId={businessId} document={document} open={confirmDelete} onOpenChange={setConfirmDelete} />
      ) : null}
    </>
  );
}
