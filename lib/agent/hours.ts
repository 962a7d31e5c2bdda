import type { OpeningHours, OpeningInterval } from "@/lib/db/schema";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
const DAY_NAMES: Record<Weekday, string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

export type HoursState = {
  openNow: boolean;
  /** The business's local time, "14:05". */
  localTime: string;
  localWeekday: string;
  /** When the team is next in: "9:00", "tomorrow at 9:00", "Monday at 9:00"; null when no hours are set at all. */
  nextOpenLabel: string | null;
  /** The same moment as parts, so the customer's lines can say it in their language (lib/agent/lines.ts). */
  nextOpen: { inDays: number; day: Weekday; time: string } | null;
  /** Today's opening intervals ("9:00–17:00"), empty when closed today. */
  todayIntervals: string[];
  /** "Today 9:00–17:00", "Closed today". */
  todayLabel: string;
  /** A line to tell a customer when nobody is in, or null while open (or when no hours are set). */
  afterHoursLine: string | null;
};

const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
/** "09:00" → "9:00": how people write times in a chat. */
const displayTime = (t: string) => t.replace(/^0(\d)/, "$1");

function localClock(timeZone: string, now: Date): { day: Weekday; minutes: number; time: string } {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
    .formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const day = get("weekday").toLowerCase().slice(0, 3) as Weekday;
  const hour = Number(get("hour"));
  const minute = Number(get("minute"));
  return { day: WEEKDAYS.includes(day) ? day : "mon", minutes: hour * 60 + minute, time: `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}` };
}

const intervalsOf = (hours: OpeningHours, day: Weekday): OpeningInterval[] =>
  [...(hours[day] ?? [])].sort((a, b) => minutesOf(a.open) - minutesOf(b.open));

/**
 * Whether the business is open now in its own time zone, and when it next opens: the agent tells an after-hours
 * customer when a person will answer ("our team will reply from 9:00"), instead of promising an immediate reply.
 */
export function hoursState(hours: OpeningHours, timeZone: string, now = new Date()): HoursState {
  const clock = localClock(timeZone, now);
  const today = intervalsOf(hours, clock.day);
  const openNow = today.some((i) => minutesOf(i.open) <= clock.minutes && clock.minutes < minutesOf(i.close));
  const todayLabel = today.length
    ? `Today ${today.map((i) => `${displayTime(i.open)}–${displayTime(i.close)}`).join(", ")}`
    : "Closed today";

  let nextOpenLabel: string | null = null;
  let nextOpen: HoursState["nextOpen"] = null;
  const dayIndex = WEEKDAYS.indexOf(clock.day);
  for (let offset = 0; offset <= 7 && nextOpenLabel === null; offset += 1) {
    const day = WEEKDAYS[(dayIndex + offset) % 7]!;
    const later = intervalsOf(hours, day).find((i) => offset > 0 || minutesOf(i.open) > clock.minutes);
    if (!later) continue;
    const time = displayTime(later.open);
    nextOpen = { inDays: offset, day, time };
    nextOpenLabel = offset === 0 ? time : offset === 1 ? `tomorrow at ${time}` : `${DAY_NAMES[day]} at ${time}`;
  }

  const afterHoursLine = openNow || nextOpenLabel === null ? null : `We're closed right now — our team will reply from ${nextOpenLabel}.`;
  const todayIntervals = today.map((i) => `${displayTime(i.open)}–${displayTime(i.close)}`);
  return { openNow, localTime: clock.time, localWeekday: DAY_NAMES[clock.day], nextOpenLabel, nextOpen, todayLabel, todayIntervals, afterHoursLine };
}

/** The opening hours as one line per day, for the system prompt; `names` says the days and "closed" in another language. */
export function describeOpeningHours(hours: OpeningHours, names: { days: Record<Weekday, string>; closed: string } = { days: DAY_NAMES, closed: "closed" }): string {
  return WEEKDAYS.map((day) => {
    const list = intervalsOf(hours, day);
    return `${names.days[day]}: ${list.length ? list.map((i) => `${displayTime(i.open)}–${displayTime(i.close)}`).join(", ") : names.closed}`;
  }).join("\n");
}
