import { z } from "zod";
import { dateFormatter } from "@/components/format/dates";
import type { channelSchema, conversationStatusSchema, messageRoleSchema, prioritySchema } from "@/lib/inbox/api";

/** Words and times for the inbox, in the product's language and the business's time zone. */
export type Channel = z.infer<typeof channelSchema>;
export type ConversationStatus = z.infer<typeof conversationStatusSchema>;
export type Priority = z.infer<typeof prioritySchema>;
export type MessageRole = z.infer<typeof messageRoleSchema>;

export const CHANNEL_LABELS: Record<Channel, string> = {
  widget: "Website chat",
  whatsapp: "WhatsApp",
  instagram: "Instagram",
  messenger: "Messenger",
  sms: "SMS",
  email: "Email",
};

export const STATUS_LABELS: Record<ConversationStatus, string> = {
  ai: "AI handling",
  needs_human: "Needs a person",
  human: "With your team",
  resolved: "Resolved",
};

export const PRIORITY_LABELS: Record<Priority, string> = { low: "Low", normal: "Normal", high: "High", urgent: "Urgent" };

/** What goes before a last-message preview: the customer's own words need no prefix, everyone else's do. */
export function previewPrefix(role: MessageRole): string {
  if (role === "ai") return "Assistant: ";
  if (role === "agent") return "Team: ";
  if (role === "note") return "Note: ";
  return "";
}

// Why the assistant handed over, in words: the one list, shared with the team's notification.
export { handoffReasonText } from "@/lib/conversations/handoff-reasons";

/** What to call a contact: their name, else how to reach them, else they are a visitor who has not said who they are. */
export function contactName(contact: { name: string; email: string | null; phone: string | null }): string {
  return contact.name.trim() || contact.email || contact.phone || "Website visitor";
}

/** The list falls back to this when it has no SLA of its own (the conversation detail carries the real due time). */
export const DEFAULT_SLA_MS = 5 * 60_000;

/** "less than a minute", "4 min", "1 h 5 min", "2 d 3 h". */
export function formatWaiting(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) return "less than a minute";
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

export type InboxFormat = {
  /** "14:05" today, "Mon" this week, "12 Mar" before. */
  listTime(iso: string, now: number): string;
  /** "14:05". */
  time(iso: string): string;
  /** "Today", "Yesterday", "Monday 3 March". */
  dayLabel(iso: string, now: number): string;
  dayKey(iso: string): string;
  /** "3 Mar 2026, 14:05", for titles and previous conversations. */
  dateTime(iso: string): string;
  locale: string;
};

export function inboxFormat(locale: string, timeZone: string): InboxFormat {
  const time = dateFormatter({ hour: "numeric", minute: "2-digit" }, locale, timeZone);
  const weekday = dateFormatter({ weekday: "short" }, locale, timeZone);
  const shortDate = dateFormatter({ day: "numeric", month: "short" }, locale, timeZone);
  const longDay = dateFormatter({ weekday: "long", day: "numeric", month: "long" }, locale, timeZone);
  const longDayWithYear = dateFormatter({ weekday: "long", day: "numeric", month: "long", year: "numeric" }, locale, timeZone);
  const full = dateFormatter({ dateStyle: "medium", timeStyle: "short" }, locale, timeZone);
  const key = dateFormatter({ year: "numeric", month: "2-digit", day: "2-digit" }, "en-CA", timeZone);

  const valid = (iso: string) => !Number.isNaN(new Date(iso).getTime());
  const dayKey = (iso: string) => (valid(iso) ? key.format(new Date(iso)) : iso);
  const DAY = 24 * 3600_000;

  return {
    locale,
    time: (iso) => (valid(iso) ? time.format(new Date(iso)) : ""),
    dateTime: (iso) => (valid(iso) ? full.format(new Date(iso)) : ""),
    dayKey,
    listTime(iso, now) {
      if (!valid(iso)) return "";
      const date = new Date(iso);
      if (key.format(date) === key.format(new Date(now))) return time.format(date);
      if (now - date.getTime() < 6 * DAY) return weekday.format(date);
      return shortDate.format(date);
    },
    dayLabel(iso, now) {
      if (!valid(iso)) return "";
      const date = new Date(iso);
      const day = key.format(date);
      if (day === key.format(new Date(now))) return "Today";
      if (day === key.format(new Date(now - DAY))) return "Yesterday";
      return (date.getFullYear() === new Date(now).getFullYear() ? longDay : longDayWithYear).format(date);
    },
  };
}

/** "Portuguese (Portugal)" for "pt-PT"; the raw tag when the browser does not know it. */
export function languageName(tag: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale, "en"], { type: "language" }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
