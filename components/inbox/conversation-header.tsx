"use client";

import { ArrowLeft, Bot, CircleCheck, Hand, IdCard, RotateCcw, UserPlus } from "lucide-react";
import Link from "next/link";
import { toast } from "sonner";
import { ApiRequestError, errorMessage } from "@/components/api/client";
import { Button, buttonVariants } from "@/components/ui/button";
import { Dropdown } from "@/components/ui/dropdown";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { prioritySchema, type ConversationPatch, type ConversationState } from "@/lib/inbox/api";
import { ChannelIcon, PriorityBadge, StatusBadge } from "./bits";
import { CHANNEL_LABELS, PRIORITY_LABELS } from "./format";
import { memberName, useConversationAction, useMembers, usePatchConversation, useTeams, type ConversationAction } from "./queries";

const ACTION_DONE: Record<ConversationAction, string> = {
  "take-over": "You have taken over. The assistant stays quiet in this conversation until you hand it back.",
  "hand-back": "Handed back to the assistant. It answers the next message.",
  resolve: "Conversation resolved.",
  reopen: "Conversation reopened.",
};

/** Who the conversation is with, where it stands, and what a person can do with it. */
export function ConversationHeader({
  businessId,
  conversation,
  name,
  currentUserId,
  backHref,
  contactOpen,
  contactPanelId,
  onToggleContact,
}: {
  businessId: string;
  conversation: ConversationState;
  name: string;
  currentUserId: string;
  backHref: string;
  contactOpen: boolean;
  contactPanelId: string;
  onToggleContact: () => void;
}) {
  const action = useConversationAction(businessId, conversation.id);
  const { status } = conversation;

  function run(kind: ConversationAction) {
    action.mutate(kind, {
      onSuccess: () => toast.success(ACTION_DONE[kind]),
      onError: (error) => {
        // A conflict names who got there first ("Carol already took this conversation"); the view refreshes meanwhile.
        if (error instanceof ApiRequestError && error.status === 409) toast.error(error.message);
        else toast.error(`Could not ${kind.replace("-", " ")}: ${errorMessage(error)}`);
      },
    });
  }

  const busy = (kind: ConversationAction) => action.isPending && action.variables === kind;
  const assignedToSomeoneElse = conversation.assignee && conversation.assignee.userId !== currentUserId;

  return (
    <header className="border-b border-border px-3 py-3 sm:px-4">
      <div className="flex items-center gap-2">
        <Link href={backHref} className={buttonVariants({ variant: "ghost", size: "icon-sm", className: "-ml-1 lg:hidden" })}>
          <ArrowLeft aria-hidden="true" />
          <span className="sr-only">Back to the inbox</span>
        </Link>
        <h2 className="min-w-0 flex-1 truncate text-h4 text-heading">{name}</h2>
        <AssignMenu businessId={businessId} conversation={conversation} currentUserId={currentUserId} />
        <Button
          variant="ghost"
          size="icon-sm"
          className="xl:hidden"
          aria-expanded={contactOpen}
          aria-controls={contactPanelId}
          onClick={onToggleContact}
        >
          <IdCard aria-hidden="true" />
          <span className="sr-only">Contact details</span>
        </Button>
      </div>
      <div className="mt-1.5 flex flex-wrap items-center gap-x-2 gap-y-1.5 text-body-sm text-muted-foreground">
        <span className="inline-flex items-center gap-1">
          <ChannelIcon channel={conversation.channel} decorative />
          {CHANNEL_LABELS[conversation.channel]}
        </span>
        <StatusBadge status={status} />
        <PriorityBadge priority={conversation.priority} />
        {conversation.afterHours ? <span>After hours</span> : null}
        <span>
          {conversation.assignee
            ? conversation.assignee.userId === currentUserId
              ? "Assigned to you"
              : `Assigned to ${conversation.assignee.name}`
            : "Unassigned"}
          {conversation.team ? ` · ${conversation.team.name}` : null}
        </span>
      </div>
      <div className="mt-2.5 flex flex-wrap items-center gap-1.5">
        {status === "ai" || status === "needs_human" || status === "resolved" ? (
          <Button size="sm" className="h-9 px-2.5" onClick={() => run("take-over")} loading={busy("take-over")} disabled={action.isPending}>
            <Hand aria-hidden="true" />
            Take over
          </Button>
        ) : null}
        {status === "human" || status === "needs_human" ? (
          <Button size="sm" variant="outline" className="h-9 px-2.5" onClick={() => run("hand-back")} loading={busy("hand-back")} disabled={action.isPending}>
            <Bot aria-hidden="true" />
            Hand back to AI
          </Button>
        ) : null}
        {status === "resolved" ? (
          <Button size="sm" variant="outline" className="h-9 px-2.5" onClick={() => run("reopen")} loading={busy("reopen")} disabled={action.isPending}>
            <RotateCcw aria-hidden="true" />
            Reopen
          </Button>
        ) : (
          <Button size="sm" variant="outline" className="h-9 px-2.5" onClick={() => run("resolve")} loading={busy("resolve")} disabled={action.isPending}>
            <CircleCheck aria-hidden="true" />
            Resolve
          </Button>
        )}
        {assignedToSomeoneElse && status === "human" ? (
          <span className="text-body-sm text-muted-foreground">{conversation.assignee?.name} is handling this.</span>
        ) : null}
      </div>
    </header>
  );
}

