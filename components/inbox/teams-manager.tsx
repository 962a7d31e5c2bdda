"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Info, Pencil, Plus, Trash2, Users } from "lucide-react";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { ApiRequestError, apiRequest, errorMessage, noContent } from "@/components/api/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { TextField } from "@/components/ui/field";
import { FieldError, FormError } from "@/components/ui/form-error";
import { Skeleton } from "@/components/ui/skeleton";
import { team as teamSchema, teamInput, type Team } from "@/lib/inbox/api";
import { PersonAvatar } from "./bits";
import { businessApi, inboxKeys, memberName, teamsKey, useMembers, useTeams } from "./queries";
import { ConfirmDeleteDialog } from "./confirm-delete-dialog";

type FieldErrors = { name?: string; memberIds?: string };

/** Settings → Teams: groups of members a conversation can be assigned to ("Front desk", "Colour specialists"). */
export function TeamsManager({ businessId, canEdit }: { businessId: string; canEdit: boolean }) {
  const teams = useTeams(businessId);
  const queryClient = useQueryClient();
  // Each opening remounts the form (fresh values); closing keeps it mounted so the dialog can hand focus back.
  const [editor, setEditor] = useState<{ open: boolean; team: Team | null; opened: number }>({ open: false, team: null, opened: 0 });
  const openEditor = (team: Team | null) => setEditor((current) => ({ open: true, team, opened: current.opened + 1 }));
  const [deleting, setDeleting] = useState<Team | null>(null);
  const remove = useMutation({
    mutationFn: (team: Team) => apiRequest(businessApi(businessId, `/teams/${team.id}`), noContent, { method: "DELETE" }),
    onSuccess: (_data, team) => {
      toast.success(`${team.name} deleted.`);
      setDeleting(null);
    },
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: teamsKey(businessId) });
      // Conversations assigned to the team lose it; the inbox shows that.
      await queryClient.invalidateQueries({ queryKey: inboxKeys.all(businessId) });
    },
  });

  return (
    <Card>
      <CardHeader className="sm:flex-row sm:items-start sm:justify-between sm:gap-4">
        <div className="space-y-1">
          <CardTitle>Teams</CardTitle>
          <CardDescription>Group people so a conversation can be assigned to a whole team, and the inbox filtered by team.</CardDescription>
        </div>
        {canEdit ? (
          <Button size="sm" className="self-start" onClick={() => openEditor(null)}>
            <Plus aria-hidden="true" />
            New team
          </Button>
        ) : null}
      </CardHeader>
      <CardContent className="space-y-4">
        {!canEdit ? (
          <p className="flex items-start gap-2 rounded-lg bg-info-soft px-4 py-3 text-body-sm text-info">
            <Info className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
            Only owners and admins can create or change teams.
          </p>
        ) : null}
        {teams.isPending ? (
          <div role="status" aria-label="Loading teams" className="space-y-3">
            {[0, 1].map((i) => (
              <Skeleton key={i} className="h-16 w-full" />
            ))}
          </div>
        ) : teams.isError ? (
          <div className="space-y-3">
            <FormError message={`Could not load teams. ${errorMessage(teams.error)}`} />
            <Button variant="outline" size="sm" onClick={() => void teams.refetch()} loading={teams.isFetching}>
              Try again
            </Button>
          </div>
        ) : teams.data.length === 0 ? (
          <EmptyState icon={Users} title="No teams yet" headingLevel={3}>
            <p>{canEdit ? "Create one for each group that answers customers: reception, stylists, bookings." : "When an owner or admin creates teams, they show here."}</p>
          </EmptyState>
        ) : (
          <ul className="divide-y divide-border rounded-xl border border-border">
            {teams.data.map((team) => (
              <li key={team.id} className="flex flex-col gap-2 p-4 sm:flex-row sm:items-center sm:gap-4">
                <div className="min-w-0 flex-1">
                  <p className="font-medium break-words text-heading">{team.name}</p>
                  {team.members.length === 0 ? (
                    <p className="mt-1 text-body-sm text-muted-foreground">Nobody in this team yet</p>
                  ) : (
                    <div className="mt-1.5 flex flex-wrap items-center gap-2">
                      <span aria-hidden="true" className="flex -space-x-1.5">
                        {team.members.slice(0, 6).map((person) => (
                          <PersonAvatar key={person.userId} name={person.name} className="ring-2 ring-surface" />
                        ))}
                      </span>
                      <p className="min-w-0 text-body-sm text-muted-foreground">
                        <span className="sr-only">Members: </span>
                        {team.members.map((p) => p.name).join(", ")}
                      </p>
                    </div>
                  )}
                </div>
                {canEdit ? (
                  <div className="flex shrink-0 gap-1">
                    <Button variant="ghost" size="sm" onClick={() => openEditor(team)} aria-label={`Edit ${team.name}`}>
                      <Pencil aria-hidden="true" />
                      Edit
                    </Button>
                    <Button
                      variant="ghost"
                      size="sm"
                      className="text-danger"
                      onClick={() => {
                        remove.reset();
                        setDeleting(team);
                      }}
                      aria-label={`Delete ${team.name}`}
                    >
                      <Trash2 aria-hidden="true" />
                      Delete
                    </Button>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </CardContent>

      <TeamDialog
        key={editor.opened}
        open={editor.open}
        businessId={businessId}
        team={editor.team}
        onClose={() => setEditor((current) => ({ ...current, open: false }))}
      />

      <ConfirmDeleteDialog
        open={deleting !== null}
        title={deleting ? `Delete ${deleting.name}?` : "Delete team?"}
        description="Its members stay in the business. Conversations assigned to this team are left without a team."
        confirmLabel="Delete team"
        pending={remove.isPending}
        error={remove.isError ? remove.error : null}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting)}
      />
    </Card>
  );
}

function TeamDialog({ open, businessId, team, onClose }: { open: boolean; businessId: string; team: Team | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const members = useMembers(businessId);
  const [name, setName] = useState(team?.name ?? "");
  const [selected, setSelected] = useState<Set<string>>(() => new Set(team?.members.map((m) => m.userId) ?? []));
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const parsed = teamInput.safeParse({ name, memberIds: [...selected] });
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === "name") errors.name ??= issue.message;
        if (issue.path[0] === "memberIds") errors.memberIds ??= issue.message;
      }
      setFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    setPending(true);
    try {
      await apiRequest(businessApi(businessId, team ? `/teams/${team.id}` : "/teams"), teamSchema, {
        method: team ? "PATCH" : "POST",
        body: parsed.data,
      });
      await queryClient.invalidateQueries({ queryKey: teamsKey(businessId) });
      toast.success(team ? `${parsed.data.name} saved.` : `${parsed.data.name} created.`);
      onClose();
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 409) {
        setFieldErrors({ name: error.message });
      } else {
        setFormError(errorMessage(error));
        if (error instanceof ApiRequestError) setFieldErrors(error.fieldMessages());
      }
    } finally {
      setPending(false);
    }
  }

  const formId = `team-form-${team?.id ?? "new"}`;
  const toggle = (userId: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(userId);
      else next.delete(userId);
      return next;
    });

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) onClose();
      }}
      title={team ? `Edit ${team.name}` : "New team"}
      footer={
        <>
          <Button variant="outline" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form={formId} loading={pending}>
            {team ? "Save" : "Create team"}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={save} noValidate className="space-y-4">
        <FormError message={formError} />
        <TextField
          id={`${formId}-name`}
          label="Name"
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            if (fieldErrors.name) setFieldErrors((current) => ({ ...current, name: undefined }));
          }}
          placeholder="Front desk"
          maxLength={60}
          error={fieldErrors.name}
          size="sm"
        />
        <fieldset aria-describedby={`${formId}-members-error`}>
          <legend className="text-body-sm font-medium text-heading">Members</legend>
          {members.isPending ? (
            <div className="mt-2 space-y-2" aria-hidden="true">
              <Skeleton className="h-8 w-full" />
              <Skeleton className="h-8 w-full" />
            </div>
          ) : members.isError ? (
            <div className="mt-2 space-y-2">
              <FormError message={`Could not load the people in this business. ${errorMessage(members.error)}`} />
              <Button variant="outline" size="sm" onClick={() => void members.refetch()}>
                Try again
              </Button>
            </div>
          ) : (
            <ul className="mt-2 max-h-64 space-y-1 overflow-y-auto">
              {members.data.map((member) => {
                const checkboxId = `${formId}-member-${member.userId}`;
                return (
                  <li key={member.userId}>
                    <label htmlFor={checkboxId} className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg px-2 hover:bg-surface-muted">
                      <input
                        id={checkboxId}
                        type="checkbox"
                        checked={selected.has(member.userId)}
                        onChange={(event) => toggle(member.userId, event.target.checked)}
                        className="size-4 accent-primary"
                      />
                      <span className="min-w-0 flex-1">
                        <span className="block truncate text-body-sm font-medium text-heading">{memberName(member)}</span>
                        {member.fullName.trim() ? <span className="block truncate text-caption font-normal text-muted-foreground">{member.email}</span> : null}
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          )}
          <FieldError id={`${formId}-members-error`} message={fieldErrors.memberIds} />
        </fieldset>
      </form>
    </Dialog>
  );
}
