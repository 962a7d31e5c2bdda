import type { NotificationType } from "@/lib/db/schema";
import { isTimeZone, notificationTypeList, type ChannelChoice, type NotificationPreferences } from "./api";

/**
 * Who hears what, and when. Pure and client-safe: the server decides push and email with it, the dashboard whether
 * a toast rings. The queries that read and write a person's row are in ./queries.
 */

/**
 * With no row: every type toasts and pushes; email only for what must not be missed when nobody has the dashboard
 * open (a handoff, and an escalation to owners). Reminders, mentions and assignments arrive while someone is working,
 * so an email each would be noise.
 */
const DEFAULT_CHANNELS: Record<NotificationType, ChannelChoice> = {
  handoff: { toast: true, push: true, email: true },
  sla_reminder: { toast: true, push: true, email: false },
  sla_escalation: { toast: true, push: true, email: true },
  mention: { toast: true, push: true, email: false },
  assignment: { toast: true, push: true, email: false },
};

export function defaultPreferences(timeZone: string): NotificationPreferences {
  return { channels: structuredClone(DEFAULT_CHANNELS), quietStart: null, quietEnd: null, timeZone, onDuty: true };
}

/**
 * A stored row (channels may name only some types, or types no longer known; Postgres writes a `time` as
 * "22:00:00") as complete preferences. A zone the runtime does not know falls back to the business's.
 */
export function preferencesFromRow(
  row: { channels: Partial<Record<string, Partial<ChannelChoice>>>; quietStart: string | null; quietEnd: string | null; timeZone: string | null; onDuty: boolean } | null,
  businessTimeZone: string,
): NotificationPreferences {
  const defaults = defaultPreferences(businessTimeZone);
  if (!row) return defaults;
  const channels = Object.fromEntries(
    notificationTypeList.map((type) => {
      const stored = row.channels[type];
      const fallback = DEFAULT_CHANNELS[type];
      return [
        type,
        {
          toast: typeof stored?.toast === "boolean" ? stored.toast : fallback.toast,
          push: typeof stored?.push === "boolean" ? stored.push : fallback.push,
          email: typeof stored?.email === "boolean" ? stored.email : fallback.email,
        },
      ];
    }),
  ) as Record<NotificationType, ChannelChoice>;
  const quietStart = row.quietStart?.slice(0, 5) ?? null;
  const quietEnd = row.quietEnd?.slice(0, 5) ?? null;
  const quiet = quietStart && quietEnd && quietStart !== quietEnd ? { quietStart, quietEnd } : { quietStart: null, quietEnd: null };
  return { channels, ...quiet, timeZone: row.timeZone && isTimeZone(row.timeZone) ? row.timeZone : businessTimeZone, onDuty: row.onDuty };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Minutes since local midnight in `timeZone` at `now`; Intl applies the zone's DST rules for that instant. */
export function localMinutes(timeZone: string, now: Date): number {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(now);
  const hour = Number(parts.find((p) => p.type === "hour")?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === "minute")?.value ?? 0);
  return hour * 60 + minute;
}

/**
 * Whether `now` falls in the person's quiet hours: [start, end) on their own clock. A window whose end is before its
 * start runs overnight (22:00–07:00 is quiet from 22:00 to midnight and from midnight to 07:00).
 */
export function inQuietHours(prefs: Pick<NotificationPreferences, "quietStart" | "quietEnd" | "timeZone">, now: Date): boolean {
  if (!prefs.quietStart || !prefs.quietEnd) return false;
  const start = minutesOf(prefs.quietStart);
  const end = minutesOf(prefs.quietEnd);
  if (start === end) return false;
  const minutes = localMinutes(prefs.timeZone, now);
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

export type Delivery = { toast: boolean; sound: boolean; push: boolean; email: boolean };

/**
 * How a notification of `type` reaches this person now. Quiet hours silence what interrupts (push, email, the toast's
 * sound); an open dashboard still shows the toast and the notification centre always lists it.
 */
export function deliveryFor(prefs: NotificationPreferences, type: NotificationType, now: Date): Delivery {
  const choice = prefs.channels[type];
  const quiet = inQuietHours(prefs, now);
  return { toast: choice.toast, sound: choice.toast && !quiet, push: choice.push && !quiet, email: choice.email && !quiet };
}

/** Whether a handoff should go to this person now: on duty and outside their quiet hours. */
export function availableForHandoffs(prefs: NotificationPreferences, now: Date): boolean {
  return prefs.onDuty && !inQuietHours(prefs, now);
}
