"use client";

import { Bell, CheckCheck, RotateCw, Settings } from "lucide-react";
import Link from "next/link";
import { errorMessage } from "@/components/api/client";
import { useNow } from "@/components/inbox/use-now";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dropdown } from "@/components/ui/dropdown";
import { Skeleton } from "@/components/ui/skeleton";
import { notificationPath, type NotificationItem } from "@/lib/notifications/api";
import { badgeCount, NotificationTypeIcon, timeAgo } from "./format";
import { unreadOf, useMarkRead, useNotificationList } from "./queries";

/**
 * The header's notification centre: a bell with the unread count, and a panel of the person's notifications in this
 * business. Following one marks it read and opens its conversation.
 */
export function NotificationBell({ businessId }: { businessId: string }) {
  const list = useNotificationList(businessId);
  const markRead = useMarkRead(businessId);
  const unread = unreadOf(list.data);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Dropdown
      align="end"
      buttonLabel={unread > 0 ? `Notifications, ${unread} unread` : "Notifications, none unread"}
      buttonClassName="relative size-11 justify-center rounded-full p-0"
      // On a phone the panel spans the screen under the header (anchored to the bell it would run off the left edge).
      panelClassName="w-[24rem] p-0 max-sm:fixed max-sm:inset-x-2 max-sm:top-16 max-sm:mt-0 max-sm:w-auto max-sm:max-w-none"
      buttonContent={
        <>
          <Bell className="size-5 text-heading" aria-hidden="true" />
          {unread > 0 ? (
            <span
              aria-hidden="true"
              className="absolute top-1 right-1 flex h-5 min-w-5 items-center justify-center rounded-full bg-danger-solid px-1 text-caption font-semibold text-white"
            >
              {badgeCount(unread)}
            </span>
          ) : null}
        </>
      }
    >
      <div className="flex items-center justify-between gap-2 border-b border-border px-4 py-2">
        <h2 className="font-semibold text-heading">Notifications</h2>
        <Button variant="ghost" size="sm" className="px-2" disabled={unread === 0 || markRead.isPending} onClick={() => markRead.mutate({ all: true })}>
          <CheckCheck aria-hidden="true" />
          Mark all read
        </Button>
      </div>

      <div className="max-h-[min(28rem,70dvh)] overflow-y-auto">
        {list.isPending ? (
          <div className="space-y-3 p-4" role="status" aria-label="Loading notifications">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-14 w-full" />
            ))}
          </div>
        ) : list.isError ? (
          <div className="space-y-3 p-4 text-body-sm">
            <p className="text-danger" role="alert">
              {errorMessage(list.error)}
            </p>
            <Button variant="outline" size="sm" onClick={() => void list.refetch()}>
              <RotateCw aria-hidden="true" />
              Try again
            </Button>
          </div>
        ) : items.length === 0 ? (
          <p className="px-4 py-8 text-center text-body-sm text-muted-foreground">You&apos;re all caught up. Handoffs and mentions will appear here.</p>
        ) : (
          <ul className="divide-y divide-border">
            {items.map((item) => (
              <li key={item.id}>
                <NotificationRow
                  businessId={businessId}
                  item={item}
                  onOpen={() => {
                    if (!item.readAt) markRead.mutate({ ids: [item.id] });
                  }}
                />
              </li>
            ))}
          </ul>
        )}
        {list.hasNextPage ? (
          <div className="border-t border-border p-2">
            <Button variant="ghost" size="sm" className="w-full" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
              Show older
            </Button>
          </div>
        ) : null}
      </div>

      <div className="border-t border-border p-2">
        <Link
          href={`/b/${businessId}/settings/notifications`}
          className="flex min-h-11 items-center gap-2 rounded-lg px-2 text-body-sm text-link hover:bg-secondary focus-visible:outline-2 focus-visible:outline-ring"
        >
          <Settings className="size-4" aria-hidden="true" />
          Notification settings
        </Link>
      </div>
    </Dropdown>
  );
}

function NotificationRow({ businessId, item, onOpen }: { businessId: string; item: NotificationItem; onOpen: () => void }) {
  const now = useNow();
  const unread = !item.readAt;
  return (
    <Link
      href={notificationPath(businessId, item.conversationId)}
      onClick={onOpen}
      className={cn(
        "flex gap-3 px-4 py-3 text-left transition-colors duration-150 hover:bg-secondary focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring",
        unread && "bg-info-soft/40",
      )}
    >
      <span className={cn("mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-full", unread ? "bg-primary text-primary-foreground" : "bg-secondary text-heading")}>
        <NotificationTypeIcon type={item.type} className="size-4" />
      </span>
      <span className="min-w-0 flex-1">
        <span className={cn("block truncate text-body-sm", unread ? "font-semibold text-heading" : "text-foreground")}>
          {unread ? <span className="sr-only">Unread: </span> : null}
          {item.title}
        </span>
        {item.body ? <span className="line-clamp-2 text-body-sm text-muted-foreground">{item.body}</span> : null}
        <time dateTime={item.createdAt} className="block text-caption text-muted-foreground">
          {timeAgo(item.createdAt, now)}
        </time>
      </span>
      {unread ? <span aria-hidden="true" className="mt-2 size-2 shrink-0 rounded-full bg-primary" /> : null}
    </Link>
  );
}
