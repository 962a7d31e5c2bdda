"use client";

import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { ApiRequestError, apiRequest, errorMessage, noContent } from "@/components/api/client";
import type { KnowledgeDocumentDetail, KnowledgeDocumentSummary } from "@/lib/knowledge/types";
import {
  documentDetailResponse,
  documentListResponse,
  documentResponse,
  INDEXING_POLL_MS,
  isIndexing,
  knowledgeApi,
  knowledgeKeys,
  limitsResponse,
} from "./api";

export function documentsQuery(businessId: string) {
  return queryOptions({
    queryKey: knowledgeKeys.list(businessId),
    queryFn: ({ signal }) => apiRequest(knowledgeApi(businessId), documentListResponse, { signal }),
  });
}

/** All of the business's knowledge, newest first; re-read every 1.5 s while anything is being indexed. */
export function useKnowledgeDocuments(businessId: string) {
  return useQuery({
    ...documentsQuery(businessId),
    select: (data) => data.documents,
    refetchInterval: (query) => (query.state.data?.documents.some(isIndexing) ? INDEXING_POLL_MS : false),
  });
}

export function useKnowledgeDocument(businessId: string, documentId: string) {
  return useQuery({
    queryKey: knowledgeKeys.document(businessId, documentId),
    queryFn: ({ signal }) => apiRequest(knowledgeApi(businessId, `/${documentId}`), documentDetailResponse, { signal }),
    select: (data) => data.document,
    refetchInterval: (query) => (query.state.data && isIndexing(query.state.data.document) ? INDEXING_POLL_MS : false),
    // A 404 will not turn into a 200 by asking again.
    retry: (count, error) => count < 1 && !(error instanceof ApiRequestError && error.status === 404),
  });
}

/** Upload limits change only with a deploy. */
export function useUploadLimits(businessId: string) {
  return useQuery({
    queryKey: knowledgeKeys.limits(businessId),
    queryFn: ({ signal }) => apiRequest(knowledgeApi(businessId, "/limits"), limitsResponse, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

type ListData = { documents: KnowledgeDocumentSummary[] };
type DetailData = { document: KnowledgeDocumentDetail };

/** Turns an item on or off for the assistant; the switch moves at once and snaps back if the server says no. */
export function useSetEnabled(businessId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ document, enabled }: { document: KnowledgeDocumentSummary; enabled: boolean }) =>
      apiRequest(knowledgeApi(businessId, `/${document.id}`), documentResponse, { method: "PATCH", body: { enabled } }),
    onMutate: async ({ document, enabled }) => {
      const listKey = knowledgeKeys.list(businessId);
      const detailKey = knowledgeKeys.document(businessId, document.id);
      await Promise.all([queryClient.cancelQueries({ queryKey: listKey }), queryClient.cancelQueries({ queryKey: detailKey })]);
      const previousList = queryClient.getQueryData<ListData>(listKey);
      const previousDetail = queryClient.getQueryData<DetailData>(detailKey);
      queryClient.setQueryData<ListData>(listKey, (data) =>
        data ? { documents: data.documents.map((d) => (d.id === document.id ? { ...d, enabled } : d)) } : data,
      );
      queryClient.setQueryData<DetailData>(detailKey, (data) => (data ? { document: { ...data.document, enabled } } : data));
      return { previousList, previousDetail };
    },
    onError: (error, { document }, context) => {
      if (context?.previousList) queryClient.setQueryData(knowledgeKeys.list(businessId), context.previousList);
      if (context?.previousDetail) queryClient.setQueryData(knowledgeKeys.document(businessId, document.id), context.previousDetail);
      toast.error(`Could not update “${document.title}”: ${errorMessage(error)}`);
    },
    onSuccess: (_data, { document, enabled }) => {
      toast.success(enabled ? `“${document.title}” is back in use` : `“${document.title}” is turned off. The assistant will not use it.`);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: knowledgeKeys.all(businessId) }),
  });
}

/** Indexes an item again (after a failure, or to pick up a new embedding model). */
export function useReindex(businessId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (document: KnowledgeDocumentSummary) =>
      apiRequest(knowledgeApi(businessId, `/${document.id}/reindex`), documentResponse, { method: "POST" }),
    onSuccess: (_data, document) => toast.success(`Indexing “${document.title}” again`),
    onError: (error, document) => toast.error(`Could not re-index “${document.title}”: ${errorMessage(error)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: knowledgeKeys.all(businessId) }),
  });
}

export function useDeleteDocument(businessId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (document: KnowledgeDocumentSummary) =>
      apiRequest(knowledgeApi(businessId, `/${document.id}`), noContent, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: knowledgeKeys.list(businessId) }),
  });
}
