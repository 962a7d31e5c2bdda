"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { BookOpen, Pencil, RefreshCw, Send, Sparkles, X } from "lucide-react";
import { useId, useState } from "react";
import { ApiRequestError, apiRequest, errorMessage, noContent } from "@/components/api/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Skeleton } from "@/components/ui/skeleton";
import {
  COPILOT_GOAL_LABELS,
  copilotQueryKey,
  copilotResultSchema,
  type CopilotResult,
  type CopilotSuggestion,
  type SuggestionOutcome,
} from "@/lib/copilot/api";

export type CopilotPanelProps = {
  businessId: string;
  conversationId: string;
  /** The newest message's id: new suggestions are asked for per state of the conversation. */
  lastMessageId: string | null;
  /** Puts the suggestion in the composer for the staff member to change and send. */
  onEdit(text: string, usageId: string): void;
  /** Sends the suggestion as the staff member's reply; rejects when it was not sent. */
  onSend(text: string, usageId: string): Promise<void>;
};

/**
 * The AI copilot beside a conversation: on request, a summary, the customer's goal with what is still missing, and two
 * replies grounded in the knowledge base. Nothing is generated until staff ask (each set costs tokens and is logged),
 * and what they do with a set (sent as written, edited, dismissed) is recorded for the owner's statistics.
 */
export function CopilotPanel({ businessId, conversationId, lastMessageId, onEdit, onSend }: CopilotPanelProps) {
  const headingId = useId();
  const query = useQuery({
    queryKey: copilotQueryKey(businessId, conversationId, lastMessageId),
    queryFn: ({ signal }) =>
      apiRequest(`/api/businesses/${businessId}/conversations/${conversationId}/copilot`, copilotResultSchema, { method: "POST", signal }),
    // Only on request (the button): every run is a model call, billed and logged, so nothing refetches by itself.
    enabled: false,
    staleTime: Infinity,
    gcTime: 30 * 60_000,
    retry: false,
  });
  const ask = () => void query.refetch();
  const announce = query.isFetching ? "Preparing reply suggestions…" : query.isError ? "" : query.data ? "Two reply suggestions are ready." : "";

  return (
    <section aria-labelledby={headingId} className="space-y-3 rounded-xl border border-border bg-surface p-4">
      <div className="flex items-center justify-between gap-2">
        <h2 id={headingId} className="flex items-center gap-2 text-body font-medium text-heading">
          <Sparkles className="size-4 text-primary" aria-hidden="true" />
          Copilot
        </h2>
        {query.data && !query.isFetching ? (
          <Button variant="ghost" size="icon-sm" onClick={ask} aria-label="Refresh reply suggestions" title="Refresh suggestions">
            <RefreshCw aria-hidden="true" />
          </Button>
        ) : null}
      </div>
      <p aria-live="polite" className="sr-only">
        {announce}
      </p>

      {query.isFetching ? (
        <div className="space-y-3" aria-hidden="true">
          <Skeleton className="h-12 w-full" />
          <Skeleton className="h-6 w-2/3" />
          <Skeleton className="h-24 w-full" />
          <Skeleton className="h-24 w-full" />
        </div>
      ) : query.isError ? (
        <div className="space-y-3">
          <FormError message={copilotErrorMessage(query.error)} />
          <Button variant="outline" size="sm" onClick={ask}>
            <RefreshCw aria-hidden="true" />
            Try again
          </Button>
        </div>
      ) : query.data ? (
        <SuggestionSet key={query.data.usageId} businessId={businessId} conversationId={conversationId} result={query.data} onEdit={onEdit} onSend={onSend} />
      ) : (
        <div className="space-y-3">
          <p className="text-body-sm text-muted-foreground">A summary, what is still missing, and two replies from your knowledge base.</p>
          <Button variant="outline" size="sm" onClick={ask}>
            <Sparkles aria-hidden="true" />
            Suggest replies
          </Button>
        </div>
      )}
    </section>
  );
}

function copilotErrorMessage(error: unknown): string {
  if (error instanceof ApiRequestError && error.code === "budget_exhausted") return error.message;
  return errorMessage(error);
}

type CardState = "open" | "sending" | "sent" | "editing" | "dismissed";

