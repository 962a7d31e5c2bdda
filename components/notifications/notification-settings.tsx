"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { ApiRequestError, apiRequest, errorMessage } from "@/components/api/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FieldError, FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Switch } from "@/components/ui/switch";
import {
  NOTIFICATION_TYPE_LABELS,
  notificationTypeList,
  preferencesResponse,
  type ChannelChoice,
  type NotificationPreferences,
} from "@/lib/notifications/api";
import { PushDevices } from "./push-devices";

const CHANNELS: { key: keyof ChannelChoice; label: string }[] = [
  { key: "toast", label: "Toast" },
  { key: "push", label: "Push" },
  { key: "email", label: "Email" },
];

const preferencesKey = (businessId: string) => ["notification-preferences", businessId] as const;

/** Settings → Notifications: the signed-in person's own preferences for this business, and their push devices. */
export function NotificationSettings({ businessId, businessName }: { businessId: string; businessName: string }) {
  const query = useQuery({
    queryKey: preferencesKey(businessId),
    queryFn: ({ signal }) => apiRequest(`/api/businesses/${businessId}/notification-preferences`, preferencesResponse, { signal }),
  });
  return (
    <div className="space-y-6">
      {query.isPending ? (
        <Skeleton className="h-96 w-full" />
      ) : query.isError ? (
        <FormError message={errorMessage(query.error)} />
      ) : (
        <PreferencesForm key={JSON.stringify(query.data.preferences)} businessId={businessId} businessName={businessName} saved={query.data.preferences} />
      )}
      <PushDevices />
    </div>
  );
}

