/** Opening hours as the API stores them: a missing day or [] is closed; several intervals are a split shift. */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type OpeningInterval = { open: string; close: string };
export type OpeningHours = Partial<Record<Weekday, OpeningInterval[]>>;

export const WEEKDAY_LABELS: Record<Weekday, string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

export const DEFAULT_OPENING_HOURS: OpeningHours = {
  mon: [{ open: "09:00", close: "17:00" }],
  tue: [{ open: "09:00", close: "17:00" }],
  wed: [{ open: "09:00", close: "17:00" }],
  thu: [{ open: "09:00", close: "17:00" }],
  fri: [{ open: "09:00", close: "17:00" }],
  sat: [{ open: "10:00", close: "14:00" }],
  sun: [],
};

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** The most intervals one day may have (the API's limit). */
export const MAX_INTERVALS_PER_DAY = 4;

export function toMinutes(time: string): number {
  const [h = "0", m = "0"] = time.split(":");
  return Number(h) * 60 + Number(m);
}

export function fromMinutes(minutes: number): string {
  const clamped = Math.max(0, Math.min(23 * 60 + 59, minutes));
  const h = Math.floor(clamped / 60);
  const m = clamped % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/** What is wrong with each day, in words; an empty object means the hours can be saved. */
export function openingHoursProblems(hours: OpeningHours): Partial<Record<Weekday, string>> {
  const problems: Partial<Record<Weekday, string>> = {};
  for (const day of WEEKDAYS) {
    const intervals = hours[day] ?? [];
    if (intervals.length > MAX_INTERVALS_PER_DAY) {
      problems[day] = `At most ${MAX_INTERVALS_PER_DAY} shifts a day.`;
      continue;
    }
    if (intervals.some((i) => !TIME.test(i.open) || !TIME.test(i.close))) {
      problems[day] = "Enter both times as hours and minutes.";
      continue;
    }
    if (intervals.some((i) => toMinutes(i.close) <= toMinutes(i.open))) {
      problems[day] = "Closing time must be after opening time.";
      continue;
    }
    const sorted = [...intervals].sort((a, b) => toMinutes(a.open) - toMinutes(b.open));
    if (sorted.some((interval, index) => index > 0 && toMinutes(interval.open) < toMinutes(sorted[index - 1]?.close ?? "00:00"))) {
      problems[day] = "These shifts overlap.";
    }
  }
  return problems;
}

/** Sorted intervals for every day, closed days as [] — the shape sent to the API. */
export function normalizeOpeningHours(hours: OpeningHours): Record<Weekday, OpeningInterval[]> {
  const day = (d: Weekday) => [...(hours[d] ?? [])].sort((a, b) => toMinutes(a.open) - toMinutes(b.open));
  return { mon: day("mon"), tue: day("tue"), wed: day("wed"), thu: day("thu"), fri: day("fri"), sat: day("sat"), sun: day("sun") };
}

/** "09:00–13:00, 14:00–18:00" or "Closed". */
export function describeDay(intervals: OpeningInterval[] | undefined): string {
  if (!intervals || intervals.length === 0) return "Closed";
  return intervals.map((i) => `${i.open}–${i.close}`).join(", ");
}
