"use client";

import { ArrowLeft, SearchX, Sparkles } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useEffect, useEffectEvent, useId, useRef, useState } from "react";
import { errorMessage } from "@/components/api/client";
import { Button, buttonVariants } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { FormError } from "@/components/ui/form-error";
import { Skeleton } from "@/components/ui/skeleton";
import { Composer, type ComposerHandle } from "./composer";
import { ContactPanel } from "./contact-panel";
import { ConversationHeader } from "./conversation-header";
import { CopilotPanel } from "./copilot-panel";
import { filtersFromParams, inboxHref } from "./filters";
import { contactName } from "./format";
import { HandoffCard } from "./handoff-card";
import { MessageThread } from "./message-thread";
import { isNotFound, useConversation, useMarkRead, useSendMessage } from "./queries";
import { useMediaQuery } from "./use-media-query";

/** The conversation's shape while it loads (also shown by the route while the page itself is on its way). */
export function ConversationSkeleton() {
  return (
    <div role="status" aria-label="Loading the conversation" className="flex flex-1 flex-col gap-4 p-4">
      <Skeleton className="h-8 w-1/2" />
      <Skeleton className="h-5 w-2/3" />
      <div className="flex-1 space-y-3 pt-4">
        <Skeleton className="h-14 w-3/5" />
        <Skeleton className="ml-auto h-20 w-3/5" />
        <Skeleton className="h-10 w-2/5" />
      </div>
      <Skeleton className="h-24 w-full" />
    </div>
  );
}

/** Tailwind's xl: from here the contact panel and the copilot get a column of their own. */
const WIDE = "(min-width: 80rem)";

/** One conversation: header and actions, handoff context, the thread, the copilot, the composer and the contact. */
export function ConversationView({ businessId, conversationId, currentUserId }: { businessId: string; conversationId: string; currentUserId: string }) {
  const query = useConversation(businessId, conversationId);
  const searchParams = useSearchParams();
  const filters = filtersFromParams(searchParams);
  const backHref = inboxHref(businessId, filters);
  const wide = useMediaQuery(WIDE);
  // Small screens: the contact or the copilot slides over the thread (one at a time), the composer stays in view.
  const [drawer, setDrawer] = useState<"contact" | "copilot" | null>(null);
  const toggle = (which: "contact" | "copilot") => setDrawer((open) => (open === which ? null : which));
  const contactPanelId = useId();
  const copilotRegionId = useId();
  const composerRef = useRef<ComposerHandle>(null);
  const send = useSendMessage(businessId, conversationId);
  const markRead = useMarkRead(businessId, conversationId);

  const detail = query.data;
  const lastMessageId = detail?.messages.at(-1)?.id ?? null;

  // Read on open, and again whenever something new arrives while the conversation is on screen.
  const readFor = useRef<string | null>(null);
  const markIfVisible = useEffectEvent(() => {
    if (!detail || document.visibilityState !== "visible") return;
    const key = lastMessageId ?? "empty";
    if (readFor.current === key) return;
    readFor.current = key;
    // A failed attempt is tried again with the next message or the next return to the tab.
    markRead.mutate(undefined, { onError: () => (readFor.current = null) });
  });
  useEffect(() => {
    markIfVisible();
  }, [lastMessageId, detail]);
  useEffect(() => {
    const onVisible = () => markIfVisible();
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, []);

  if (query.isPending) return <ConversationSkeleton />;

  if (query.isError) {
    return (
      <div className="flex flex-1 flex-col p-4">
        <Link href={backHref} className={buttonVariants({ variant: "ghost", size: "sm", className: "-ml-2 self-start lg:hidden" })}>
          <ArrowLeft aria-hidden="true" />
          Inbox
        </Link>
        {isNotFound(query.error) ? (
          <EmptyState icon={SearchX} title="This conversation is not here" className="mt-4 border-0">
            <p>It may have been deleted, or the link belongs to another business.</p>
          </EmptyState>
        ) : (
          <div className="mt-4 space-y-3">
            <h2 className="text-h4 text-heading">Could not open this conversation</h2>
            <FormError message={errorMessage(query.error)} />
            <Button variant="outline" onClick={() => void query.refetch()} loading={query.isFetching}>
              Try again
            </Button>
          </div>
        )}
      </div>
    );
  }

  const { conversation, contact } = query.data;
  const name = contactName(contact);
  const conversationHref = (id: string) => inboxHref(businessId, filters, id);
  const sendMessage = (input: Parameters<typeof send.mutateAsync>[0]) => send.mutateAsync(input);

  const copilot = (
    <CopilotPanel
      businessId={businessId}
      conversationId={conversationId}
      lastMessageId={lastMessageId}
      onEdit={(text) => {
        composerRef.current?.editReply(text);
        // On a small screen the suggestions make way for the thread once one is being edited.
        if (!wide) setDrawer(null);
      }}
      onSend={async (text) => {
        await sendMessage({ kind: "reply", text, mentions: [] });
      }}
    />
  );

  return (
    <div className="flex min-h-0 flex-1">
      <div className="flex min-h-0 min-w-0 flex-1 flex-col">
        <ConversationHeader
          businessId={businessId}
          conversation={conversation}
          name={name}
          currentUserId={currentUserId}
          backHref={backHref}
          contactOpen={drawer === "contact"}
          contactPanelId={contactPanelId}
          onToggleContact={() => toggle("contact")}
        />
        <div className="relative flex min-h-0 flex-1 flex-col">
          {!wide && conversation.status !== "ai" && conversation.status !== "resolved" ? (
            <HandoffCard conversation={conversation} placement="bar" className="border-b border-border" />
          ) : null}
          <MessageThread businessId={businessId} messages={query.data.messages} customerName={name} currentUserId={currentUserId} />
          {!wide ? (
            <>
              <div id={contactPanelId} hidden={drawer !== "contact"} className="absolute inset-0 z-10 overflow-y-auto bg-surface">
                {drawer === "contact" ? <ContactPanel detail={query.data} conversationHref={conversationHref} /> : null}
              </div>
              <div id={copilotRegionId} hidden={drawer !== "copilot"} className="absolute inset-0 z-10 overflow-y-auto bg-surface p-3">
                {drawer === "copilot" ? copilot : null}
              </div>
            </>
          ) : null}
        </div>
        <Composer
          ref={composerRef}
          businessId={businessId}
          conversation={conversation}
          currentUserId={currentUserId}
          customerName={name}
          onSend={sendMessage}
          toolbar={
            wide ? null : (
              <Button
                variant="ghost"
                size="sm"
                className={cn("ml-auto h-9 px-3", drawer === "copilot" && "bg-secondary")}
                aria-expanded={drawer === "copilot"}
                aria-controls={copilotRegionId}
                onClick={() => toggle("copilot")}
              >
                <Sparkles aria-hidden="true" />
                Suggestions
              </Button>
            )
          }
        />
      </div>
      {wide ? (
        <aside aria-label="Handoff, copilot and contact" className="w-64 shrink-0 overflow-y-auto border-l border-border 2xl:w-80">
          {conversation.status !== "ai" && conversation.status !== "resolved" ? (
            <HandoffCard conversation={conversation} placement="panel" className="border-b border-border" />
          ) : null}
          <div className="p-3">{copilot}</div>
          <div className="border-t border-border">
            <ContactPanel detail={query.data} conversationHref={conversationHref} />
          </div>
        </aside>
      ) : null}
    </div>
  );
}
