import { z } from "zod";
import { channelSchema, inboxViews, type InboxView } from "@/lib/inbox/api";

type Channel = z.infer<typeof channelSchema>;

/** The list's filters; they live in the URL so a reload or a shared link shows the same list. */
export type InboxFilters = { view: InboxView; channel?: Channel; team?: string; q?: string };

export const DEFAULT_VIEW: InboxView = "all";

type ReadableParams = { get(name: string): string | null };

export function filtersFromParams(params: ReadableParams): InboxFilters {
  const view = inboxViews.find((v) => v === params.get("view")) ?? DEFAULT_VIEW;
  const channel = channelSchema.safeParse(params.get("channel"));
  const team = z.uuid().safeParse(params.get("team"));
  const q = (params.get("q") ?? "").trim().slice(0, 200);
  return {
    view,
    ...(channel.success ? { channel: channel.data } : {}),
    ...(team.success ? { team: team.data } : {}),
    ...(q ? { q } : {}),
  };
}

/** "?view=mine&channel=whatsapp", or "" for the default list. */
export function filtersToSearch(filters: InboxFilters): string {
  const params = new URLSearchParams();
  if (filters.view !== DEFAULT_VIEW) params.set("view", filters.view);
  if (filters.channel) params.set("channel", filters.channel);
  if (filters.team) params.set("team", filters.team);
  if (filters.q) params.set("q", filters.q);
  const search = params.toString();
  return search ? `?${search}` : "";
}

export function inboxHref(businessId: string, filters: InboxFilters, conversationId?: string): string {
  return `/b/${businessId}/inbox${conversationId ? `/${conversationId}` : ""}${filtersToSearch(filters)}`;
}
