"use client";

import { ArrowLeft, Mail, RefreshCw } from "lucide-react";
import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { z } from "zod";
import { dateFormatter, formatDate } from "@/components/format/dates";
import { Badge, type BadgeProps } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { FormError } from "@/components/ui/form-error";
import { Skeleton } from "@/components/ui/skeleton";
import { LinkifiedText } from "./linkified-text";

export const emailSchema = z.object({
  id: z.string(),
  kind: z.string(),
  toEmail: z.string(),
  subject: z.string(),
  bodyText: z.string(),
  status: z.string(),
  createdAt: z.string(),
  businessId: z.string().nullable().optional(),
});
export type Email = z.infer<typeof emailSchema>;
export const emailListSchema = z.object({ emails: z.array(emailSchema) });

function statusVariant(status: string): BadgeProps["variant"] {
  if (status === "sent" || status === "delivered") return "success";
  if (status === "failed" || status === "bounced") return "danger";
  if (status === "pending" || status === "queued") return "warning";
  return "neutral";
}

function humanize(value: string): string {
  const spaced = value.replaceAll(/[_-]+/g, " ").trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

const noopSubscribe = () => () => {};

/**
 * A list of emails and a reading pane. On phones the reader replaces the list (with a way back);
 * from 1024px they sit side by side.
 */
export function EmailBrowser({
  emails,
  isLoading,
  error,
  onRefresh,
  isRefreshing,
  empty,
  timeZone,
  locale,
}: {
  emails: Email[] | undefined;
  isLoading: boolean;
  error: string | null;
  onRefresh: () => void;
  isRefreshing: boolean;
  empty: ReactNode;
  timeZone?: string;
  locale?: string | null;
}) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const readerHeadingRef = useRef<HTMLHeadingElement>(null);
  // Move focus to the opened email so keyboard and screen-reader users land on what they chose.
  useEffect(() => {
    if (selectedId) readerHeadingRef.current?.focus();
  }, [selectedId]);
  const origin = useSyncExternalStore(noopSubscribe, () => window.location.origin, () => "");
  const sorted = [...(emails ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const selected = sorted.find((email) => email.id === selectedId) ?? null;
  const short = dateFormatter({ dateStyle: "medium", timeStyle: "short" }, locale, timeZone);

  if (isLoading) {
    return (
      <div role="status" aria-label="Loading emails" className="space-y-2">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-20 w-full rounded-xl" />
        ))}
      </div>
    );
  }

  if (error) {
    return (
      <div className="space-y-3">
        <FormError message={error} />
        <Button variant="outline" onClick={onRefresh} loading={isRefreshing}>
          Try again
        </Button>
      </div>
    );
  }

  if (sorted.length === 0) {
    return (
      <EmptyState
        icon={Mail}
        title="No emails yet"
        action={
          <Button variant="outline" onClick={onRefresh} loading={isRefreshing}>
            {isRefreshing ? null : <RefreshCw aria-hidden="true" />}
            Check again
          </Button>
        }
      >
        {empty}
      </EmptyState>
    );
  }

  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
      <section aria-labelledby="email-list-heading" className={cn(selected && "hidden lg:block")}>
        <div className="mb-2 flex items-center justify-between gap-2">
          <h2 id="email-list-heading" className="text-body-sm font-medium text-muted-foreground">
            {sorted.length === 1 ? "1 email" : `${sorted.length} emails`}, newest first
          </h2>
          <Button variant="ghost" size="sm" onClick={onRefresh} loading={isRefreshing}>
            {isRefreshing ? null : <RefreshCw aria-hidden="true" />}
            Refresh
          </Button>
        </div>
        <ul className="space-y-2">
          {sorted.map((email) => {
            const active = email.id === selectedId;
            return (
              <li key={email.id}>
                <button
                  type="button"
                  aria-current={active ? "true" : undefined}
                  onClick={() => setSelectedId(email.id)}
                  className={cn(
                    "w-full rounded-xl border bg-surface p-4 text-left transition-all duration-150 ease-out hover:shadow-base",
                    active ? "border-primary shadow-base" : "border-border",
                  )}
                >
                  <span className="flex items-start justify-between gap-2">
                    <span className="line-clamp-2 font-medium text-heading">{email.subject || "(no subject)"}</span>
                    <Badge variant={statusVariant(email.status)} className="shrink-0">
                      {humanize(email.status)}
                    </Badge>
                  </span>
                  <span className="mt-1 block truncate text-body-sm text-muted-foreground">To {email.toEmail}</span>
                  <span className="mt-1 block text-caption font-normal text-muted-foreground">
                    {humanize(email.kind)} · <time dateTime={email.createdAt}>{formatDate(email.createdAt, short)}</time>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      </section>

      <section
        aria-label="Email"
        className={cn("min-w-0 rounded-xl border border-border bg-surface", !selected && "hidden lg:flex lg:items-center lg:justify-center")}
      >
        {selected ? (
          <article className="p-5 sm:p-6">
            <Button variant="ghost" size="sm" className="mb-4 -ml-2 lg:hidden" onClick={() => setSelectedId(null)}>
              <ArrowLeft aria-hidden="true" />
              All emails
            </Button>
            <h2 ref={readerHeadingRef} tabIndex={-1} className="text-h4 break-words text-heading focus:outline-none">{selected.subject || "(no subject)"}</h2>
            <dl className="mt-3 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-body-sm">
              <dt className="text-muted-foreground">To</dt>
              <dd className="break-all text-foreground">{selected.toEmail}</dd>
              <dt className="text-muted-foreground">Sent</dt>
              <dd className="text-foreground">
                <time dateTime={selected.createdAt}>{formatDate(selected.createdAt, short)}</time>
              </dd>
              <dt className="text-muted-foreground">Type</dt>
              <dd className="text-foreground">{humanize(selected.kind)}</dd>
              <dt className="text-muted-foreground">Status</dt>
              <dd>
                <Badge variant={statusVariant(selected.status)}>{humanize(selected.status)}</Badge>
              </dd>
            </dl>
            <div className="mt-5 border-t border-border pt-5 text-body break-words whitespace-pre-wrap text-foreground">
              <LinkifiedText text={selected.bodyText} sameOrigin={origin || undefined} />
            </div>
          </article>
        ) : (
          <p className="p-6 text-body-sm text-muted-foreground">Choose an email to read it.</p>
        )}
      </section>
    </div>
  );
}