function PreferencesForm({ businessId, businessName, saved }: { businessId: string; businessName: string; saved: NotificationPreferences }) {
  const queryClient = useQueryClient();
  const [channels, setChannels] = useState(saved.channels);
  const [onDuty, setOnDuty] = useState(saved.onDuty);
  const [quiet, setQuiet] = useState(saved.quietStart !== null);
  const [quietStart, setQuietStart] = useState(saved.quietStart ?? "22:00");
  const [quietEnd, setQuietEnd] = useState(saved.quietEnd ?? "07:00");
  const [timeZone, setTimeZone] = useState(saved.timeZone);
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const zones = useMemo(() => {
    const known = Intl.supportedValuesOf("timeZone");
    return known.includes(timeZone) ? known : [timeZone, ...known];
  }, [timeZone]);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setFormError(null);
    setFieldErrors({});
    try {
      const next = await apiRequest(`/api/businesses/${businessId}/notification-preferences`, preferencesResponse, {
        method: "PATCH",
        body: { channels, onDuty, timeZone, quietStart: quiet ? quietStart : null, quietEnd: quiet ? quietEnd : null },
      });
      queryClient.setQueryData(preferencesKey(businessId), next);
      toast.success("Notification settings saved");
    } catch (error) {
      setFormError(errorMessage(error));
      if (error instanceof ApiRequestError) setFieldErrors(error.fieldMessages());
    } finally {
      setPending(false);
    }
  }

  const setChannel = (type: keyof typeof channels, key: keyof ChannelChoice, value: boolean) =>
    setChannels((current) => ({ ...current, [type]: { ...current[type], [key]: value } }));

  return (
    <form onSubmit={save} noValidate className="space-y-6">
      <FormError message={formError} />
      <Card>
        <CardHeader>
          <CardTitle>On duty</CardTitle>
          <CardDescription>
            While you are on duty, conversations the assistant hands over at {businessName} come to you. Off duty, they go to teammates on duty, or
            to the owners when nobody is.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <div className="flex items-center justify-between gap-4">
            <Label htmlFor="notifications-on-duty">I&apos;m on duty for handoffs</Label>
            <Switch id="notifications-on-duty" checked={onDuty} onCheckedChange={setOnDuty} stateText={["On", "Off"]} />
          </div>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>What reaches you</CardTitle>
          <CardDescription>
            A toast shows (with a sound) while the dashboard is open; a push reaches your phone or computer when it is closed; an email goes to your
            sign-in address. The bell always lists everything.
          </CardDescription>
        </CardHeader>
        <CardContent className="overflow-x-auto">
          <table className="w-full text-left">
            <thead>
              <tr className="border-b border-border text-body-sm text-muted-foreground">
                <th scope="col" className="py-2 pr-2 font-medium">
                  Notification
                </th>
                {CHANNELS.map((channel) => (
                  <th key={channel.key} scope="col" className="w-16 px-1 py-2 text-center font-medium">
                    {channel.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {notificationTypeList.map((type) => (
                <tr key={type} className="border-b border-border last:border-0">
                  <th scope="row" className="py-2 pr-2 align-middle font-normal">
                    <span className="block font-medium text-heading">{NOTIFICATION_TYPE_LABELS[type].label}</span>
                    <span className="block text-body-sm text-muted-foreground">{NOTIFICATION_TYPE_LABELS[type].hint}</span>
                  </th>
                  {CHANNELS.map((channel) => (
                    <td key={channel.key} className="px-1 py-2 text-center align-middle">
                      <Switch
                        aria-label={`${NOTIFICATION_TYPE_LABELS[type].label}: ${channel.label.toLowerCase()}`}
                        checked={channels[type][channel.key]}
                        onCheckedChange={(value) => setChannel(type, channel.key, value)}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Quiet hours</CardTitle>
          <CardDescription>
            No pushes, emails or sounds during these hours, and no handoffs come to you. The dashboard still shows everything if it is open.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-5">
          <div className="flex items-center justify-between gap-4">
            <Label htmlFor="notifications-quiet">Use quiet hours</Label>
            <Switch id="notifications-quiet" checked={quiet} onCheckedChange={setQuiet} stateText={["On", "Off"]} />
          </div>
          {quiet ? (
            <div className="grid gap-4 sm:grid-cols-2">
              <div className="space-y-1.5">
                <Label htmlFor="notifications-quiet-start">From</Label>
                <Input
                  id="notifications-quiet-start"
                  type="time"
                  required
                  value={quietStart}
                  onChange={(e) => setQuietStart(e.target.value)}
                  aria-invalid={fieldErrors.quietStart ? true : undefined}
                  aria-describedby="notifications-quiet-start-error"
                />
                <FieldError id="notifications-quiet-start-error" message={fieldErrors.quietStart} />
              </div>
              <div className="space-y-1.5">
                <Label htmlFor="notifications-quiet-end">Until</Label>
                <Input
                  id="notifications-quiet-end"
                  type="time"
                  required
                  value={quietEnd}
                  onChange={(e) => setQuietEnd(e.target.value)}
                  aria-invalid={fieldErrors.quietEnd ? true : undefined}
                  aria-describedby="notifications-quiet-end-hint notifications-quiet-end-error"
                />
                <p id="notifications-quiet-end-hint" className="text-body-sm text-muted-foreground">
                  An end before the start runs overnight, e.g. 22:00 until 07:00.
                </p>
                <FieldError id="notifications-quiet-end-error" message={fieldErrors.quietEnd} />
              </div>
            </div>
          ) : null}
          <div className="space-y-1.5">
            <Label htmlFor="notifications-time-zone">Your time zone</Label>
            <Select
              id="notifications-time-zone"
              value={timeZone}
              onChange={(e) => setTimeZone(e.target.value)}
              aria-invalid={fieldErrors.timeZone ? true : undefined}
              aria-describedby="notifications-time-zone-error"
            >
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll("_", " ")}
                </option>
              ))}
            </Select>
            <FieldError id="notifications-time-zone-error" message={fieldErrors.timeZone} />
          </div>
        </CardContent>
      </Card>

      <div className="flex justify-end">
        <Button type="submit" loading={pending}>
          Save notification settings
        </Button>
      </div>
    </form>
  );
}
