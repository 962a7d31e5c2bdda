/** A date-time formatter that falls back to English / UTC rather than throwing on a bad locale or zone. */
export function dateFormatter(options: Intl.DateTimeFormatOptions, locale?: string | null, timeZone?: string | null): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(locale || "en", { ...options, timeZone: timeZone || undefined });
  } catch {
    return new Intl.DateTimeFormat("en", { ...options, timeZone: "UTC" });
  }
}

export function formatDate(iso: string, formatter: Intl.DateTimeFormat): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatter.format(date);
}
