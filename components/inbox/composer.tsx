"use client";

import { Send } from "lucide-react";
import Link from "next/link";
import { useId, useImperativeHandle, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from "react";
import { errorMessage } from "@/components/api/client";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FormError } from "@/components/ui/form-error";
import { Textarea } from "@/components/ui/textarea";
import { MAX_NOTE_CHARS, MAX_REPLY_CHARS, type ConversationState, type SendMessageInput } from "@/lib/inbox/api";
import { memberName, useCannedReplies, useMembers } from "./queries";

export type ComposerKind = SendMessageInput["kind"];
export type ComposerHandle = {
  /** Puts a text into the reply box for editing (a copilot suggestion), replacing what was there. */
  editReply(text: string): void;
};
type Send = (input: { kind: ComposerKind; text: string; mentions: string[] }) => Promise<unknown>;
type Mention = { userId: string; name: string };
type Drafts = Record<ComposerKind, string>;

const LIMITS: Record<ComposerKind, number> = { reply: MAX_REPLY_CHARS, note: MAX_NOTE_CHARS };
/** The counter appears once a text is this close to its limit. */
const COUNTER_FROM = 0.8;
const MAX_OPTIONS = 8;

/** Unsent drafts per conversation, so moving between conversations does not lose what was typed (until a reload). */
const drafts = new Map<string, Drafts>();

/** A "/" or "@" being typed at the caret: at the start, or after a space. */
type Trigger = { char: "/" | "@"; query: string; start: number };

function findTrigger(text: string, caret: number, kind: ComposerKind): Trigger | null {
  const match = /(^|\s)([/@])([^\s/@]{0,40})$/.exec(text.slice(0, caret));
  if (!match) return null;
  const char = match[2] === "@" ? "@" : "/";
  if (char === "@" && kind !== "note") return null;
  return { char, query: (match[3] ?? "").toLocaleLowerCase(), start: caret - (match[3] ?? "").length - 1 };
}

type Option = { id: string; label: string; detail: string; insert: string; mention?: Mention };

/**
 * The reply box: a reply to the customer or an internal note for the team. "/" inserts a canned reply, "@" (in a note)
 * mentions a teammate, Enter sends and Shift+Enter starts a new line. On failure the text stays, with the reason.
 */
