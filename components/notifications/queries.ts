"use client";

import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { apiRequest } from "@/components/api/client";
import { markReadResponse, notificationList, type NotificationList } from "@/lib/notifications/api";

/**
 * The notification centre's data. The list lives under ["notifications", businessId, ...], which the realtime hook
 * invalidates on every notification.* event, so the bell, the unread count and the tab title stay live.
 */
export const notificationListKey = (businessId: string) => ["notifications", businessId, "list"] as const;

export function useNotificationList(businessId: string) {
  return useInfiniteQuery({
    queryKey: notificationListKey(businessId),
    queryFn: ({ pageParam, signal }) =>
      apiRequest(`/api/businesses/${businessId}/notifications${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ""}`, notificationList, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** The unread count, from the newest page (every page carries the same total). */
export const unreadOf = (data: InfiniteData<NotificationList> | undefined): number => data?.pages[0]?.unread ?? 0;

/** Marks notifications read, showing it at once and settling with the server's count. */
export function useMarkRead(businessId: string) {
  const queryClient = useQueryClient();
  const key = notificationListKey(businessId);
  return useMutation({
    mutationFn: (target: { ids: string[] } | { all: true }) =>
      apiRequest(`/api/businesses/${businessId}/notifications/read`, markReadResponse, { method: "POST", body: target }),
    onMutate: async (target) => {
      await queryClient.cancelQueries({ queryKey: key });
      const now = new Date().toISOString();
      queryClient.setQueryData<InfiniteData<NotificationList>>(key, (data) => {
        if (!data) return data;
        const hits = (id: string) => "all" in target || target.ids.includes(id);
        const newlyRead = data.pages.flatMap((p) => p.items).filter((i) => !i.readAt && hits(i.id)).length;
        return {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            unread: "all" in target ? 0 : Math.max(0, page.unread - newlyRead),
            items: page.items.map((item) => (!item.readAt && hits(item.id) ? { ...item, readAt: now } : item)),
          })),
        };
      });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
