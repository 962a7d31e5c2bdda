"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { Bot, CircleCheck, Hand, Inbox, MoonStar, SearchX, UserRound, Users, type LucideIcon } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useRef, type KeyboardEvent } from "react";
import { errorMessage } from "@/components/api/client";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FormError } from "@/components/ui/form-error";
import { Skeleton } from "@/components/ui/skeleton";
import type { ConversationListItem, InboxView } from "@/lib/inbox/api";
import { ConversationRow } from "./conversation-row";
import { filtersFromParams, filtersToSearch, inboxHref, type InboxFilters } from "./filters";
import { FilterBar, ViewTabs } from "./list-filters";
import { useConversationList, useInboxCounts, useTeams } from "./queries";
import { useNow } from "./use-now";

const EMPTY: Record<InboxView, { icon: LucideIcon; title: string; body: string }> = {
  all: {
    icon: Inbox,
    title: "No open conversations",
    body: "When customers write in from your website chat or a connected channel, their conversations appear here.",
  },
  needs_human: {
    icon: Hand,
    title: "Nothing needs a person right now",
    body: "When the assistant hands a conversation over, it appears here and your team is alerted.",
  },
  mine: { icon: UserRound, title: "Nothing is assigned to you", body: "Conversations you take over or are assigned to show up here." },
  unassigned: { icon: Users, title: "Every open conversation has someone on it", body: "Nothing is waiting for an owner." },
  ai: { icon: Bot, title: "The assistant is not handling anything", body: "Conversations it is answering on its own show up here." },
  after_hours: {
    icon: MoonStar,
    title: "No after-hours conversations",
    body: "Conversations that arrive while you are closed wait here for the morning.",
  },
  resolved: { icon: CircleCheck, title: "Nothing resolved yet", body: "Conversations you resolve are kept here." },
};

const ROW_ESTIMATE_PX = 104;
/** Start loading the next page this many rows before the end, so scrolling rarely meets the loader. */
const PREFETCH_ROWS = 15;

