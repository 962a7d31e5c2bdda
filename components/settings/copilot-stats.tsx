"use client";

import { useQuery } from "@tanstack/react-query";
import { apiRequest, errorMessage } from "@/components/api/client";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { copilotStatsLine, copilotStatsSchema } from "@/lib/copilot/api";

/** Settings → AI, for owners and admins: what staff did with the copilot's reply suggestions. */
export function CopilotStatsCard({ businessId }: { businessId: string }) {
  const query = useQuery({
    queryKey: ["copilot-stats", businessId],
    queryFn: ({ signal }) => apiRequest(`/api/businesses/${businessId}/copilot/stats`, copilotStatsSchema, { signal }),
  });
  return (
    <Card>
      <CardHeader>
        <CardTitle>Reply suggestions</CardTitle>
        <CardDescription>How your team uses the copilot&apos;s suggested replies in the inbox.</CardDescription>
      </CardHeader>
      <CardContent>
        {query.isPending ? (
          <Skeleton className="h-5 w-3/4" />
        ) : query.isError ? (
          <p className="text-body-sm text-danger">{errorMessage(query.error)}</p>
        ) : query.data.suggested === 0 ? (
          <p className="text-body-sm text-muted-foreground">
            No reply suggestions in the last {query.data.days} days. Your team gets them with &quot;Suggest replies&quot; beside a conversation.
          </p>
        ) : (
          <p className="text-body-sm text-foreground">{copilotStatsLine(query.data)}</p>
        )}
      </CardContent>
    </Card>
  );
}
