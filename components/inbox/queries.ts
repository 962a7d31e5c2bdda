"use client";

import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { z } from "zod";
import { ApiRequestError, apiRequest, noContent } from "@/components/api/client";
import {
  cannedReplyList,
  conversationDetail,
  conversationList,
  conversationResponse,
  inboxCounts,
  sentMessage,
  teamList,
  type ConversationDetail,
  type ConversationList,
  type ConversationPatch,
  type ConversationState,
  type SendMessageInput,
} from "@/lib/inbox/api";
import type { InboxFilters } from "./filters";

/** The query keys every part of the dashboard shares (the realtime hook invalidates `["inbox", businessId]`). */
export const inboxKeys = {
  all: (businessId: string) => ["inbox", businessId] as const,
  lists: (businessId: string) => ["inbox", businessId, "list"] as const,
  list: (businessId: string, filters: InboxFilters) => ["inbox", businessId, "list", filters] as const,
  conversation: (businessId: string, conversationId: string) => ["inbox", businessId, "conversation", conversationId] as const,
  counts: (businessId: string) => ["inbox", businessId, "counts"] as const,
};
export const cannedRepliesKey = (businessId: string) => ["canned-replies", businessId] as const;
export const teamsKey = (businessId: string) => ["teams", businessId] as const;
export const membersKey = (businessId: string) => ["members", businessId] as const;

export function businessApi(businessId: string, path: string): string {
  return `/api/businesses/${businessId}${path}`;
}

const PAGE_SIZE = 50;

function listUrl(businessId: string, filters: InboxFilters, cursor: string | null): string {
  const params = new URLSearchParams({ view: filters.view, limit: String(PAGE_SIZE) });
  if (filters.channel) params.set("channel", filters.channel);
  if (filters.team) params.set("team", filters.team);
  if (filters.q) params.set("q", filters.q);
  if (cursor) params.set("cursor", cursor);
  return businessApi(businessId, `/conversations?${params}`);
}

/** One page at a time, in the server's attention order; later pages load as the list scrolls. */
export function useConversationList(businessId: string, filters: InboxFilters) {
  return useInfiniteQuery({
    queryKey: inboxKeys.list(businessId, filters),
    queryFn: ({ pageParam, signal }) => apiRequest(listUrl(businessId, filters, pageParam), conversationList, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // While a new filter loads, the old rows stay (dimmed) instead of the list collapsing to skeletons on every keystroke.
    placeholderData: keepPreviousData,
  });
}

export function useInboxCounts(businessId: string) {
  return useQuery({
    queryKey: inboxKeys.counts(businessId),
    queryFn: ({ signal }) => apiRequest(businessApi(businessId, "/conversations/counts"), inboxCounts, { signal }),
  });
}

const notFound = (error: unknown) => error instanceof ApiRequestError && (error.status === 404 || error.status === 403);

export function useConversation(businessId: string, conversationId: string) {
  return useQuery({
    queryKey: inboxKeys.conversation(businessId, conversationId),
    queryFn: ({ signal }) => apiRequest(businessApi(businessId, `/conversations/${conversationId}`), conversationDetail, { signal }),
    // A conversation that is gone (or another business's) will not appear by asking again.
    retry: (count, error) => count < 1 && !notFound(error),
  });
}

export function isNotFound(error: unknown): boolean {
  return notFound(error);
}

const memberList = z.object({
  members: z.array(z.object({ userId: z.uuid(), email: z.string(), fullName: z.string(), role: z.string() })),
});
export type Member = z.infer<typeof memberList>["members"][number];

export function memberName(member: Pick<Member, "fullName" | "email">): string {
  return member.fullName.trim() || member.email;
}

/** Everyone in the business, for assigning and @mentions. */
export function useMembers(businessId: string) {
  return useQuery({
    queryKey: membersKey(businessId),
    queryFn: ({ signal }) => apiRequest(businessApi(businessId, "/members"), memberList, { signal }),
    select: (data) => data.members,
    staleTime: 60_000,
  });
}

export function useTeams(businessId: string) {
  return useQuery({
    queryKey: teamsKey(businessId),
    queryFn: ({ signal }) => apiRequest(businessApi(businessId, "/teams"), teamList, { signal }),
    select: (data) => data.items,
    staleTime: 60_000,
  });
}

export function useCannedReplies(businessId: string) {
  return useQuery({
    queryKey: cannedRepliesKey(businessId),
    queryFn: ({ signal }) => apiRequest(businessApi(businessId, "/canned-replies"), cannedReplyList, { signal }),
    select: (data) => data.items,
    staleTime: 60_000,
  });
}

type DetailData = ConversationDetail;

function withConversation(queryClient: ReturnType<typeof useQueryClient>, businessId: string, conversation: ConversationState) {
  queryClient.setQueryData<DetailData>(inboxKeys.conversation(businessId, conversation.id), (data) =>
    data ? { ...data, conversation } : data,
  );
}

export type ConversationAction = "take-over" | "hand-back" | "resolve" | "reopen";

/** Take over, hand back, resolve, reopen: the server decides (a 409 names whoever got there first). */
export function useConversationAction(businessId: string, conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: ConversationAction) =>
      apiRequest(businessApi(businessId, `/conversations/${conversationId}/${action}`), conversationResponse, { method: "POST" }),
    onSuccess: ({ conversation }) => withConversation(queryClient, businessId, conversation),
    // Success or conflict, the list, the counts and this conversation may all have moved.
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKeys.all(businessId) }),
  });
}

export function usePatchConversation(businessId: string, conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: ConversationPatch) =>
      apiRequest(businessApi(businessId, `/conversations/${conversationId}`), conversationResponse, { method: "PATCH", body: patch }),
    onSuccess: ({ conversation }) => withConversation(queryClient, businessId, conversation),
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKeys.all(businessId) }),
  });
}

export function useSendMessage(businessId: string, conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Pick<SendMessageInput, "kind" | "text" | "mentions">) =>
      apiRequest(businessApi(businessId, `/conversations/${conversationId}/messages`), sentMessage, { method: "POST", body: input }),
    onSuccess: ({ message, conversation }) => {
      // Shown at once; the refetch below (or a realtime event) brings the delivery state along.
      queryClient.setQueryData<DetailData>(inboxKeys.conversation(businessId, conversationId), (data) =>
        data
          ? {
              ...data,
              conversation,
              messages: data.messages.some((m) => m.id === message.id) ? data.messages : [...data.messages, message],
            }
          : data,
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKeys.all(businessId) }),
  });
}

/** Marks the conversation read for me; the unread dot goes at once, the counts follow. */
export function useMarkRead(businessId: string, conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest(businessApi(businessId, `/conversations/${conversationId}/read`), noContent, { method: "POST" }),
    onSuccess: () => {
      queryClient.setQueriesData<InfiniteData<ConversationList>>({ queryKey: inboxKeys.lists(businessId) }, (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((page) => ({
                ...page,
                items: page.items.map((item) => (item.id === conversationId && item.unread ? { ...item, unread: false } : item)),
              })),
            }
          : data,
      );
      void queryClient.invalidateQueries({ queryKey: inboxKeys.counts(businessId) });
    },
  });
}