/** The live conversation list: views, filters, search, and a virtualised list that stays fast with thousands of rows. */
export function ConversationList({ businessId, selectedId }: { businessId: string; selectedId: string | null }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = useMemo(() => filtersFromParams(searchParams), [searchParams]);
  const list = useConversationList(businessId, filters);
  const counts = useInboxCounts(businessId);
  const teams = useTeams(businessId);
  const now = useNow();
  const scrollRef = useRef<HTMLDivElement>(null);

  const items = useMemo(() => {
    // Cursor pages over a list that keeps changing can repeat a row; show it once.
    const seen = new Set<string>();
    const out: ConversationListItem[] = [];
    for (const page of list.data?.pages ?? []) {
      for (const item of page.items) {
        if (seen.has(item.id)) continue;
        seen.add(item.id);
        out.push(item);
      }
    }
    return out;
  }, [list.data]);

  const hasMore = Boolean(list.hasNextPage);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is fine without the React Compiler, which this app does not use.
  const virtualizer = useVirtualizer({
    count: items.length + (hasMore ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE_PX,
    overscan: 8,
    getItemKey: (index) => items[index]?.id ?? "load-more",
  });
  const virtualItems = virtualizer.getVirtualItems();
  const lastVisible = virtualItems.at(-1)?.index ?? -1;

  const { fetchNextPage, isFetchingNextPage, isFetchNextPageError } = list;
  useEffect(() => {
    if (hasMore && !isFetchingNextPage && !isFetchNextPageError && lastVisible >= items.length - PREFETCH_ROWS) void fetchNextPage();
  }, [hasMore, isFetchingNextPage, isFetchNextPageError, lastVisible, items.length, fetchNextPage]);

  const filterKey = filtersToSearch(filters);
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [filterKey]);

  const setFilters = (next: InboxFilters) => router.replace(`${pathname}${filtersToSearch(next)}`, { scroll: false });

  function focusRow(index: number, attempts = 6) {
    requestAnimationFrame(() => {
      const link = scrollRef.current?.querySelector<HTMLAnchorElement>(`[data-index="${index}"] a`);
      if (link) link.focus();
      else if (attempts > 0) focusRow(index, attempts - 1);
    });
  }

  const onRowKeyDown = (index: number) => (event: KeyboardEvent<HTMLAnchorElement>) => {
    const last = items.length - 1;
    const next =
      event.key === "ArrowDown" ? Math.min(index + 1, last) : event.key === "ArrowUp" ? Math.max(index - 1, 0) : event.key === "Home" ? 0 : event.key === "End" ? last : null;
    if (next === null || next === index) return;
    event.preventDefault();
    virtualizer.scrollToIndex(next, { align: "auto" });
    focusRow(next);
  };

  const filtered = Boolean(filters.q || filters.channel || filters.team);
  const empty = EMPTY[filters.view];

  return (
    <div className="flex h-full min-h-0 flex-col">
      <ViewTabs path={pathname} filters={filters} counts={counts.data} />
      <FilterBar filters={filters} teams={teams.data} teamsFailed={teams.isError} onChange={setFilters} />
      <p role="status" className="sr-only">
        {list.isPending
          ? "Loading conversations"
          : list.isSuccess
            ? `${items.length}${hasMore ? " or more" : ""} ${items.length === 1 ? "conversation" : "conversations"}`
            : ""}
      </p>

      {list.isPending ? (
        <div aria-hidden="true" className="space-y-px border-t border-border">
          {[0, 1, 2, 3, 4, 5].map((i) => (
            <div key={i} className="space-y-2 px-4 py-3">
              <Skeleton className="h-4 w-2/3" />
              <Skeleton className="h-3.5 w-full" />
              <Skeleton className="h-5 w-28 rounded-full" />
            </div>
          ))}
        </div>
      ) : list.isError && items.length === 0 ? (
        <div className="space-y-3 p-4">
          <FormError message={`Could not load conversations. ${errorMessage(list.error)}`} />
          <Button variant="outline" size="sm" onClick={() => void list.refetch()} loading={list.isFetching}>
            Try again
          </Button>
        </div>
      ) : items.length === 0 ? (
        <div className="overflow-y-auto p-3">
          {filtered ? (
            <EmptyState
              icon={SearchX}
              title="No conversation matches"
              headingLevel={3}
              className="border-0 px-2"
              action={
                <Button variant="outline" size="sm" onClick={() => setFilters({ view: filters.view })}>
                  Clear search and filters
                </Button>
              }
            >
              <p>{filters.q ? `Nothing in this view mentions “${filters.q}”.` : "Nothing in this view matches the filters."}</p>
            </EmptyState>
          ) : (
            <EmptyState icon={empty.icon} title={empty.title} headingLevel={3} className="border-0 px-2">
              <p>{empty.body}</p>
            </EmptyState>
          )}
        </div>
      ) : (
        <>
          {list.isError ? (
            <div className="flex items-center gap-2 border-b border-border bg-danger-soft px-4 py-2 text-body-sm text-danger" role="alert">
              <span className="flex-1">Could not refresh the list.</span>
              <Button variant="ghost" size="sm" onClick={() => void list.refetch()}>
                Retry
              </Button>
            </div>
          ) : null}
          <div ref={scrollRef} className="min-h-0 flex-1 overflow-y-auto overscroll-contain border-t border-border">
            <ul
              aria-label="Conversations"
              aria-busy={list.isPlaceholderData || undefined}
              className={list.isPlaceholderData ? "opacity-60 transition-opacity" : undefined}
              style={{ height: virtualizer.getTotalSize(), position: "relative" }}
            >
              {virtualItems.map((row) => {
                const item = items[row.index];
                return (
                  <li
                    key={row.key}
                    data-index={row.index}
                    ref={virtualizer.measureElement}
                    aria-setsize={item ? (hasMore ? -1 : items.length) : undefined}
                    aria-posinset={item ? row.index + 1 : undefined}
                    className="absolute top-0 left-0 w-full"
                    style={{ transform: `translateY(${row.start}px)` }}
                  >
                    {item ? (
                      <ConversationRow
                        item={item}
                        href={inboxHref(businessId, filters, item.id)}
                        selected={item.id === selectedId}
                        now={now}
                        onKeyDown={onRowKeyDown(row.index)}
                      />
                    ) : isFetchNextPageError ? (
                      <div className="flex items-center justify-center gap-2 px-4 py-4 text-body-sm text-danger">
                        Could not load more.
                        <Button variant="outline" size="sm" onClick={() => void fetchNextPage()}>
                          Try again
                        </Button>
                      </div>
                    ) : (
                      <p className="px-4 py-4 text-center text-body-sm text-muted-foreground">Loading more conversations…</p>
                    )}
                  </li>
                );
              })}
            </ul>
          </div>
        </>
      )}
    </div>
  );
}
