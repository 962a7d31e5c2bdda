"use client";

import { Link2, LogOut, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { apiRequest, errorMessage, noContent } from "@/components/api/client";
import { dateFormatter, formatDate } from "@/components/format/dates";
import { initials } from "@/components/dashboard/user-menu";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-error";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import type { TeamRole } from "./business-types";
import { InviteCard } from "./invite-form";
import { assignableRoles, canManage, ROLE_LABELS, roleLabel } from "./team-roles";

export type TeamMember = { userId: string; email: string; fullName: string; role: string; joinedAt: string };
export type TeamInvitation = {
  id: string;
  email: string | null;
  role: string;
  status: "pending" | "accepted" | "expired" | "revoked";
  expiresAt: string;
  createdAt: string;
};

type Confirm =
  | { kind: "remove"; member: TeamMember }
  | { kind: "leave"; member: TeamMember }
  | { kind: "revoke"; invitation: TeamInvitation };

export function TeamManager({
  businessId,
  businessName,
  currentUserId,
  viewerRole,
  members,
  invitations,
  locale,
  timeZone,
}: {
  businessId: string;
  businessName: string;
  currentUserId: string;
  viewerRole: TeamRole;
  members: TeamMember[];
  invitations: TeamInvitation[];
  locale: string;
  timeZone: string;
}) {
  const router = useRouter();
  const [pendingRoles, setPendingRoles] = useState<Record<string, string>>({});
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [confirmPending, setConfirmPending] = useState(false);
  const [confirmError, setConfirmError] = useState<string | null>(null);

  const dateFormat = dateFormatter({ dateStyle: "medium" }, locale, timeZone);
  const formatDay = (iso: string) => formatDate(iso, dateFormat);
  const pending = invitations.filter((invitation) => invitation.status === "pending");
  const sortedMembers = [...members].sort((a, b) =>
    a.userId === currentUserId ? -1 : b.userId === currentUserId ? 1 : a.fullName.localeCompare(b.fullName),
  );

  async function changeRole(member: TeamMember, role: string) {
    setPendingRoles((current) => ({ ...current, [member.userId]: role }));
    try {
      await apiRequest(`/api/businesses/${businessId}/members/${member.userId}`, noContent, { method: "PATCH", body: { role } });
      toast.success(`${member.fullName || member.email} is now an ${roleLabel(role).toLowerCase()}.`);
      router.refresh();
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setPendingRoles((current) => {
        const next = { ...current };
        delete next[member.userId];
        return next;
      });
    }
  }

  function openConfirm(value: Confirm) {
    setConfirmError(null);
    setConfirm(value);
  }

  async function runConfirm() {
    if (!confirm) return;
    setConfirmPending(true);
    setConfirmError(null);
    try {
      if (confirm.kind === "revoke") {
        await apiRequest(`/api/businesses/${businessId}/invitations/${confirm.invitation.id}`, noContent, { method: "DELETE" });
        toast.success("Invitation revoked. Its link no longer works.");
      } else {
        await apiRequest(`/api/businesses/${businessId}/members/${confirm.member.userId}`, noContent, { method: "DELETE" });
        if (confirm.kind === "leave") {
          router.replace("/");
          router.refresh();
          return;
        }
        toast.success(`${confirm.member.fullName || confirm.member.email} was removed from ${businessName}.`);
      }
      setConfirm(null);
      router.refresh();
    } catch (error) {
      setConfirmError(errorMessage(error));
    } finally {
      setConfirmPending(false);
    }
  }

  const confirmCopy = confirm
    ? confirm.kind === "remove"
      ? {
          title: `Remove ${confirm.member.fullName || confirm.member.email}?`,
          body: `They will lose access to ${businessName} straight away. You can invite them again later.`,
          action: "Remove",
        }
      : confirm.kind === "leave"
        ? {
            title: `Leave ${businessName}?`,
            body: "You will lose access to this business. To come back, someone on the team has to invite you again.",
            action: "Leave business",
          }
        : {
            title: "Revoke this invitation?",
            body: `The link for ${confirm.invitation.email ?? "this invitation"} will stop working. Nobody has joined with it yet.`,
            action: "Revoke",
          }
    : null;

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader>
          <CardTitle>Members</CardTitle>
          <CardDescription>
            {members.length === 1 ? "1 person has" : `${members.length} people have`} access to {businessName}.
          </CardDescription>
        </CardHeader>
        <CardContent className="px-0 sm:px-0">
          <ul className="divide-y divide-border border-t border-border">
            {sortedMembers.map((member) => {
              const isSelf = member.userId === currentUserId;
              const manageable = !isSelf && canManage(viewerRole, member.role);
              const roleValue = pendingRoles[member.userId] ?? member.role;
              const selectId = `role-${member.userId}`;
              const options = assignableRoles(viewerRole);
              return (
                <li key={member.userId} className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-center sm:px-6">
                  <div className="flex min-w-0 flex-1 items-center gap-3">
                    <span
                      aria-hidden="true"
                      className="flex size-10 shrink-0 items-center justify-center rounded-full bg-secondary text-body-sm font-semibold text-secondary-foreground"
                    >
                      {initials(member.fullName, member.email)}
                    </span>
                    <div className="min-w-0">
                      <p className="flex items-center gap-2 font-medium text-heading">
                        <span className="truncate">{member.fullName || member.email}</span>
                        {isSelf ? <Badge variant="info">You</Badge> : null}
                      </p>
                      <p className="truncate text-body-sm text-muted-foreground">{member.email}</p>
                      <p className="text-caption font-normal text-muted-foreground">Joined {formatDay(member.joinedAt)}</p>
                    </div>
                  </div>
                  <div className="flex items-center gap-2 pl-13 sm:pl-0">
                    {manageable ? (
                      <>
                        <Label htmlFor={selectId} className="sr-only">
                          Role of {member.fullName || member.email}
                        </Label>
                        <Select
                          id={selectId}
                          size="sm"
                          className="w-32"
                          value={roleValue}
                          disabled={member.userId in pendingRoles}
                          onChange={(e) => changeRole(member, e.target.value)}
                        >
                          {!options.some((role) => role === roleValue) ? <option value={roleValue}>{roleLabel(roleValue)}</option> : null}
                          {options.map((role) => (
                            <option key={role} value={role}>
                              {ROLE_LABELS[role]}
                            </option>
                          ))}
                        </Select>
                        <Button
                          variant="ghost"
                          size="icon-sm"
                          aria-label={`Remove ${member.fullName || member.email}`}
                          onClick={() => openConfirm({ kind: "remove", member })}
                        >
                          <Trash2 aria-hidden="true" />
                        </Button>
                      </>
                    ) : (
                      <>
                        <Badge variant={member.role === "owner" ? "info" : "neutral"}>{roleLabel(member.role)}</Badge>
                        {isSelf ? (
                          <Button variant="outline" size="sm" onClick={() => openConfirm({ kind: "leave", member })}>
                            <LogOut aria-hidden="true" />
                            Leave
                          </Button>
                        ) : null}
                      </>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        </CardContent>
      </Card>

      <InviteCard businessId={businessId} viewerRole={viewerRole} onCreated={() => router.refresh()} />

      <Card>
        <CardHeader>
          <CardTitle>Pending invitations</CardTitle>
          <CardDescription>Links that have not been used yet. Revoke one if it went to the wrong person.</CardDescription>
        </CardHeader>
        <CardContent className={pending.length > 0 ? "px-0 sm:px-0" : undefined}>
          {pending.length === 0 ? (
            <p className="text-body-sm text-muted-foreground">No pending invitations.</p>
          ) : (
            <ul className="divide-y divide-border border-t border-border">
              {pending.map((invitation) => (
                <li key={invitation.id} className="flex items-center gap-3 px-5 py-4 sm:px-6">
                  <span
                    aria-hidden="true"
                    className="flex size-10 shrink-0 items-center justify-center rounded-full border border-dashed border-input text-muted-foreground"
                  >
                    <Link2 className="size-4" />
                  </span>
                  <div className="min-w-0 flex-1">
                    <p className="truncate font-medium text-heading">{invitation.email ?? "Anyone with the link"}</p>
                    <p className="text-body-sm text-muted-foreground">
                      {roleLabel(invitation.role)} · expires {formatDay(invitation.expiresAt)}
                    </p>
                  </div>
                  <Button variant="outline" size="sm" onClick={() => openConfirm({ kind: "revoke", invitation })}>
                    Revoke
                    <span className="sr-only"> the invitation for {invitation.email ?? "anyone with the link"}</span>
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>

      <Dialog
        open={confirm !== null}
        onOpenChange={(open) => {
          if (!open && !confirmPending) setConfirm(null);
        }}
        title={confirmCopy?.title ?? ""}
        description={confirmCopy?.body}
        footer={
          <>
            <Button variant="outline" onClick={() => setConfirm(null)} disabled={confirmPending}>
              Cancel
            </Button>
            <Button variant="destructive" onClick={runConfirm} loading={confirmPending}>
              {confirmCopy?.action}
            </Button>
          </>
        }
      >
        {confirmError ? <FormError message={confirmError} /> : null}
      </Dialog>
    </div>
  );
}
