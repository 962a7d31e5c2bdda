"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useEffectEvent, useSyncExternalStore, type ReactNode } from "react";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { batchInvalidations, connectRealtime, staleQueryKey, type RealtimeStatus } from "./connection";

export type { RealtimeStatus } from "./connection";

// The page's one connection publishes here, so the hooks below work anywhere on the page (the header's notification
// bell as well as the content), inside the provider's subtree or not.
const eventListeners = new Set<(event: RealtimeEvent) => void>();
const statusListeners = new Set<() => void>();
let currentStatus: RealtimeStatus = "connecting";

function publishStatus(status: RealtimeStatus) {
  if (status === currentStatus) return;
  currentStatus = status;
  for (const listener of [...statusListeners]) listener();
}

function publishEvent(event: RealtimeEvent) {
  for (const listener of [...eventListeners]) {
    try {
      listener(event);
    } catch (error) {
      // One component's failure must not keep the event from the others.
      console.error("A realtime listener failed", error);
    }
  }
}

/**
 * Opens the business's live stream (GET /api/businesses/[businessId]/events) for the page and keeps the caches fresh:
 * message.* and conversation.* events make `["inbox", businessId]` stale, notification.* events
 * `["notifications", businessId]`, and every (re)connection both, since events sent while disconnected are gone.
 * Mount it once per page.
 */
export function RealtimeProvider({ businessId, children }: { businessId: string; children: ReactNode }) {
  const queryClient = useQueryClient();
  useEffect(() => {
    const invalidations = batchInvalidations((queryKey) => void queryClient.invalidateQueries({ queryKey }));
    const stop = connectRealtime({
      url: `/api/businesses/${businessId}/events`,
      onOpen: () => {
        invalidations.add(["inbox", businessId]);
        invalidations.add(["notifications", businessId]);
      },
      onEvent: (event) => {
        invalidations.add(staleQueryKey(event, businessId));
        publishEvent(event);
      },
      onStatus: publishStatus,
    });
    return () => {
      stop();
      invalidations.cancel();
      publishStatus("connecting");
    };
  }, [businessId, queryClient]);
  return (
    <>
      {children}
      <StatusMarker />
    </>
  );
}

/** The connection's state in the page (`[data-realtime="live"]`), for browser tests and benchmarks to wait on. */
function StatusMarker() {
  return <span hidden data-realtime={useRealtimeStatus()} />;
}

/** Calls `listener` with each event of the page's live stream (e.g. a toast for a `notification.created`). */
export function useRealtimeEvents(listener: (event: RealtimeEvent) => void): void {
  const onEvent = useEffectEvent(listener);
  useEffect(() => {
    const forward = (event: RealtimeEvent) => onEvent(event);
    eventListeners.add(forward);
    return () => {
      eventListeners.delete(forward);
    };
  }, []);
}

function subscribeToStatus(listener: () => void) {
  statusListeners.add(listener);
  return () => {
    statusListeners.delete(listener);
  };
}

/** "connecting" until the stream first says ready, "live" while it is open, "reconnecting" while it is down. */
export function useRealtimeStatus(): RealtimeStatus {
  return useSyncExternalStore(subscribeToStatus, () => currentStatus, () => "connecting");
}
