import { Camera, Mail, MessageCircle, MessageCircleMore, MessageSquare, Smartphone, type LucideIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { initials } from "@/components/dashboard/user-menu";
import { CHANNEL_LABELS, formatWaiting, PRIORITY_LABELS, STATUS_LABELS, type Channel, type ConversationStatus, type Priority } from "./format";

/** Small pieces the list, the conversation and the contact panel share. */

const CHANNEL_ICONS: Record<Channel, LucideIcon> = {
  widget: MessageSquare,
  whatsapp: MessageCircle,
  instagram: Camera,
  messenger: MessageCircleMore,
  sms: Smartphone,
  email: Mail,
};

/** The channel's icon; its name is said to assistive tech unless `decorative` (when the name is written beside it). */
export function ChannelIcon({ channel, className, decorative = false }: { channel: Channel; className?: string; decorative?: boolean }) {
  const Icon = CHANNEL_ICONS[channel];
  return (
    <>
      <Icon className={cn("size-4 shrink-0", className)} aria-hidden="true" />
      {decorative ? null : <span className="sr-only">{`via ${CHANNEL_LABELS[channel]}`}</span>}
    </>
  );
}

const STATUS_VARIANTS = { ai: "info", needs_human: "danger", human: "success", resolved: "neutral" } as const;

export function StatusBadge({ status, className }: { status: ConversationStatus; className?: string }) {
  return (
    <Badge variant={STATUS_VARIANTS[status]} className={className}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}

/** Only high and urgent stand out; low and normal say nothing. */
export function PriorityBadge({ priority }: { priority: Priority }) {
  if (priority !== "high" && priority !== "urgent") return null;
  return <Badge variant={priority === "urgent" ? "danger" : "warning"}>{PRIORITY_LABELS[priority]} priority</Badge>;
}

/** "Waiting 4 min", red once the customer has waited past the SLA. */
export function WaitingBadge({ since, now, dueAt }: { since: string; now: number; dueAt: number }) {
  const waited = now - new Date(since).getTime();
  if (Number.isNaN(waited)) return null;
  const late = now >= dueAt;
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-caption whitespace-nowrap tabular-nums",
        late ? "bg-danger-solid text-white" : "bg-warning-soft text-warning",
      )}
    >
      {`Waiting ${formatWaiting(waited)}`}
      {late ? <span className="sr-only">, past the response time</span> : null}
    </span>
  );
}

export function PersonAvatar({ name, className, label }: { name: string; className?: string; label?: string }) {
  return (
    <span
      title={label ?? name}
      className={cn(
        "flex size-7 shrink-0 items-center justify-center rounded-full bg-secondary text-caption font-semibold text-secondary-foreground",
        className,
      )}
    >
      <span aria-hidden="true">{initials(name, name) || "?"}</span>
      <span className="sr-only">{label ?? name}</span>
    </span>
  );
}
