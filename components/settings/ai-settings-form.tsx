"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { ApiRequestError, apiRequest, errorMessage } from "@/components/api/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { Label } from "@/components/ui/label";
import { Progress } from "@/components/ui/progress";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Textarea } from "@/components/ui/textarea";
import { TextField } from "@/components/ui/field";
import { CopilotStatsCard } from "./copilot-stats";

const settingsSchema = z.object({
  primaryModel: z.string().nullable(),
  fallbackModel: z.string().nullable(),
  confidenceThreshold: z.number(),
  dailyTokenBudget: z.number(),
  instructions: z.string(),
  defaultModel: z.string(),
  models: z.array(z.object({ id: z.string(), label: z.string(), provider: z.string(), available: z.boolean() })),
  tokensUsedToday: z.number(),
});
type Settings = z.infer<typeof settingsSchema>;

const ENABLED_BY: Record<string, string> = { openai: "OPENAI_API_KEY", anthropic: "ANTHROPIC_API_KEY", compatible: "LLM_COMPATIBLE_BASE_URL" };

/** Settings → AI: which model answers, the fallback, when a person takes over, the daily budget and the tone. */
export function AiSettingsForm({ businessId, canEdit }: { businessId: string; canEdit: boolean }) {
  const query = useQuery({
    queryKey: ["ai-settings", businessId],
    queryFn: ({ signal }) => apiRequest(`/api/businesses/${businessId}/ai-settings`, settingsSchema, { signal }),
  });
  if (query.isPending) return <Skeleton className="h-96 w-full" />;
  if (query.isError) return <FormError message={errorMessage(query.error)} />;
  return (
    <div className="space-y-6">
      <Editor key={JSON.stringify(query.data)} businessId={businessId} saved={query.data} canEdit={canEdit} />
      {/* The usage log is for owners and admins, the people who may edit these settings. */}
      {canEdit ? <CopilotStatsCard businessId={businessId} /> : null}
    </div>
  );
}

function Editor({ businessId, saved, canEdit }: { businessId: string; saved: Settings; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const [primary, setPrimary] = useState(saved.primaryModel ?? "");
  const [fallback, setFallback] = useState(saved.fallbackModel ?? "");
  const [threshold, setThreshold] = useState(Math.round(saved.confidenceThreshold * 100));
  const [budget, setBudget] = useState(String(saved.dailyTokenBudget));
  const [instructions, setInstructions] = useState(saved.instructions);
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const defaultLabel = saved.models.find((m) => m.id === saved.defaultModel)?.label ?? saved.defaultModel;
  const missing = [...new Set(saved.models.filter((m) => !m.available).map((m) => ENABLED_BY[m.provider]).filter(Boolean))];
  const used = Math.min(100, (saved.tokensUsedToday / saved.dailyTokenBudget) * 100);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setFormError(null);
    setFieldErrors({});
    try {
      const next = await apiRequest(`/api/businesses/${businessId}/ai-settings`, settingsSchema, {
        method: "PATCH",
        body: {
          primaryModel: primary || null,
          fallbackModel: fallback || null,
          confidenceThreshold: threshold / 100,
          dailyTokenBudget: Number(budget),
          instructions,
        },
      });
      queryClient.setQueryData(["ai-settings", businessId], next);
      toast.success("AI settings saved");
    } catch (error) {
      setFormError(errorMessage(error));
      if (error instanceof ApiRequestError) setFieldErrors(error.fieldMessages());
    } finally {
      setPending(false);
    }
  }

  const options = saved.models.map((m) => (
    <option key={m.id} value={m.id} disabled={!m.available}>
      {m.label}
      {m.available ? "" : " (not configured)"}
    </option>
  ));

  return (
    <form onSubmit={save} noValidate className="space-y-6">
      <FormError message={formError} />
      <Card>
        <CardHeader>
          <CardTitle>Model</CardTitle>
          <CardDescription>Which AI answers your customers. If it fails or is too slow, the fallback answers, and the built-in offline model after that.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6 md:grid-cols-2">
          <div className="space-y-1.5">
            <Label htmlFor="ai-primary">Main model</Label>
            <Select id="ai-primary" value={primary} disabled={!canEdit} onChange={(e) => setPrimary(e.target.value)}>
              <option value="">Default: {defaultLabel}</option>
              {options}
            </Select>
            {fieldErrors.primaryModel ? <p className="text-body-sm text-danger">{fieldErrors.primaryModel}</p> : null}
          </div>
          <div className="space-y-1.5">
            <Label htmlFor="ai-fallback">Fallback model</Label>
            <Select id="ai-fallback" value={fallback} disabled={!canEdit} onChange={(e) => setFallback(e.target.value)}>
              <option value="">None (the offline model)</option>
              {options}
            </Select>
            {fieldErrors.fallbackModel ? <p className="text-body-sm text-danger">{fieldErrors.fallbackModel}</p> : null}
          </div>
          {missing.length > 0 ? (
            <p className="text-body-sm text-muted-foreground md:col-span-2">More models become available when the server sets {missing.join(", ")}.</p>
          ) : null}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Hand-off and budget</CardTitle>
          <CardDescription>When a person should take over, and how much the assistant may use in a day.</CardDescription>
        </CardHeader>
        <CardContent className="space-y-6">
          <div className="space-y-1.5">
            <Label htmlFor="ai-threshold">Hand-off below {threshold}% confidence</Label>
            <input id="ai-threshold" type="range" min={0} max={100} step={5} value={threshold} disabled={!canEdit} onChange={(e) => setThreshold(Number(e.target.value))} className="w-full accent-primary" aria-describedby="ai-threshold-hint" />
            <p id="ai-threshold-hint" className="text-body-sm text-muted-foreground">
              Below this confidence a person takes over. Complaints, refunds, medical and legal questions always go to a person at the default.
            </p>
          </div>
          <TextField id="ai-budget" label="Daily token budget" type="number" inputMode="numeric" min={1000} value={budget} disabled={!canEdit} onChange={(e) => setBudget(e.target.value)} error={fieldErrors.dailyTokenBudget} />
          <div className="space-y-1.5">
            <Progress value={used} label="Tokens used today" valueText={`${saved.tokensUsedToday.toLocaleString()} of ${saved.dailyTokenBudget.toLocaleString()} tokens`} tone={used >= 90 ? "danger" : "info"} />
            <p className="text-body-sm text-muted-foreground">
              {saved.tokensUsedToday.toLocaleString()} of {saved.dailyTokenBudget.toLocaleString()} tokens today. When it is spent, chats go to your team until midnight. The built-in offline model is free and not counted.
            </p>
          </div>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Tone</CardTitle>
          <CardDescription>Extra guidance for the assistant, e.g. &quot;Friendly and concise, use first names&quot;.</CardDescription>
        </CardHeader>
        <CardContent>
          <Label htmlFor="ai-instructions" className="sr-only">Tone and extra guidance</Label>
          <Textarea id="ai-instructions" rows={3} maxLength={2000} value={instructions} disabled={!canEdit} onChange={(e) => setInstructions(e.target.value)} />
        </CardContent>
        {canEdit ? (
          <CardFooter className="justify-end">
            <Button type="submit" loading={pending} className="w-full sm:w-auto">
              {pending ? "Saving…" : "Save changes"}
            </Button>
          </CardFooter>
        ) : null}
      </Card>
    </form>
  );
}
