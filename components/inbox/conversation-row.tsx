"use client";

import Link from "next/link";
import type { KeyboardEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { ConversationListItem } from "@/lib/inbox/api";
import { ChannelIcon, PersonAvatar, PriorityBadge, StatusBadge, WaitingBadge } from "./bits";
import { contactName, DEFAULT_SLA_MS, previewPrefix } from "./format";
import { useInboxFormat } from "./inbox-context";

/** One conversation in the list: a single link, so Tab reaches each row once and Enter opens it. */
export function ConversationRow({
  item,
  href,
  selected,
  now,
  onKeyDown,
}: {
  item: ConversationListItem;
  href: string;
  selected: boolean;
  now: number;
  onKeyDown: (event: KeyboardEvent<HTMLAnchorElement>) => void;
}) {
  const format = useInboxFormat();
  const name = contactName(item.contact);
  const waiting = item.status === "needs_human" && item.waitingSince;
  return (
    <Link
      href={href}
      aria-current={selected ? "page" : undefined}
      onKeyDown={onKeyDown}
      className={cn(
        "relative flex gap-2 border-b border-border px-4 py-3 transition-colors duration-150 focus-visible:-outline-offset-2",
        selected ? "bg-secondary" : "hover:bg-surface-muted",
      )}
    >
      {selected ? <span className="absolute inset-y-0 left-0 w-1 bg-brand-purple" aria-hidden="true" /> : null}
      <span className="flex w-2 shrink-0 justify-center pt-2">
        {item.unread ? (
          <>
            <span className="size-2 rounded-full bg-brand-purple" aria-hidden="true" />
            <span className="sr-only">Unread.</span>
          </>
        ) : null}
      </span>
      <span className="flex min-w-0 flex-1 flex-col gap-1">
        <span className="flex items-center gap-2">
          <span className="text-muted-foreground">
            <ChannelIcon channel={item.channel} />
          </span>
          <span className={cn("min-w-0 flex-1 truncate text-heading", item.unread ? "font-semibold" : "font-medium")}>{name}</span>
          <time
            dateTime={item.lastMessageAt}
            title={format.dateTime(item.lastMessageAt)}
            className={cn("shrink-0 text-caption font-normal", selected ? "text-secondary-foreground" : "text-muted-foreground")}
          >
            {format.listTime(item.lastMessageAt, now)}
          </time>
        </span>
        {/* The muted grey is too faint on the selected row's tint, so the selected row uses the full text colour. */}
        <span className={cn("truncate text-body-sm", item.unread || selected ? "text-foreground" : "text-muted-foreground")}>
          {item.lastMessage ? `${previewPrefix(item.lastMessage.role)}${item.lastMessage.preview}` : "No messages yet"}
        </span>
        <span className="flex min-w-0 items-center gap-1.5">
          <span className="flex min-w-0 flex-1 flex-wrap items-center gap-1.5">
            <StatusBadge status={item.status} />
            <PriorityBadge priority={item.priority} />
            {waiting ? <WaitingBadge since={waiting} now={now} dueAt={new Date(waiting).getTime() + DEFAULT_SLA_MS} /> : null}
            {item.afterHours ? <Badge variant="outline">After hours</Badge> : null}
          </span>
          {item.assignee ? (
            <PersonAvatar name={item.assignee.name} label={`Assigned to ${item.assignee.name}`} />
          ) : item.team ? (
            <span className={cn("max-w-24 shrink-0 truncate text-caption font-normal", selected ? "text-secondary-foreground" : "text-muted-foreground")}>
              <span className="sr-only">Team: </span>
              {item.team.name}
            </span>
          ) : null}
        </span>
      </span>
    </Link>
  );
}