export function Composer({
  ref,
  businessId,
  conversation,
  currentUserId,
  customerName,
  onSend,
  toolbar,
}: {
  ref?: Ref<ComposerHandle>;
  businessId: string;
  conversation: ConversationState;
  currentUserId: string;
  customerName: string;
  onSend: Send;
  /** Controls shown to the right of the Reply / Internal note tabs. */
  toolbar?: ReactNode;
}) {
  const id = useId();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const [kind, setKind] = useState<ComposerKind>("reply");
  const [texts, setTexts] = useState<Drafts>(() => drafts.get(conversation.id) ?? { reply: "", note: "" });
  const [mentions, setMentions] = useState<Mention[]>([]);
  const [caret, setCaret] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const canned = useCannedReplies(businessId);
  const members = useMembers(businessId);

  const text = texts[kind];
  const limit = LIMITS[kind];

  function update(next: string, nextKind: ComposerKind = kind) {
    setTexts((current) => {
      const value = { ...current, [nextKind]: next };
      drafts.set(conversation.id, value);
      return value;
    });
  }

  function placeCaret(position: number) {
    requestAnimationFrame(() => {
      const textarea = textareaRef.current;
      if (!textarea) return;
      textarea.focus();
      textarea.setSelectionRange(position, position);
      setCaret(position);
    });
  }

  useImperativeHandle(ref, () => ({
    editReply(value: string) {
      setKind("reply");
      update(value, "reply");
      setError(null);
      placeCaret(value.length);
    },
  }));

  // The picker: canned replies for "/", teammates for "@".
  const trigger = findTrigger(text, caret, kind);
  const triggerKey = trigger ? `${kind}:${trigger.char}${trigger.start}` : null;
  const pickerOpen = trigger !== null && triggerKey !== dismissed;
  const options: Option[] = !trigger
    ? []
    : trigger.char === "/"
      ? (canned.data ?? [])
          .filter((r) => !trigger.query || r.shortcut.includes(trigger.query) || r.title.toLocaleLowerCase().includes(trigger.query))
          .sort((a, b) => Number(b.shortcut.startsWith(trigger.query)) - Number(a.shortcut.startsWith(trigger.query)))
          .slice(0, MAX_OPTIONS)
          .map((r) => ({ id: r.id, label: `/${r.shortcut}`, detail: `${r.title}: ${r.content}`, insert: r.content }))
      : (members.data ?? [])
          .filter((m) => m.userId !== currentUserId)
          .filter((m) => !trigger.query || memberName(m).toLocaleLowerCase().includes(trigger.query) || m.email.toLocaleLowerCase().includes(trigger.query))
          .slice(0, MAX_OPTIONS)
          .map((m) => ({ id: m.userId, label: memberName(m), detail: m.email, insert: `@${memberName(m)} `, mention: { userId: m.userId, name: memberName(m) } }));
  const [previousQuery, setPreviousQuery] = useState<string | null>(null);
  const queryKey = trigger ? `${triggerKey}:${trigger.query}` : null;
  if (queryKey !== previousQuery) {
    setPreviousQuery(queryKey);
    setActive(0);
  }
  const activeIndex = Math.min(active, Math.max(options.length - 1, 0));
  const listboxId = `${id}-options`;
  const optionId = (index: number) => `${id}-option-${index}`;

  function choose(option: Option) {
    if (!trigger) return;
    const next = `${text.slice(0, trigger.start)}${option.insert}${text.slice(caret)}`;
    update(next);
    if (option.mention) {
      const person = option.mention;
      setMentions((current) => (current.some((m) => m.userId === person.userId) ? current : [...current, person]));
    }
    placeCaret(trigger.start + option.insert.length);
  }

  async function submit() {
    const value = text.trim();
    if (!value || pending) return;
    if (value.length > limit) {
      setError(`A ${kind === "reply" ? "reply" : "note"} can be at most ${limit.toLocaleString()} characters. Shorten it by ${(value.length - limit).toLocaleString()}.`);
      return;
    }
    const sentKind = kind;
    // Only the people still named in the text are mentioned (a deleted "@Carol" does not notify Carol).
    const mentionIds = sentKind === "note" ? [...new Set(mentions.filter((m) => value.includes(`@${m.name}`)).map((m) => m.userId))].slice(0, 20) : [];
    setPending(true);
    setError(null);
    try {
      await onSend({ kind: sentKind, text: value, mentions: mentionIds });
      update("", sentKind);
      if (sentKind === "note") setMentions([]);
      setCaret(0);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setPending(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.nativeEvent.isComposing) return;
    if (pickerOpen && trigger) {
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        setDismissed(triggerKey);
        return;
      }
      if (options.length > 0) {
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          event.preventDefault();
          const step = event.key === "ArrowDown" ? 1 : -1;
          setActive((activeIndex + step + options.length) % options.length);
          return;
        }
        if (event.key === "Enter" || event.key === "Tab") {
          const option = options[activeIndex];
          if (option) {
            event.preventDefault();
            choose(option);
            return;
          }
        }
      }
    }
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      void submit();
    }
  }

  const syncCaret = () => setCaret(textareaRef.current?.selectionStart ?? 0);
  const over = text.length > limit;
  const showCounter = text.length >= limit * COUNTER_FROM;
  const assignee = conversation.assignee;
  const hint =
    kind === "note"
      ? "Only your team sees notes. Type @ to mention someone: they get a notification."
      : conversation.status === "resolved"
        ? "This conversation is resolved: sending a reply reopens it."
        : conversation.status === "ai"
          ? "Sending takes over from the assistant."
          : conversation.status === "needs_human" && !assignee
            ? "Sending assigns this conversation to you."
            : assignee && assignee.userId !== currentUserId
              ? `${assignee.name} is handling this conversation.`
              : null;

  const tabs: { value: ComposerKind; label: string }[] = [
    { value: "reply", label: "Reply" },
    { value: "note", label: "Internal note" },
  ];

  return (
    <div className={cn("border-t border-border px-3 pt-2 pb-3 sm:px-4", kind === "note" && "bg-warning-soft/60")}>
      <div className="mb-2 flex items-center gap-1">
        <div role="tablist" aria-label="Message type" className="flex gap-1">
          {tabs.map((tab, index) => {
            const selected = kind === tab.value;
            return (
              <button
                key={tab.value}
                type="button"
                role="tab"
                id={`${id}-tab-${tab.value}`}
                aria-selected={selected}
                aria-controls={`${id}-panel`}
                tabIndex={selected ? 0 : -1}
                onClick={() => {
                  setKind(tab.value);
                  setError(null);
                }}
                onKeyDown={(event) => {
                  if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
                  event.preventDefault();
                  const next = tabs[(index + 1) % tabs.length];
                  if (!next) return;
                  setKind(next.value);
                  document.getElementById(`${id}-tab-${next.value}`)?.focus();
                }}
                className={cn(
                  "h-9 rounded-lg px-3 text-body-sm font-medium transition-colors duration-150",
                  selected ? (tab.value === "note" ? "bg-warning-soft text-warning ring-1 ring-warning/40" : "bg-secondary text-heading") : "text-muted-foreground hover:bg-secondary hover:text-foreground",
                )}
              >
                {tab.label}
              </button>
            );
          })}
        </div>
        {toolbar}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${kind}`}>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <div className="relative">
            {pickerOpen && trigger ? (
              <div className="absolute inset-x-0 bottom-full z-20 mb-2 max-h-64 overflow-y-auto rounded-xl border border-border bg-surface p-1 shadow-md">
                {options.length > 0 ? (
                  <ul id={listboxId} role="listbox" aria-label={trigger.char === "/" ? "Canned replies" : "Teammates"}>
                    {options.map((option, index) => (
                      <li
                        key={option.id}
                        id={optionId(index)}
                        role="option"
                        aria-selected={index === activeIndex}
                        // Keeps focus in the text box, so typing carries on after the click.
                        onMouseDown={(event) => event.preventDefault()}
                        onClick={() => choose(option)}
                        className={cn("cursor-pointer rounded-lg px-3 py-2", index === activeIndex ? "bg-secondary" : "hover:bg-surface-muted")}
                      >
                        <span className="block truncate text-body-sm font-medium text-heading">{option.label}</span>
                        <span className={cn("block truncate text-caption font-normal", index === activeIndex ? "text-secondary-foreground" : "text-muted-foreground")}>
                          {option.detail}
                        </span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="px-3 py-2 text-body-sm text-muted-foreground">
                    {trigger.char === "@" ? (
                      members.isPending
                        ? "Loading your team…"
                        : members.isError
                          ? `Could not load your team: ${errorMessage(members.error)}`
                          : trigger.query
                            ? `Nobody on the team matches “${trigger.query}”.`
                            : "Nobody else is on your team yet."
                    ) : canned.isPending ? (
                      "Loading canned replies…"
                    ) : canned.isError ? (
                      `Could not load canned replies: ${errorMessage(canned.error)}`
                    ) : (canned.data ?? []).length === 0 ? (
                      <>
                        No canned replies yet.{" "}
                        <Link href={`/b/${businessId}/settings/canned-replies`} className="text-link underline-offset-2 hover:underline">
                          Add some in Settings
                        </Link>
                        .
                      </>
                    ) : (
                      `No canned reply matches “/${trigger.query}”.`
                    )}
                  </p>
                )}
              </div>
            ) : null}
            <p role="status" className="sr-only">
              {pickerOpen && trigger && options.length > 0
                ? `${options.length} ${trigger.char === "/" ? "canned replies" : "teammates"}. Up and down arrows to choose, Enter to insert, Escape to close.`
                : ""}
            </p>
            <label htmlFor={`${id}-text`} className="sr-only">
              {kind === "reply" ? `Reply to ${customerName}` : "Internal note for your team"}
            </label>
            <Textarea
              ref={textareaRef}
              id={`${id}-text`}
              rows={1}
              value={text}
              maxLength={limit * 2}
              placeholder={kind === "reply" ? "Write a reply… Type / for a canned reply" : "Write a note for your team… Type @ to mention someone"}
              aria-invalid={over || undefined}
              aria-describedby={`${id}-hint ${id}-counter`}
              aria-autocomplete="list"
              aria-controls={pickerOpen && options.length > 0 ? listboxId : undefined}
              aria-activedescendant={pickerOpen && options.length > 0 ? optionId(activeIndex) : undefined}
              onChange={(event) => {
                update(event.target.value);
                setCaret(event.target.selectionStart);
                if (error) setError(null);
              }}
              onKeyDown={onKeyDown}
              onKeyUp={(event) => {
                if (event.key === "ArrowLeft" || event.key === "ArrowRight" || event.key === "Home" || event.key === "End") syncCaret();
              }}
              onClick={syncCaret}
              onBlur={() => setDismissed(triggerKey)}
              onFocus={() => setDismissed(null)}
              className={cn("max-h-40 min-h-12 resize-none py-2.5 text-body-sm [field-sizing:content]", kind === "note" && "bg-surface")}
            />
          </div>
          <FormError message={error} className="mt-2" />
          <div className="mt-2 flex items-start gap-3">
            <div className="min-w-0 flex-1 text-caption font-normal text-muted-foreground">
              <p id={`${id}-hint`}>{hint ?? <span className="hidden sm:inline">Enter sends, Shift+Enter starts a new line.</span>}</p>
            </div>
            <p id={`${id}-counter`} className={cn("shrink-0 pt-0.5 text-caption tabular-nums", over ? "text-danger" : "text-muted-foreground", !showCounter && "sr-only")}>
              {showCounter ? `${text.length.toLocaleString()} / ${limit.toLocaleString()}${over ? " (too long)" : ""}` : ""}
            </p>
            <Button type="submit" size="sm" loading={pending} disabled={!text.trim() || over}>
              {pending ? null : <Send aria-hidden="true" />}
              {kind === "reply" ? "Send" : "Add note"}
            </Button>
          </div>
        </form>
      </div>
    </div>
  );
}
