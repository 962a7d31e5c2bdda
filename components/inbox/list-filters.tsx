"use client";

import { Search, SlidersHorizontal } from "lucide-react";
import Link from "next/link";
import { useEffect, useEffectEvent, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dropdown } from "@/components/ui/dropdown";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { channelSchema, type InboxCounts, type InboxView, type Team } from "@/lib/inbox/api";
import { filtersToSearch, type InboxFilters } from "./filters";
import { CHANNEL_LABELS } from "./format";

const VIEWS: { view: InboxView; label: string; count?: keyof InboxCounts }[] = [
  { view: "all", label: "All" },
  { view: "needs_human", label: "Needs a person", count: "needs_human" },
  { view: "mine", label: "Mine", count: "mine" },
  { view: "unassigned", label: "Unassigned", count: "unassigned" },
  { view: "ai", label: "AI handling" },
  { view: "after_hours", label: "After hours", count: "after_hours" },
  { view: "resolved", label: "Resolved" },
];

/** The views as links (they change the URL, so Back and a shared link work), with counts where the server has them. */
export function ViewTabs({ path, filters, counts }: { path: string; filters: InboxFilters; counts: InboxCounts | undefined }) {
  const activeRef = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    activeRef.current?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [filters.view]);

  return (
    <nav aria-label="Inbox views" className="border-b border-border">
      <ul className="flex overflow-x-auto px-2">
        {VIEWS.map(({ view, label, count }) => {
          const active = filters.view === view;
          const value = count && counts ? counts[count] : null;
          return (
            <li key={view} className="shrink-0">
              <Link
                ref={active ? activeRef : undefined}
                href={`${path}${filtersToSearch({ ...filters, view })}`}
                aria-current={active ? "true" : undefined}
                scroll={false}
                className={cn(
                  "relative inline-flex h-11 items-center gap-1.5 px-2.5 text-body-sm font-medium whitespace-nowrap transition-colors duration-150 focus-visible:-outline-offset-2",
                  active ? "text-heading" : "text-muted-foreground hover:text-foreground",
                )}
              >
                {label}
                {value ? (
                  <span
                    className={cn(
                      "min-w-5 rounded-full px-1.5 text-center text-caption tabular-nums",
                      view === "needs_human" ? "bg-danger-solid text-white" : "bg-secondary text-secondary-foreground",
                    )}
                  >
                    {value}
                  </span>
                ) : null}
                {active ? <span className="absolute inset-x-2 -bottom-px h-0.5 rounded-full bg-primary" aria-hidden="true" /> : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

const SEARCH_DELAY_MS = 300;

/** Search (debounced into the URL) and the channel/team filters behind one button. */
export function FilterBar({
  filters,
  teams,
  teamsFailed,
  onChange,
}: {
  filters: InboxFilters;
  /** Undefined while the teams load. */
  teams: Team[] | undefined;
  teamsFailed: boolean;
  onChange: (filters: InboxFilters) => void;
}) {
  const [text, setText] = useState(filters.q ?? "");
  const [lastUrlQuery, setLastUrlQuery] = useState(filters.q ?? "");
  // Back/forward or a "clear" elsewhere changes the URL's query: the box follows it.
  if ((filters.q ?? "") !== lastUrlQuery) {
    setLastUrlQuery(filters.q ?? "");
    // Not when the URL merely caught up with the box (that would eat a space typed before the pause).
    if (text.trim() !== (filters.q ?? "")) setText(filters.q ?? "");
  }

  function commit(value: string) {
    const q = value.trim();
    if (q === (filters.q ?? "")) return;
    onChange({ ...filters, q: q || undefined });
  }
  const commitLater = useEffectEvent(commit);
  useEffect(() => {
    const timer = window.setTimeout(() => commitLater(text), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [text]);

  const active = (filters.channel ? 1 : 0) + (filters.team ? 1 : 0);
  const teamName = teams?.find((t) => t.id === filters.team)?.name;

  return (
    <div className="flex items-center gap-2 px-3 py-2">
      <div className="relative min-w-0 flex-1">
        <Label htmlFor="inbox-search" className="sr-only">
          Search conversations by name, email, phone or message
        </Label>
        <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
        <Input
          id="inbox-search"
          type="search"
          size="sm"
          placeholder="Search name, email, phone, text"
          autoComplete="off"
          maxLength={200}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") commit(text);
          }}
          className="h-11 pl-9"
        />
      </div>
      <Dropdown
        align="end"
        buttonLabel={active ? `Filters, ${active} on` : "Filters"}
        buttonClassName={cn("h-11 shrink-0 border border-border bg-surface px-3 text-body-sm font-medium", active && "border-primary")}
        buttonContent={
          <>
            <SlidersHorizontal className="size-4" aria-hidden="true" />
            {active ? <span className="rounded-full bg-primary px-1.5 text-caption text-primary-foreground">{active}</span> : null}
          </>
        }
      >
        <div className="space-y-3 p-2">
          <div className="space-y-1.5">
            <Label htmlFor="inbox-channel">Channel</Label>
            <Select
              id="inbox-channel"
              size="sm"
              value={filters.channel ?? ""}
              onChange={(event) => {
                const channel = channelSchema.safeParse(event.target.value);
                onChange({ ...filters, channel: channel.success ? channel.data : undefined });
              }}
            >
              <option value="">All channels</option>
              {channelSchema.options.map((channel) => (
                <option key={channel} value={channel}>
                  {CHANNEL_LABELS[channel]}
                </option>
              ))}
            </Select>
          </div>
          {(teams && teams.length > 0) || filters.team ? (
            <div className="space-y-1.5">
              <Label htmlFor="inbox-team">Team</Label>
              <Select
                id="inbox-team"
                size="sm"
                value={filters.team ?? ""}
                onChange={(event) => onChange({ ...filters, team: event.target.value || undefined })}
              >
                <option value="">All teams</option>
                {filters.team && !teamName ? <option value={filters.team}>A team that no longer exists</option> : null}
                {(teams ?? []).map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
              </Select>
            </div>
          ) : (
            <p className="text-body-sm text-muted-foreground">
              {teamsFailed
                ? "Could not load the teams to filter by."
                : teams
                  ? "No teams to filter by yet. Owners and admins create them in Settings → Teams."
                  : "Loading teams…"}
            </p>
          )}
          {active ? (
            <Button variant="outline" size="sm" className="w-full" onClick={() => onChange({ ...filters, channel: undefined, team: undefined })}>
              Clear filters
            </Button>
          ) : null}
        </div>
      </Dropdown>
    </div>
  );
}
