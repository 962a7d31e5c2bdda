"use client";

import { ArrowDown, Bot, Check, CheckCheck, CircleAlert, Clock, StickyNote } from "lucide-react";
import Link from "next/link";
import { useLayoutEffect, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { InboxMessage } from "@/lib/inbox/api";
import { useInboxFormat } from "./inbox-context";
import { useNow } from "./use-now";

/** Within this distance of the bottom the thread counts as "at the newest" and follows new messages. */
const FOLLOW_PX = 120;
const ANNOUNCE_CHARS = 160;

type DayGroup = { key: string; first: string; messages: InboxMessage[] };

function byDay(messages: InboxMessage[], dayKey: (iso: string) => string): DayGroup[] {
  const groups: DayGroup[] = [];
  for (const message of messages) {
    const key = dayKey(message.createdAt);
    const last = groups.at(-1);
    if (last && last.key === key) last.messages.push(message);
    else groups.push({ key, first: message.createdAt, messages: [message] });
  }
  return groups;
}

function clip(text: string): string {
  return text.length > ANNOUNCE_CHARS ? `${text.slice(0, ANNOUNCE_CHARS)}…` : text;
}

/** A sentence for screen readers about messages that arrived while the conversation was open (not one's own). */
function announce(added: InboxMessage[], customerName: string, currentUserId: string): string {
  return added
    .filter((m) => m.author?.userId !== currentUserId && m.role !== "system")
    .map((m) => {
      if (m.role === "customer") return `New message from ${customerName}: ${clip(m.content)}`;
      if (m.role === "ai") return `The assistant replied: ${clip(m.content)}`;
      if (m.role === "note") return `${m.author?.name ?? "A teammate"} added a note: ${clip(m.content)}`;
      return `${m.author?.name ?? "A teammate"} replied: ${clip(m.content)}`;
    })
    .join(" ");
}

/** The conversation's messages, grouped by day, following the newest unless the reader has scrolled back. */
export function MessageThread({
  businessId,
  messages,
  customerName,
  currentUserId,
}: {
  businessId: string;
  messages: InboxMessage[];
  customerName: string;
  currentUserId: string;
}) {
  const format = useInboxFormat();
  const now = useNow();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [atBottom, setAtBottom] = useState(true);
  const [previous, setPrevious] = useState(messages);
  const [announcement, setAnnouncement] = useState("");

  if (messages !== previous) {
    setPrevious(messages);
    const known = new Set(previous.map((m) => m.id));
    const text = announce(
      messages.filter((m) => !known.has(m.id)),
      customerName,
      currentUserId,
    );
    if (text) setAnnouncement(text);
  }

  const last = messages.at(-1);
  const lastId = last?.id;
  const lastIsMine = last?.author?.userId === currentUserId;
  const opened = useRef(false);
  // Kept in a ref as well as state: the effect below needs where the reader was before the new message was laid out.
  const following = useRef(true);
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    if (!opened.current) {
      opened.current = true;
      element.scrollTop = element.scrollHeight;
      return;
    }
    // Follow the conversation if the reader was at the newest message, or just sent this one themselves.
    if (lastIsMine || following.current) element.scrollTo({ top: element.scrollHeight, behavior: "smooth" });
  }, [lastId, lastIsMine]);

  const groups = byDay(messages, format.dayKey);

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
      <div
        ref={scrollRef}
        tabIndex={0}
        role="region"
        aria-label="Messages"
        onScroll={(event) => {
          const element = event.currentTarget;
          following.current = element.scrollHeight - element.clientHeight - element.scrollTop < FOLLOW_PX;
          setAtBottom(following.current);
        }}
        className="min-h-0 flex-1 overflow-y-auto overscroll-contain px-3 py-4 focus-visible:-outline-offset-2 sm:px-4"
      >
        {messages.length === 0 ? (
          <p className="py-8 text-center text-body-sm text-muted-foreground">No messages in this conversation yet.</p>
        ) : (
          groups.map((group) => (
            <div key={group.key} className="mb-4">
              <h3 className="my-3 flex justify-center">
                <span className="rounded-full bg-secondary px-3 py-0.5 text-caption text-secondary-foreground">{format.dayLabel(group.first, now)}</span>
              </h3>
              <ol className="space-y-3">
                {group.messages.map((message) => (
                  <li key={message.id}>
                    <MessageItem businessId={businessId} message={message} customerName={customerName} currentUserId={currentUserId} />
                  </li>
                ))}
              </ol>
            </div>
          ))
        )}
      </div>
      {!atBottom ? (
        <Button
          variant="outline"
          size="sm"
          className="absolute bottom-3 left-1/2 -translate-x-1/2 rounded-full shadow-md"
          onClick={() => scrollRef.current?.scrollTo({ top: scrollRef.current.scrollHeight, behavior: "smooth" })}
        >
          <ArrowDown aria-hidden="true" />
          Newest messages
        </Button>
      ) : null}
    </div>
  );
}

