"use client";

import { useQuery } from "@tanstack/react-query";
import { apiRequest, errorMessage } from "@/components/api/client";
import { EmailBrowser, emailListSchema } from "./email-browser";

/** The business's outgoing emails (invitations, password resets, digests), newest first. */
export function OutboxView({ businessId, timeZone, locale }: { businessId: string; timeZone: string; locale: string | null }) {
  const query = useQuery({
    queryKey: ["outbox", businessId],
    queryFn: ({ signal }) => apiRequest(`/api/businesses/${businessId}/outbox`, emailListSchema, { signal }),
  });
  return (
    <EmailBrowser
      emails={query.data?.emails}
      isLoading={query.isPending}
      error={query.isError ? errorMessage(query.error) : null}
      onRefresh={() => void query.refetch()}
      isRefreshing={query.isFetching && !query.isPending}
      timeZone={timeZone}
      locale={locale}
      empty={<p>Emails Frontdesk sends on behalf of this business, such as team invitations, will be listed here.</p>}
    />
  );
}
