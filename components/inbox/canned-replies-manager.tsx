"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Info, MessageSquareText, Pencil, Plus, Trash2 } from "lucide-react";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { ApiRequestError, apiRequest, errorMessage, noContent } from "@/components/api/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { FieldError, FormError } from "@/components/ui/form-error";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { Textarea } from "@/components/ui/textarea";
import { cannedReply, cannedReplyInput, type CannedReply, type CannedReplyInput } from "@/lib/inbox/api";
import { businessApi, cannedRepliesKey, useCannedReplies } from "./queries";
import { ConfirmDeleteDialog } from "./confirm-delete-dialog";

const CONTENT_MAX = 4000;
type FieldErrors = Partial<Record<keyof CannedReplyInput, string>>;

/** Field messages from zod's issues, first one per field. */
function issuesByField(issues: { path: PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const field = issue.path[0];
    if (field === "shortcut" || field === "title" || field === "content") out[field] ??= issue.message;
  }
  return out;
}

/** Settings → Canned replies: the answers staff insert with "/shortcut". Owners and admins edit; agents read. */
export function CannedRepliesManager({ businessId, canEdit }: { businessId: string; canEdit: boolean }) {
  const replies = useCannedReplies(businessId);
  const queryClient = useQueryClient();
  // Each opening remounts the form (fresh values); closing keeps it mounted so the dialog can hand focus back.
  const [editor, setEditor] = useState<{ open: boolean; reply: CannedReply | null; opened: number }>({ open: false, reply: null, opened: 0 });
  const openEditor = (reply: CannedReply | null) => setEditor((current) => ({ open: true, reply, opened: current.opened + 1 }));
  const [deleting, setDeleting] = useState<CannedReply | null>(null);
  const remove = useMutation({
    mutationFn: (reply: CannedReply) => apiRequest(businessApi(businessId, `/canned-replies/${reply.id}`), noContent, { method: "DELETE" }),
    onSuccess: (_data, reply) => {
      toast.success(`/${reply.shortcut} deleted.`);
      setDeleting(null);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: cannedRepliesKey(businessId) }),
  });

  return (
    <Card>
      <CardHeader className="sm:flex-row sm:items-start sm:justify-between sm:gap-4">
        <div className="space-y-1">
          <CardTitle>Canned replies</CardTitle>
          <CardDescription>
            Answers your team sends often. In a reply, type <kbd className="rounded border border-border px-1 font-mono">/</kbd> and the shortcut to
            insert one, then change it as needed before sending.
          </CardDescription>
        </div>
        {canEdit ? (
          <Button size="sm" className="self-start" onClick={() => openEditor(null)}>
            <Plus aria-hidden="true" />
            New canned reply
          </Button>
        ) : null}
      </CardHeader>
      <CardContent className="space-y-4">
        {!canEdit ? (
          <p className="flex items-start gap-2 rounded-lg bg-info-soft px-4 py-3 text-body-sm text-info">
            <Info className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
            Only owners and admins can add or change canned replies. You can use any of them in a reply.
          </p>
        ) : null}
        {replies.isPending ? (
          <div role="status" aria-label="Loading canned replies" className="space-y-3">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-20 w-full" />
            ))}
          </div>
        ) : replies.isError ? (
          <div className="space-y-3">
            <FormError message={`Could not load canned replies. ${errorMessage(replies.error)}`} />
            <Button variant="outline" size="sm" onClick={() => void replies.refetch()} loading={replies.isFetching}>
              Try again
            </Button>
          </div>
        ) : replies.data.length === 0 ? (
          <EmptyState icon={MessageSquareText} title="No canned replies yet" headingLevel={3}>
            <p>
              {canEdit
                ? "Add the answers your team types again and again: opening hours, prices, how to book."
                : "When an owner or admin adds some, you can insert them in a reply with /."}
            </p>
          </EmptyState>
        ) : (
          <ul className="divide-y divide-border rounded-xl border border-border">
            {replies.data.map((reply) => (
              <li key={reply.id} className="flex flex-col gap-2 p-4 sm:flex-row sm:items-start sm:gap-4">
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-2">
                    <code className="rounded-md bg-secondary px-1.5 py-0.5 font-mono text-body-sm text-secondary-foreground">/{reply.shortcut}</code>
                    <span className="font-medium break-words text-heading">{reply.title}</span>
                  </p>
                  <p className="mt-1.5 line-clamp-3 text-body-sm break-words whitespace-pre-wrap text-muted-foreground">{reply.content}</p>
                </div>
                {canEdit ? (
                  <div className="flex shrink-0 gap-1">
                    <Button variant="ghost" size="sm" onClick={() => openEditor(reply)} aria-label={`Edit /${reply.shortcut}`}>
                      <Pencil aria-hidden="true" />
                      Edit
                    </Button>
                    <Button
                      variant="ghost"
                      size="sm"
                      className="text-danger"
                      onClick={() => {
                        remove.reset();
                        setDeleting(reply);
                      }}
                      aria-label={`Delete /${reply.shortcut}`}
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

      <CannedReplyDialog
        key={editor.opened}
        open={editor.open}
        businessId={businessId}
        reply={editor.reply}
        onClose={() => setEditor((current) => ({ ...current, open: false }))}
      />

      <ConfirmDeleteDialog
        open={deleting !== null}
        title={deleting ? `Delete /${deleting.shortcut}?` : "Delete canned reply?"}
        description="Your team will no longer be able to insert it. Replies already sent are not changed."
        pending={remove.isPending}
        error={remove.isError ? remove.error : null}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting)}
      />
    </Card>
  );
}

function CannedReplyDialog({
  open,
  businessId,
  reply,
  onClose,
}: {
  open: boolean;
  businessId: string;
  reply: CannedReply | null;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<CannedReplyInput>({
    shortcut: reply?.shortcut ?? "",
    title: reply?.title ?? "",
    content: reply?.content ?? "",
  });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const set = (field: keyof CannedReplyInput) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    if (fieldErrors[field]) setFieldErrors((current) => ({ ...current, [field]: undefined }));
  };

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const parsed = cannedReplyInput.safeParse({ ...values, shortcut: values.shortcut.replace(/^\//, "") });
    if (!parsed.success) {
      setFieldErrors(issuesByField(parsed.error.issues));
      return;
    }
    setFieldErrors({});
    setPending(true);
    try {
      await apiRequest(businessApi(businessId, reply ? `/canned-replies/${reply.id}` : "/canned-replies"), cannedReply, {
        method: reply ? "PATCH" : "POST",
        body: parsed.data,
      });
      await queryClient.invalidateQueries({ queryKey: cannedRepliesKey(businessId) });
      toast.success(reply ? `/${parsed.data.shortcut} saved.` : `/${parsed.data.shortcut} added. Type it in a reply to use it.`);
      onClose();
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 409) {
        setFieldErrors({ shortcut: error.message });
      } else {
        setFormError(errorMessage(error));
        if (error instanceof ApiRequestError) setFieldErrors(error.fieldMessages());
      }
    } finally {
      setPending(false);
    }
  }

  const formId = reply ? `canned-form-${reply.id}` : "canned-form-new";
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) onClose();
      }}
      title={reply ? `Edit /${reply.shortcut}` : "New canned reply"}
      footer={
        <>
          <Button variant="outline" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form={formId} loading={pending}>
            {reply ? "Save" : "Add reply"}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={save} noValidate className="space-y-4">
        <FormError message={formError} />
        <TextField
          id={`${formId}-shortcut`}
          label="Shortcut"
          value={values.shortcut}
          onChange={(event) => set("shortcut")(event.target.value)}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          placeholder="prices"
          maxLength={33}
          hint="Letters, digits, - or _. Typed after / in a reply."
          error={fieldErrors.shortcut}
          size="sm"
        />
        <TextField
          id={`${formId}-title`}
          label="Title"
          value={values.title}
          onChange={(event) => set("title")(event.target.value)}
          placeholder="Our prices"
          maxLength={80}
          error={fieldErrors.title}
          size="sm"
        />
        <div className="space-y-1.5">
          <Label htmlFor={`${formId}-content`}>Reply</Label>
          <Textarea
            id={`${formId}-content`}
            value={values.content}
            onChange={(event) => set("content")(event.target.value)}
            rows={6}
            maxLength={CONTENT_MAX}
            aria-invalid={fieldErrors.content ? true : undefined}
            aria-describedby={`${formId}-content-count ${formId}-content-error`}
            className="text-body-sm"
          />
          <p id={`${formId}-content-count`} className="text-right text-caption font-normal text-muted-foreground tabular-nums">
            {`${values.content.length.toLocaleString()} / ${CONTENT_MAX.toLocaleString()}`}
          </p>
          <FieldError id={`${formId}-content-error`} message={fieldErrors.content} />
        </div>
      </form>
    </Dialog>
  );
}
