"use client";

import { useSelectedLayoutSegment } from "next/navigation";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { ConversationList } from "./conversation-list";
import { InboxFormatProvider } from "./inbox-context";
import { useInboxCounts } from "./queries";

/**
 * The inbox frame. Desktop: the list on the left and the open conversation beside it, both filling the screen
 * (each scrolls on its own). Phone: the list, or the open conversation, one at a time.
 * It is a layout, so the list (its scroll position, its loaded pages) stays put while conversations change.
 */
export function InboxShell({ businessId, locale, timeZone, children }: { businessId: string; locale: string; timeZone: string; children: ReactNode }) {
  const conversationId = useSelectedLayoutSegment();
  const open = conversationId !== null;
  const counts = useInboxCounts(businessId);
  const unread = counts.data?.unread ?? 0;

  return (
    <InboxFormatProvider locale={locale} timeZone={timeZone}>
      {/* Sized to the space between the header and the phone's bottom bar (desktop: the window's bottom edge),
          eating part of the page's bottom padding so nothing scrolls but the list and the thread. */}
      <div className="-mb-12 flex h-[calc(100dvh-9.5rem-env(safe-area-inset-bottom))] min-h-96 flex-col lg:-mb-8 lg:h-[calc(100dvh-7rem)]">
        <div className={cn("mb-3 flex items-baseline gap-3", open && "sr-only lg:not-sr-only lg:flex")}>
          <h1 className="text-h3 text-heading">Inbox</h1>
          {unread > 0 ? <p className="text-body-sm text-muted-foreground">{unread === 1 ? "1 unread conversation" : `${unread} unread conversations`}</p> : null}
        </div>
        <div className="grid min-h-0 flex-1 overflow-hidden rounded-xl border border-border bg-surface lg:grid-cols-[18rem_minmax(0,1fr)] 2xl:grid-cols-[20rem_minmax(0,1fr)]">
          <section aria-label="Conversation list" className={cn("min-h-0 min-w-0 flex-col lg:flex lg:border-r lg:border-border", open ? "hidden" : "flex")}>
            <ConversationList businessId={businessId} selectedId={conversationId} />
          </section>
          <div className={cn("min-h-0 min-w-0 flex-col", open ? "flex" : "hidden lg:flex")}>{children}</div>
        </div>
      </div>
    </InboxFormatProvider>
  );
}
