"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { ApiRequestError, apiRequest, errorMessage } from "@/components/api/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { Textarea } from "@/components/ui/textarea";
import { readableTextColour } from "@/lib/widget/client/colour";

const settingsSchema = z.object({
  color: z.string(),
  position: z.enum(["right", "left"]),
  greeting: z.string(),
  launcherLabel: z.string(),
  avatarUrl: z.string().nullable(),
  allowedOrigins: z.array(z.string()),
  privacyNotice: z.string(),
  widgetKey: z.string(),
  snippet: z.string(),
});
type Settings = z.infer<typeof settingsSchema>;

/** Settings → Widget: the embed snippet, how the widget looks, where it may appear, and the privacy notice. */
export function WidgetSettingsForm({ businessId, canEdit }: { businessId: string; canEdit: boolean }) {
  const query = useQuery({
    queryKey: ["widget-settings", businessId],
    queryFn: ({ signal }) => apiRequest(`/api/businesses/${businessId}/widget-settings`, settingsSchema, { signal }),
  });
  if (query.isPending) return <Skeleton className="h-96 w-full" />;
  if (query.isError) return <FormError message={errorMessage(query.error)} />;
  return <Editor key={JSON.stringify(query.data)} businessId={businessId} saved={query.data} canEdit={canEdit} />;
}

