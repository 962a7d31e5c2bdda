import type { KnowledgeDocumentSummary } from "@/lib/knowledge/types";

/** Small formatters for the knowledge screens. */

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

function relativeFormatter(locale?: string | null): Intl.RelativeTimeFormat {
  try {
    return new Intl.RelativeTimeFormat(locale || "en", { numeric: "auto" });
  } catch {
    return new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  }
}

/** "just now", "5 minutes ago", "yesterday", "3 weeks ago". */
export function formatRelative(iso: string, locale?: string | null, now: number = Date.now()): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((then - now) / 1000);
  if (Math.abs(seconds) < 45) return "just now";
  const format = relativeFormatter(locale);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(Math.round(seconds / 60), "minute");
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : mb.toFixed(1).replace(/\.0$/, "")} MB`;
}

export function plural(count: number, one: string, many: string = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

/** "Used 4 times, last 2 days ago" or "Not used yet". */
export function usageText(document: Pick<KnowledgeDocumentSummary, "usageCount" | "lastUsedAt">, locale?: string | null): string {
  if (document.usageCount === 0) return "Not used yet";
  const times = document.usageCount === 1 ? "once" : `${document.usageCount.toLocaleString()} times`;
  return document.lastUsedAt ? `Used ${times}, last ${formatRelative(document.lastUsedAt, locale)}` : `Used ${times}`;
}