const DELIVERY = {
  pending: { icon: Clock, label: "Sending" },
  sent: { icon: Check, label: "Sent" },
  delivered: { icon: CheckCheck, label: "Delivered" },
  read: { icon: CheckCheck, label: "Read" },
  failed: { icon: CircleAlert, label: "Not delivered" },
} as const;

function confidenceBadge(confidence: number) {
  const percent = Math.round(confidence * 100);
  const variant = confidence >= 0.75 ? "success" : confidence >= 0.5 ? "warning" : "danger";
  return (
    <Badge variant={variant} title="How sure the assistant was of this answer">
      {`${percent}% confident`}
    </Badge>
  );
}

function MessageItem({
  businessId,
  message,
  customerName,
  currentUserId,
}: {
  businessId: string;
  message: InboxMessage;
  customerName: string;
  currentUserId: string;
}) {
  const format = useInboxFormat();
  const time = (
    <time dateTime={message.createdAt} title={format.dateTime(message.createdAt)}>
      {format.time(message.createdAt)}
    </time>
  );
  const body = <p className="break-words whitespace-pre-wrap [overflow-wrap:anywhere]">{message.content}</p>;

  if (message.role === "system") {
    return (
      <p className="mx-auto max-w-md text-center text-caption font-normal text-muted-foreground">
        <span className="whitespace-pre-wrap">{message.content}</span> · {time}
      </p>
    );
  }

  if (message.role === "note") {
    return (
      <article aria-label={`Internal note by ${message.author?.name ?? "a teammate"}`} className="rounded-xl border border-dashed border-warning/50 bg-warning-soft px-3 py-2.5 text-body-sm text-foreground">
        <p className="mb-1 flex flex-wrap items-center gap-x-2 text-caption text-warning">
          <StickyNote className="size-3.5" aria-hidden="true" />
          <span className="font-semibold">{message.author?.userId === currentUserId ? "Your note" : `Note by ${message.author?.name ?? "a teammate"}`}</span>
          <span className="font-normal">Only your team sees this</span>
          <span className="ml-auto font-normal">{time}</span>
        </p>
        {body}
        {message.mentions.length > 0 ? (
          <p className="mt-1 text-caption font-normal text-muted-foreground">Mentioned: {message.mentions.map((p) => p.name).join(", ")}</p>
        ) : null}
      </article>
    );
  }

  if (message.role === "customer") {
    return (
      <article aria-label={`${customerName} wrote`} className="flex flex-col items-start">
        <div className="max-w-[85%] rounded-2xl rounded-bl-md border border-border bg-surface-muted px-3.5 py-2 text-body-sm text-foreground">{body}</div>
        <p className="mt-1 px-1 text-caption font-normal text-muted-foreground">
          {customerName} · {time}
        </p>
      </article>
    );
  }

  if (message.role === "ai") {
    return (
      <article aria-label="The assistant replied" className="flex flex-col items-end">
        <div className="max-w-[85%] rounded-2xl rounded-br-md bg-info-soft px-3.5 py-2 text-body-sm text-foreground">
          {body}
          {message.sources.length > 0 ? (
            <div className="mt-2 border-t border-info/20 pt-1.5">
              <h4 className="text-caption text-info">Sources</h4>
              <ol className="mt-0.5 space-y-0.5 text-caption font-normal">
                {message.sources.map((source) => (
                  <li key={`${source.n}-${source.documentId}`} className="flex gap-1">
                    <span className="text-info">[{source.n}]</span>
                    {source.documentId ? (
                      <Link href={`/b/${businessId}/knowledge/${source.documentId}`} className="text-link underline-offset-2 hover:underline">
                        {source.title}
                      </Link>
                    ) : (
                      <span>{source.title}</span>
                    )}
                  </li>
                ))}
              </ol>
            </div>
          ) : null}
        </div>
        <p className="mt-1 flex flex-wrap items-center justify-end gap-x-2 gap-y-1 px-1 text-caption font-normal text-muted-foreground">
          <span className="inline-flex items-center gap-1">
            <Bot className="size-3.5" aria-hidden="true" />
            Assistant
          </span>
          {message.confidence !== null ? confidenceBadge(message.confidence) : null}
          {time}
        </p>
      </article>
    );
  }

  const delivery = DELIVERY[message.deliveryStatus];
  const DeliveryIcon = delivery.icon;
  const mine = message.author?.userId === currentUserId;
  return (
    <article aria-label={`${mine ? "You" : (message.author?.name ?? "Your team")} replied`} className="flex flex-col items-end">
      <div className="max-w-[85%] rounded-2xl rounded-br-md bg-primary px-3.5 py-2 text-body-sm text-primary-foreground">{body}</div>
      <p className="mt-1 flex flex-wrap items-center justify-end gap-x-2 px-1 text-caption font-normal text-muted-foreground">
        <span>{mine ? "You" : (message.author?.name ?? "Your team")}</span>
        {time}
        <span className={cn("inline-flex items-center gap-1", message.deliveryStatus === "failed" && "font-semibold text-danger")}>
          <DeliveryIcon className={cn("size-3.5", message.deliveryStatus === "read" && "text-info")} aria-hidden="true" />
          {delivery.label}
        </span>
      </p>
    </article>
  );
}
