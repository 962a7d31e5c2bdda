"use client";

import { ChevronDown, Hand } from "lucide-react";
import { useState } from "react";
import { cn } from "@/components/ui/cn";
import type { ConversationState } from "@/lib/inbox/api";
import { WaitingBadge } from "./bits";
import { DEFAULT_SLA_MS, formatWaiting, handoffReasonText } from "./format";
import { useNow } from "./use-now";

/**
 * What the assistant handed over: why, what the customer wants, what is known and what is still missing, and how
 * long the customer has waited. The first line always shows; the details fold (closed by default where space is short).
 */
export function HandoffCard({ conversation, placement, className }: { conversation: ConversationState; placement: "bar" | "panel"; className?: string }) {
  // A bar above the thread (small screens) starts folded and scrolls inside; a side panel has the room to show it all.
  const bar = placement === "bar";
  const [open, setOpen] = useState(!bar);
  const now = useNow();
  const context = conversation.handoffContext;
  const reason = context?.reason || conversation.handoffReason;
  if (!reason && !context) return null;
  const reasonText = reason ? handoffReasonText(reason) : "The assistant asked for a person";

  const since = conversation.handedOffAt;
  const answeredAt = conversation.firstResponseAt ?? conversation.takenOverAt;
  const dueAt = conversation.slaDueAt
    ? new Date(conversation.slaDueAt).getTime()
    : since
      ? new Date(since).getTime() + DEFAULT_SLA_MS
      : Number.POSITIVE_INFINITY;

  return (
    <section aria-label="Handoff" className={cn("bg-warning-soft/60", className)}>
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen((value) => !value)}
        className="flex w-full items-start gap-2 px-3 py-2.5 text-left focus-visible:-outline-offset-2 sm:px-4"
      >
        <Hand className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden="true" />
        {/* Folded, the reason rides on this one line; open, it heads the details below. */}
        <span className="min-w-0 flex-1 truncate text-body-sm">
          <span className="font-semibold text-heading">{open ? "Handed over" : "Handed over: "}</span>
          {open ? null : <span className="text-foreground">{reasonText}</span>}
        </span>
        {since && !answeredAt && conversation.status === "needs_human" ? <WaitingBadge since={since} now={now} dueAt={dueAt} /> : null}
        <ChevronDown className={cn("mt-0.5 size-4 shrink-0 text-muted-foreground transition-transform", open && "rotate-180")} aria-hidden="true" />
      </button>
      {open ? (
        <div tabIndex={bar ? 0 : undefined} className={cn("space-y-3 px-3 pb-3 text-body-sm sm:px-4", bar && "max-h-[40vh] overflow-y-auto")}>
          <p className="font-medium text-heading">{reasonText}</p>
          {context?.summary ? <p className="text-foreground">{context.summary}</p> : null}
          {since && answeredAt ? (
            <p className="text-muted-foreground">
              {`Answered after ${formatWaiting(new Date(answeredAt).getTime() - new Date(since).getTime())}.`}
            </p>
          ) : null}
          {context?.intent ? (
            <p>
              <span className="font-medium text-heading">Wants: </span>
              {context.intent}
            </p>
          ) : null}
          {context && context.known.length > 0 ? (
            <div>
              <h3 className="font-medium text-heading">What we know</h3>
              <dl className="mt-1 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5">
                {context.known.map((fact) => (
                  <div key={fact.label} className="contents">
                    <dt className="text-muted-foreground">{fact.label}</dt>
                    <dd className="break-words text-foreground">{fact.value}</dd>
                  </div>
                ))}
              </dl>
            </div>
          ) : null}
          {context && context.missing.length > 0 ? (
            <div>
              <h3 className="font-medium text-heading">Still missing</h3>
              <ul className="mt-1 list-disc space-y-0.5 pl-5 text-foreground">
                {context.missing.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