function Editor({ businessId, saved, canEdit }: { businessId: string; saved: Settings; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(saved);
  const [originsText, setOriginsText] = useState(saved.allowedOrigins.join("\n"));
  const [pending, setPending] = useState(false);
  const [confirmKey, setConfirmKey] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const ink = readableTextColour(draft.color);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setFormError(null);
    setFieldErrors({});
    try {
      const next = await apiRequest(`/api/businesses/${businessId}/widget-settings`, settingsSchema, {
        method: "PATCH",
        body: {
          color: draft.color,
          position: draft.position,
          greeting: draft.greeting,
          launcherLabel: draft.launcherLabel,
          avatarUrl: draft.avatarUrl?.trim() ? draft.avatarUrl.trim() : null,
          allowedOrigins: originsText.split(/[\n,]+/).map((o) => o.trim()).filter(Boolean),
          privacyNotice: draft.privacyNotice,
        },
      });
      queryClient.setQueryData(["widget-settings", businessId], next);
      toast.success("Widget settings saved");
    } catch (error) {
      setFormError(errorMessage(error));
      if (error instanceof ApiRequestError) setFieldErrors(error.fieldMessages());
    } finally {
      setPending(false);
    }
  }

  async function replaceKey() {
    setConfirmKey(false);
    try {
      const next = await apiRequest(`/api/businesses/${businessId}/widget-settings/key`, z.object({ widgetKey: z.string(), snippet: z.string() }), { method: "POST" });
      queryClient.setQueryData(["widget-settings", businessId], { ...saved, ...next });
      toast.success("New widget key created: update the snippet on your website");
    } catch (error) {
      toast.error(errorMessage(error));
    }
  }

  return (
    <form onSubmit={save} noValidate className="space-y-6">
      <FormError message={formError} />
      <Card>
        <CardHeader>
          <CardTitle>Add the chat to your website</CardTitle>
          <CardDescription>Paste this line before the closing &lt;/body&gt; tag of every page that should show the chat.</CardDescription>
        </CardHeader>
        <CardContent className="space-y-3">
          <pre className="whitespace-pre-wrap break-all rounded-lg bg-secondary p-3 text-body-sm" aria-label="Embed snippet"><code>{saved.snippet}</code></pre>
          <div className="flex flex-wrap gap-2">
            <CopyButton text={saved.snippet} label="Copy snippet" />
            {canEdit ? (
              <Button type="button" variant="outline" onClick={() => setConfirmKey(true)}>
                Replace key
              </Button>
            ) : null}
          </div>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Look and greeting</CardTitle>
          <CardDescription>How the chat button and the chat window appear to your visitors.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6 md:grid-cols-2">
          <div className="space-y-4">
            <div className="space-y-1.5">
              <Label htmlFor="widget-color">Colour</Label>
              <div className="flex items-center gap-2">
                <input id="widget-color-picker" type="color" aria-label="Pick a colour" value={draft.color} disabled={!canEdit} onChange={(e) => set("color", e.target.value)} className="h-11 w-14 rounded-md border border-input" />
                <TextField id="widget-color" label="Hex colour" className="flex-1" value={draft.color} disabled={!canEdit} onChange={(e) => set("color", e.target.value)} error={fieldErrors.color} />
              </div>
            </div>
            <fieldset className="space-y-1.5">
              <legend className="text-body-sm font-medium">Position</legend>
              <div className="flex gap-4">
                {(["right", "left"] as const).map((side) => (
                  <label key={side} className="flex min-h-11 items-center gap-2">
                    <input type="radio" name="position" value={side} checked={draft.position === side} disabled={!canEdit} onChange={() => set("position", side)} />
                    Bottom {side}
                  </label>
                ))}
              </div>
            </fieldset>
            <TextField id="widget-label" label="Button label (read by screen readers)" maxLength={40} value={draft.launcherLabel} disabled={!canEdit} onChange={(e) => set("launcherLabel", e.target.value)} error={fieldErrors.launcherLabel} />
            <div className="space-y-1.5">
              <Label htmlFor="widget-greeting">Greeting</Label>
              <Textarea id="widget-greeting" rows={2} maxLength={500} value={draft.greeting} disabled={!canEdit} onChange={(e) => set("greeting", e.target.value)} />
              {fieldErrors.greeting ? <p className="text-body-sm text-danger">{fieldErrors.greeting}</p> : null}
            </div>
            <TextField id="widget-avatar" label="Avatar image (optional, https)" placeholder="https://…/logo.png" value={draft.avatarUrl ?? ""} disabled={!canEdit} onChange={(e) => set("avatarUrl", e.target.value)} error={fieldErrors.avatarUrl} />
          </div>
          <div aria-label="Preview" role="img" className="relative min-h-72 rounded-xl border border-border bg-secondary p-4">
            <div className="overflow-hidden rounded-xl bg-background shadow-md">
              <div className="px-4 py-3 font-semibold" style={{ background: draft.color, color: ink }}>
                Chat
              </div>
              <p className="m-3 rounded-lg bg-secondary px-3 py-2 text-body-sm">{draft.greeting || "…"}</p>
            </div>
            <span className={`absolute bottom-4 grid h-12 w-12 place-items-center rounded-full shadow-md ${draft.position === "left" ? "left-4" : "right-4"}`} style={{ background: draft.color, color: ink }}>
              ●
            </span>
          </div>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Where it may appear</CardTitle>
          <CardDescription>The websites allowed to show your chat, one per line (for example https://www.yoursalon.com).</CardDescription>
        </CardHeader>
        <CardContent className="space-y-2">
          <Label htmlFor="widget-origins">Allowed websites</Label>
          <Textarea id="widget-origins" rows={3} value={originsText} disabled={!canEdit} onChange={(e) => setOriginsText(e.target.value)} aria-describedby="widget-origins-hint" />
          <p id="widget-origins-hint" className="text-body-sm text-muted-foreground">
            {originsText.trim() ? "Only these websites can show the chat." : "Any website can embed your widget. Add your site to stop others from using it."}
          </p>
          {fieldErrors.allowedOrigins ? <p className="text-body-sm text-danger">{fieldErrors.allowedOrigins}</p> : null}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Privacy notice</CardTitle>
          <CardDescription>Shown before a visitor&apos;s first message; they accept it to start. Leave empty to skip this step.</CardDescription>
        </CardHeader>
        <CardContent>
          <Label htmlFor="widget-privacy" className="sr-only">Privacy notice</Label>
          <Textarea id="widget-privacy" rows={3} maxLength={2000} value={draft.privacyNotice} disabled={!canEdit} onChange={(e) => set("privacyNotice", e.target.value)} />
        </CardContent>
        {canEdit ? (
          <CardFooter className="justify-end">
            <Button type="submit" loading={pending} className="w-full sm:w-auto">
              {pending ? "Saving…" : "Save changes"}
            </Button>
          </CardFooter>
        ) : null}
      </Card>

      <Dialog
        open={confirmKey}
        onOpenChange={setConfirmKey}
        title="Replace the widget key?"
        description="Websites that still use the old snippet stop showing the chat until you paste the new one, and open chats there end."
        footer={
          <>
            <Button type="button" variant="outline" onClick={() => setConfirmKey(false)}>Cancel</Button>
            <Button type="button" variant="destructive" onClick={() => void replaceKey()}>Replace key</Button>
          </>
        }
      />
    </form>
  );
}
