"use client";

import { Mail, Phone } from "lucide-react";
import Link from "next/link";
import { useId } from "react";
import type { ConversationDetail } from "@/lib/inbox/api";
import { Badge } from "@/components/ui/badge";
import { ChannelIcon, StatusBadge } from "./bits";
import { CHANNEL_LABELS, contactName, formatWaiting, languageName } from "./format";
import { useInboxFormat } from "./inbox-context";
import { useNow } from "./use-now";

/** Who the customer is: how to reach them, where else they wrote from, their other conversations, and their lead. */
export function ContactPanel({
  detail,
  conversationHref,
}: {
  detail: Pick<ConversationDetail, "contact" | "previousConversations" | "lead">;
  conversationHref: (conversationId: string) => string;
}) {
  const id = useId();
  const format = useInboxFormat();
  const now = useNow();
  const { contact, previousConversations, lead } = detail;
  const name = contactName(contact);
  const presence = contact.online
    ? "Online now"
    : contact.lastSeenAt
      ? `Last seen ${formatWaiting(now - new Date(contact.lastSeenAt).getTime())} ago`
      : null;

  return (
    <div className="space-y-5 p-4 text-body-sm">
      <section aria-labelledby={`${id}-contact-heading`}>
        <h2 id={`${id}-contact-heading`} className="text-caption text-muted-foreground uppercase">
          Contact
        </h2>
        <p className="mt-1 text-body font-semibold break-words text-heading">{name}</p>
        {presence ? (
          <p className="mt-0.5 flex items-center gap-1.5 text-muted-foreground">
            <span className={contact.online ? "size-2 rounded-full bg-success" : "size-2 rounded-full bg-muted-foreground/50"} aria-hidden="true" />
            {presence}
          </p>
        ) : null}
        <dl className="mt-3 space-y-2">
          <div>
            <dt className="sr-only">Email</dt>
            <dd className="flex items-center gap-2">
              <Mail className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
              {contact.email ? (
                <a href={`mailto:${contact.email}`} className="min-w-0 break-all text-link underline-offset-2 hover:underline">
                  {contact.email}
                </a>
              ) : (
                <span className="text-muted-foreground">No email yet</span>
              )}
            </dd>
          </div>
          <div>
            <dt className="sr-only">Phone</dt>
            <dd className="flex items-center gap-2">
              <Phone className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
              {contact.phone ? (
                <a href={`tel:${contact.phone.replace(/[^\d+]/g, "")}`} className="text-link underline-offset-2 hover:underline">
                  {contact.phone}
                </a>
              ) : (
                <span className="text-muted-foreground">No phone yet</span>
              )}
            </dd>
          </div>
          {contact.locale ? (
            <div className="flex gap-2">
              <dt className="text-muted-foreground">Language</dt>
              <dd>{languageName(contact.locale, format.locale)}</dd>
            </div>
          ) : null}
        </dl>
      </section>

      {contact.identities.length > 0 ? (
        <section aria-labelledby={`${id}-contact-channels-heading`}>
          <h3 id={`${id}-contact-channels-heading`} className="text-caption text-muted-foreground uppercase">
            Channels
          </h3>
          <ul className="mt-2 space-y-1.5">
            {contact.identities.map((identity) => (
              <li key={`${identity.channel}:${identity.externalId}`} className="flex items-center gap-2">
                <ChannelIcon channel={identity.channel} decorative className="text-muted-foreground" />
                <span className="shrink-0">{CHANNEL_LABELS[identity.channel]}</span>
                {identity.channel === "widget" ? null : <span className="min-w-0 truncate text-muted-foreground" title={identity.externalId}>{identity.externalId}</span>}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {lead ? (
        <section aria-labelledby={`${id}-contact-lead-heading`}>
          <h3 id={`${id}-contact-lead-heading`} className="text-caption text-muted-foreground uppercase">
            Lead
          </h3>
          <div className="mt-2 space-y-1 rounded-lg border border-border p-3">
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-medium text-heading">{lead.name || name}</span>
              <Badge variant="outline" className="capitalize">
                {lead.status}
              </Badge>
            </p>
            {lead.intent ? <p>{lead.intent}</p> : null}
            {lead.details ? <p className="whitespace-pre-wrap text-muted-foreground">{lead.details}</p> : null}
            {lead.email && lead.email !== contact.email ? <p className="break-all text-muted-foreground">{lead.email}</p> : null}
            {lead.phone && lead.phone !== contact.phone ? <p className="text-muted-foreground">{lead.phone}</p> : null}
          </div>
        </section>
      ) : null}

      <section aria-labelledby={`${id}-contact-history-heading`}>
        <h3 id={`${id}-contact-history-heading`} className="text-caption text-muted-foreground uppercase">
          Previous conversations
        </h3>
        {previousConversations.length === 0 ? (
          <p className="mt-2 text-muted-foreground">This is the first conversation with {name}.</p>
        ) : (
          <ul className="mt-2 space-y-1">
            {previousConversations.map((previous) => (
              <li key={previous.id}>
                <Link href={conversationHref(previous.id)} className="block rounded-lg border border-border px-3 py-2 hover:bg-surface-muted">
                  <span className="flex items-center gap-2 text-caption font-normal text-muted-foreground">
                    <ChannelIcon channel={previous.channel} />
                    <time dateTime={previous.lastMessageAt}>{format.dateTime(previous.lastMessageAt)}</time>
                    <StatusBadge status={previous.status} className="ml-auto" />
                  </span>
                  <span className="mt-1 line-clamp-2 text-foreground">{previous.preview || "No messages"}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
