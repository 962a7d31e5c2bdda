"use client";

import { useQuery } from "@tanstack/react-query";
import { apiRequest, errorMessage } from "@/components/api/client";
import { EmailBrowser, emailListSchema } from "./email-browser";

/** The local mailbox (embedded mode): every email the app "sent", polled so new ones appear by themselves. */
export function MailboxView() {
  const query = useQuery({
    queryKey: ["dev-mailbox"],
    queryFn: ({ signal }) => apiRequest("/api/dev/mailbox", emailListSchema, { signal }),
    refetchInterval: 5000,
  });
  return (
    <EmailBrowser
      emails={query.data?.emails}
      isLoading={query.isPending}
      error={query.isError ? errorMessage(query.error) : null}
      onRefresh={() => void query.refetch()}
      isRefreshing={query.isFetching && !query.isPending}
      empty={
        <p>
          Password resets, invitations and other emails land here while Frontdesk runs locally. This page checks for new
          mail every few seconds.
        </p>
      }
    />
  );
}
