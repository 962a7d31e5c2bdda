"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { toast } from "sonner";
import { apiRequest } from "@/components/api/client";
import { useRealtimeEvents } from "@/components/realtime/use-realtime";
import { notificationPath, notificationWithDelivery } from "@/lib/notifications/api";
import { playChime, unlockChime } from "./chime";
import { unreadOf, useMarkRead, useNotificationList } from "./queries";

/** Handoffs and escalations stay until dismissed for longer than a routine mention. */
const URGENT = new Set(["handoff", "sla_reminder", "sla_escalation"]);
const UNREAD_PREFIX = /^\(\d+\+?\) /;

/**
 * The signed-in person's live alerts on any dashboard page: a toast with an "Open" action for each notification
 * created for them (and a chime unless it is their quiet hours), and the unread count in the tab's title. Renders
 * nothing itself; sonner's Toaster shows the toasts.
 */
export function HandoffToasts({ businessId, userId }: { businessId: string; userId: string }) {
  const router = useRouter();
  const markRead = useMarkRead(businessId);
  const unread = unreadOf(useNotificationList(businessId).data);
  const shown = useRef(new Set<string>());

  useRealtimeEvents((event) => {
    if (event.type !== "notification.created" || event.userId !== userId || event.businessId !== businessId) return;
    // A reconnect can replay an event: one toast per notification.
    if (shown.current.has(event.id)) return;
    shown.current.add(event.id);
    // The live stream normally carries the notification; the request is for when it could not.
    const found = event.notification
      ? Promise.resolve(event.notification)
      : apiRequest(`/api/businesses/${businessId}/notifications/${event.id}`, notificationWithDelivery);
    found
      .then(({ item, delivery }) => {
        if (!delivery.toast) return;
        const href = notificationPath(businessId, item.conversationId);
        toast(item.title, {
          id: item.id,
          testId: "handoff-toast",
          description: item.body || undefined,
          duration: URGENT.has(item.type) ? 30_000 : 8_000,
          action: {
            label: "Open",
            onClick: () => {
              markRead.mutate({ ids: [item.id] });
              router.push(href);
            },
          },
        });
        if (delivery.sound) playChime();
      })
      .catch(() => {
        // The toast is a courtesy: the notification centre lists the notification whatever happened here.
      });
  });

  useEffect(() => {
    const unlock = () => unlockChime();
    window.addEventListener("pointerdown", unlock, { once: true });
    window.addEventListener("keydown", unlock, { once: true });
    return () => {
      window.removeEventListener("pointerdown", unlock);
      window.removeEventListener("keydown", unlock);
    };
  }, []);

  // "(3) Inbox · Frontdesk". Pages set their own titles as they navigate, so the prefix is re-applied whenever the
  // <title> changes, not only when the count does.
  useEffect(() => {
    const apply = () => {
      const base = document.title.replace(UNREAD_PREFIX, "");
      const next = unread > 0 ? `(${unread > 99 ? "99+" : unread}) ${base}` : base;
      if (document.title !== next) document.title = next;
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => {
      observer.disconnect();
      document.title = document.title.replace(UNREAD_PREFIX, "");
    };
  }, [unread]);

  return null;
}
