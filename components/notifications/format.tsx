import { AlarmClock, AtSign, Bell, Hand, Siren, UserCheck, type LucideIcon } from "lucide-react";

const TYPE_ICONS: Record<string, LucideIcon> = {
  handoff: Hand,
  sla_reminder: AlarmClock,
  sla_escalation: Siren,
  mention: AtSign,
  assignment: UserCheck,
};

export function NotificationTypeIcon({ type, className }: { type: string; className?: string }) {
  const Icon = TYPE_ICONS[type] ?? Bell;
  return <Icon className={className} aria-hidden="true" />;
}

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto", style: "short" });

/** "just now", "4 min. ago", "2 hr. ago", "yesterday", then a date. */
export function timeAgo(iso: string, now: number): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return "just now";
  if (abs < 45 * 60) return relative.format(Math.round(seconds / 60), "minute");
  if (abs < 22 * 3600) return relative.format(Math.round(seconds / 3600), "hour");
  if (abs < 6 * 86400) return relative.format(Math.round(seconds / 86400), "day");
  return new Date(iso).toLocaleDateString("en", { day: "numeric", month: "short" });
}

/** "3", or "99+" beyond what a badge can show. */
export const badgeCount = (n: number) => (n > 99 ? "99+" : String(n));