function AssignMenu({ businessId, conversation, currentUserId }: { businessId: string; conversation: ConversationState; currentUserId: string }) {
  const members = useMembers(businessId);
  const teams = useTeams(businessId);
  const patch = usePatchConversation(businessId, conversation.id);

  function change(value: ConversationPatch, done: string) {
    patch.mutate(value, {
      onSuccess: () => toast.success(done),
      onError: (error) => toast.error(`Could not change that: ${errorMessage(error)}`),
    });
  }

  const memberList = members.data ?? [];
  const assigneeKnown = !conversation.assignee || memberList.some((m) => m.userId === conversation.assignee?.userId);
  const teamList = teams.data ?? [];
  const teamKnown = !conversation.team || teamList.some((t) => t.id === conversation.team?.id);

  return (
    <Dropdown
      align="end"
      buttonClassName="h-9 border border-border bg-surface px-3 text-body-sm font-medium shadow-sm"
      panelClassName="w-72"
      buttonLabel="Assign"
      buttonContent={
        <>
          <UserPlus className="size-4" aria-hidden="true" />
          {/* On a phone the icon alone leaves the contact's name room; the button keeps its name for assistive tech. */}
          <span className="hidden sm:inline">Assign</span>
        </>
      }
    >
      <div className="space-y-3 p-2" aria-busy={patch.isPending || undefined}>
        <div className="space-y-1.5">
          <Label htmlFor="assign-member">Person</Label>
          <Select
            id="assign-member"
            size="sm"
            disabled={patch.isPending || members.isPending}
            value={conversation.assignee?.userId ?? ""}
            onChange={(event) => {
              const userId = event.target.value || null;
              const person = memberList.find((m) => m.userId === userId);
              change({ assigneeId: userId }, person ? `Assigned to ${userId === currentUserId ? "you" : memberName(person)}.` : "Nobody is assigned now.");
            }}
          >
            <option value="">Nobody</option>
            {!assigneeKnown && conversation.assignee ? <option value={conversation.assignee.userId}>{conversation.assignee.name}</option> : null}
            {memberList.map((member) => (
              <option key={member.userId} value={member.userId}>
                {member.userId === currentUserId ? `${memberName(member)} (you)` : memberName(member)}
              </option>
            ))}
          </Select>
          {members.isError ? <p className="text-body-sm text-danger">Could not load the team: {errorMessage(members.error)}</p> : null}
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="assign-team">Team</Label>
          <Select
            id="assign-team"
            size="sm"
            disabled={patch.isPending || teams.isPending}
            value={conversation.team?.id ?? ""}
            onChange={(event) => {
              const teamId = event.target.value || null;
              const team = teamList.find((t) => t.id === teamId);
              change({ teamId }, team ? `Assigned to ${team.name}.` : "No team now.");
            }}
          >
            <option value="">No team</option>
            {!teamKnown && conversation.team ? <option value={conversation.team.id}>{conversation.team.name}</option> : null}
            {teamList.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="assign-priority">Priority</Label>
          <Select
            id="assign-priority"
            size="sm"
            disabled={patch.isPending}
            value={conversation.priority}
            onChange={(event) => {
              const priority = prioritySchema.safeParse(event.target.value);
              if (priority.success) change({ priority: priority.data }, `Priority set to ${PRIORITY_LABELS[priority.data].toLowerCase()}.`);
            }}
          >
            {prioritySchema.options.map((priority) => (
              <option key={priority} value={priority}>
                {PRIORITY_LABELS[priority]}
              </option>
            ))}
          </Select>
        </div>
      </div>
    </Dropdown>
  );
}