function SuggestionSet({
  businessId,
  conversationId,
  result,
  onEdit,
  onSend,
}: {
  businessId: string;
  conversationId: string;
  result: CopilotResult;
  onEdit: CopilotPanelProps["onEdit"];
  onSend: CopilotPanelProps["onSend"];
}) {
  const [states, setStates] = useState<CardState[]>(() => result.suggestions.map(() => "open"));
  const [recorded, setRecorded] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const outcome = useMutation({
    mutationFn: (value: SuggestionOutcome) =>
      apiRequest(`/api/businesses/${businessId}/conversations/${conversationId}/copilot/outcome`, noContent, {
        method: "POST",
        body: { usageId: result.usageId, outcome: value },
      }).catch((error: unknown) => {
        // One outcome per suggestion set: a second tab (or a second card) that got there first already recorded it.
        if (error instanceof ApiRequestError && error.status === 409) return;
        throw error;
      }),
  });

  // A set's outcome is the first thing staff decide for it: sending or editing a card, or dismissing every card.
  const record = (value: SuggestionOutcome) => {
    if (recorded) return;
    setRecorded(true);
    outcome.mutate(value);
  };
  const setState = (index: number, state: CardState) => setStates((current) => current.map((s, i) => (i === index ? state : s)));

  async function send(index: number, suggestion: CopilotSuggestion) {
    setSendError(null);
    setState(index, "sending");
    try {
      await onSend(suggestion.text, result.usageId);
      setState(index, "sent");
      record("sent");
    } catch (error) {
      setState(index, "open");
      setSendError(errorMessage(error));
    }
  }

  function edit(index: number, suggestion: CopilotSuggestion) {
    onEdit(suggestion.text, result.usageId);
    setState(index, "editing");
    record("edited");
  }

  function dismiss(index: number) {
    const next = states.map((s, i) => (i === index ? "dismissed" : s));
    setStates(next);
    if (next.every((s) => s === "dismissed")) record("dismissed");
  }

  const visible = result.suggestions.map((suggestion, index) => ({ suggestion, index })).filter(({ index }) => states[index] !== "dismissed");
  const busy = states.includes("sending");

  return (
    <div className="space-y-4">
      <p className="text-body-sm text-foreground">{result.summary}</p>
      <div className="space-y-2">
        <div className="flex flex-wrap items-center gap-1.5">
          <Badge variant="info">{COPILOT_GOAL_LABELS[result.goal]}</Badge>
          {result.missing.map((item) => (
            <Badge key={item} variant="warning">
              <span className="sr-only">Missing: </span>
              {item}
            </Badge>
          ))}
        </div>
        {result.missing.length > 0 ? <p className="text-caption text-muted-foreground">Still missing: {result.missing.join(", ")}</p> : null}
        {result.known.length > 0 ? (
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-caption">
            {result.known.map((fact) => (
              <div key={`${fact.label}:${fact.value}`} className="contents">
                <dt className="text-muted-foreground">{fact.label}</dt>
                <dd className="break-words text-foreground">{fact.value}</dd>
              </div>
            ))}
          </dl>
        ) : null}
      </div>

      <FormError message={sendError} />
      {visible.length === 0 ? (
        <p className="text-body-sm text-muted-foreground">Suggestions dismissed. Refresh for new ones.</p>
      ) : (
        <ul className="space-y-3" aria-label="Suggested replies">
          {visible.map(({ suggestion, index }) => (
            <SuggestionCard
              key={index}
              number={index + 1}
              suggestion={suggestion}
              state={states[index] ?? "open"}
              disabled={busy}
              onSend={() => void send(index, suggestion)}
              onEdit={() => edit(index, suggestion)}
              onDismiss={() => dismiss(index)}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function SuggestionCard({
  number,
  suggestion,
  state,
  disabled,
  onSend,
  onEdit,
  onDismiss,
}: {
  number: number;
  suggestion: CopilotSuggestion;
  state: CardState;
  disabled: boolean;
  onSend(): void;
  onEdit(): void;
  onDismiss(): void;
}) {
  const label = `suggestion ${number}`;
  const done = state === "sent";
  return (
    <li className="space-y-2 rounded-lg border border-border bg-background p-3">
      <p className="text-body-sm whitespace-pre-wrap text-foreground">{suggestion.text}</p>
      {suggestion.sources.length > 0 ? (
        <p className="flex items-start gap-1 text-caption text-muted-foreground">
          <BookOpen className="mt-0.5 size-3.5 shrink-0" aria-hidden="true" />
          <span>
            <span className="sr-only">Sources: </span>
            {suggestion.sources.map((s) => s.title).join(" · ")}
          </span>
        </p>
      ) : null}
      {done ? (
        <p className="text-caption text-success">Sent</p>
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button size="sm" onClick={onSend} loading={state === "sending"} disabled={disabled} aria-label={`Send ${label}`}>
            {state === "sending" ? null : <Send aria-hidden="true" />}
            Send
          </Button>
          <Button size="sm" variant="outline" onClick={onEdit} disabled={disabled} aria-label={`Edit ${label} in the composer`}>
            <Pencil aria-hidden="true" />
            {state === "editing" ? "In composer" : "Edit"}
          </Button>
          <Button size="sm" variant="ghost" onClick={onDismiss} disabled={disabled} aria-label={`Dismiss ${label}`}>
            <X aria-hidden="true" />
            Dismiss
          </Button>
        </div>
      )}
    </li>
  );
}
