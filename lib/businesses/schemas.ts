import { z } from "zod";
import { verticals } from "@/lib/db/schema";

export const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof weekdays)[number];

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "use HH:MM, 24-hour");
const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

const dayIntervals = z
  .array(z.object({ open: time, close: time }).refine((i) => toMinutes(i.open) < toMinutes(i.close), "closing must be after opening"))
  .max(4, "at most 4 intervals a day")
  .refine((list) => {
    const sorted = [...list].sort((a, b) => toMinutes(a.open) - toMinutes(b.open));
    return sorted.every((i, n) => n === 0 || toMinutes(sorted[n - 1]!.close) <= toMinutes(i.open));
  }, "intervals overlap");

/** Opening hours per weekday: an empty list (or a missing day) is closed; several intervals are a split shift. */
export const openingHoursSchema = z.strictObject(
  Object.fromEntries(weekdays.map((d) => [d, dayIntervals.optional()])) as Record<Weekday, z.ZodOptional<typeof dayIntervals>>,
);

const supportedTimeZones = new Set(Intl.supportedValuesOf("timeZone"));
export const timeZoneSchema = z.string().refine((tz) => {
  if (supportedTimeZones.has(tz) || tz === "UTC") return true;
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "unknown time zone (use an IANA name such as Europe/Lisbon)");

const supportedCurrencies = new Set(Intl.supportedValuesOf("currency"));
export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, "use a 3-letter ISO 4217 code such as EUR")
  .refine((c) => supportedCurrencies.has(c), "unknown currency code");

const businessFields = {
  name: z.string().trim().min(1, "name is required").max(120, "at most 120 characters"),
  vertical: z.enum(verticals, { message: `choose one of ${verticals.join(", ")}` }),
  timeZone: timeZoneSchema,
  currency: currencySchema,
  locale: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "use a language tag such as en or pt-BR"),
  openingHours: openingHoursSchema,
};

export const businessInputSchema = z.strictObject({
  ...businessFields,
  locale: businessFields.locale.default("en"),
  openingHours: businessFields.openingHours.default({}),
});
export type BusinessInput = z.infer<typeof businessInputSchema>;

export const businessUpdateSchema = z
  .strictObject(businessFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, "send at least one field to change");
export type BusinessUpdate = z.infer<typeof businessUpdateSchema>;
