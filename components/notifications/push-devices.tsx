"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { BellOff, BellRing, Send, Smartphone, Trash2 } from "lucide-react";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { apiRequest, errorMessage, noContent } from "@/components/api/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { Skeleton } from "@/components/ui/skeleton";
import { deviceList, pushTestResponse, vapidKeyResponse, type DeviceItem } from "@/lib/notifications/api";

/** What this browser can do about push, decided once it has loaded (the server cannot know). */
type Support = "checking" | "supported" | "unsupported" | "install-first";

const devicesKey = ["push-devices"] as const;

/** The browser's PushManager wants the VAPID key as bytes; the server hands it out as base64url. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64url.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(base64url.length / 4) * 4, "="));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const sameKey = (a: ArrayBuffer | null | undefined, b: Uint8Array) => Boolean(a) && a!.byteLength === b.byteLength && new Uint8Array(a!).every((v, i) => v === b[i]);

/** "Chrome on Android", "Safari on iPhone": enough for a person to tell their devices apart. */
function deviceLabel(): string {
  const ua = navigator.userAgent;
  const browser = /Edg\//.test(ua) ? "Edge" : /Firefox\//.test(ua) ? "Firefox" : /Chrome\//.test(ua) ? "Chrome" : /Safari\//.test(ua) ? "Safari" : "Browser";
  const system = /iPhone/.test(ua)
    ? "iPhone"
    : /iPad/.test(ua)
      ? "iPad"
      : /Android/.test(ua)
        ? "Android"
        : /Mac OS X/.test(ua)
          ? "Mac"
          : /Windows/.test(ua)
            ? "Windows"
            : /Linux/.test(ua)
              ? "Linux"
              : "this device";
  return `${browser} on ${system}`;
}

async function currentRegistration(): Promise<ServiceWorkerRegistration> {
  // The service worker is registered in production builds; elsewhere enabling push registers it on demand.
  const existing = await navigator.serviceWorker.getRegistration("/");
  if (!existing) await navigator.serviceWorker.register("/sw.js", { scope: "/", updateViaCache: "none" });
  return navigator.serviceWorker.ready;
}

/** Settings → Notifications → Push: turn pushes on for this device, test them, and manage every device of yours. */
export function PushDevices() {
  const queryClient = useQueryClient();
  const [support, setSupport] = useState<Support>("checking");
  const [permission, setPermission] = useState<NotificationPermission>("default");
  const [thisEndpoint, setThisEndpoint] = useState<string | null>(null);
  const [busy, setBusy] = useState<"enable" | "disable" | "test" | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const vapid = useQuery({ queryKey: ["push-vapid-key"], queryFn: ({ signal }) => apiRequest("/api/push/vapid-key", vapidKeyResponse, { signal }) });
  const devices = useQuery({ queryKey: devicesKey, queryFn: ({ signal }) => apiRequest("/api/push/subscriptions", deviceList, { signal }) });

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const capable = "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
      const appleMobile = /iPhone|iPad/.test(navigator.userAgent);
      const next: Support = capable ? "supported" : appleMobile ? "install-first" : "unsupported";
      let endpoint: string | null = null;
      if (capable) {
        const registration = await navigator.serviceWorker.getRegistration("/");
        endpoint = (await registration?.pushManager.getSubscription())?.endpoint ?? null;
      }
      if (cancelled) return;
      setSupport(next);
      if (capable) setPermission(Notification.permission);
      setThisEndpoint(endpoint);
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  async function enable() {
    const publicKey = vapid.data?.publicKey;
    if (!publicKey) return;
    setBusy("enable");
    setProblem(null);
    try {
      const granted = await Notification.requestPermission();
      setPermission(granted);
      if (granted !== "granted") {
        setProblem("Notifications are blocked for this site. Allow them in your browser's site settings, then try again.");
        return;
      }
      const registration = await currentRegistration();
      const key = keyBytes(publicKey);
      let subscription = await registration.pushManager.getSubscription();
      // A subscription made for another key (the server's keys changed) cannot receive our pushes: start again.
      if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
        await subscription.unsubscribe();
        subscription = null;
      }
      subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
      await apiRequest("/api/push/subscriptions", z.object({ id: z.uuid() }), {
        method: "POST",
        body: { ...subscription.toJSON(), device: deviceLabel() },
      });
      setThisEndpoint(subscription.endpoint);
      await queryClient.invalidateQueries({ queryKey: devicesKey });
      toast.success("Push notifications are on for this device");
    } catch (error) {
      setProblem(error instanceof DOMException ? `This browser refused: ${error.message}` : errorMessage(error));
    } finally {
      setBusy(null);
    }
  }

  async function forget(device: Pick<DeviceItem, "endpoint">) {
    setProblem(null);
    try {
      if (device.endpoint === thisEndpoint) {
        setBusy("disable");
        const registration = await navigator.serviceWorker.getRegistration("/");
        await (await registration?.pushManager.getSubscription())?.unsubscribe();
        setThisEndpoint(null);
      }
      await apiRequest("/api/push/subscriptions", noContent, { method: "DELETE", body: { endpoint: device.endpoint } });
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(null);
      await queryClient.invalidateQueries({ queryKey: devicesKey });
    }
  }

  async function sendTest() {
    setBusy("test");
    setProblem(null);
    try {
      const result = await apiRequest("/api/push/test", pushTestResponse, { method: "POST" });
      if (result.sent > 0) toast.success(`Test push sent to ${result.sent} ${result.sent === 1 ? "device" : "devices"}`);
      if (result.removed > 0) toast.info(`${result.removed} ${result.removed === 1 ? "device no longer accepts" : "devices no longer accept"} pushes and ${result.removed === 1 ? "was" : "were"} removed`);
      if (result.sent === 0 && result.removed === 0) setProblem("No device accepted the test push. Try again in a minute.");
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(null);
      await queryClient.invalidateQueries({ queryKey: devicesKey });
    }
  }

  const items = devices.data?.items ?? [];
  const thisOneOn = thisEndpoint !== null && items.some((d) => d.endpoint === thisEndpoint);

  return (
    <Card>
      <CardHeader>
        <CardTitle>Push notifications</CardTitle>
        <CardDescription>Handoffs reach your phone or computer even when the dashboard is closed. These devices are yours in every business you work for.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-5">
        <FormError message={problem} />
        <div className="flex flex-wrap items-center gap-3" aria-live="polite">
          {support === "checking" || vapid.isPending ? (
            <Skeleton className="h-10 w-56" />
          ) : vapid.data?.enabled === false ? (
            <p className="text-body-sm text-muted-foreground">Push notifications are not enabled on this server (it needs VAPID keys).</p>
          ) : support === "install-first" ? (
            <p className="text-body-sm text-muted-foreground">
              On iPhone and iPad, add Frontdesk to your Home Screen first (Share, then Add to Home Screen), open it from there, and enable push in
              this page.
            </p>
          ) : support === "unsupported" ? (
            <p className="text-body-sm text-muted-foreground">This browser does not support push notifications. Try a current Chrome, Edge, Firefox or Safari.</p>
          ) : permission === "denied" && !thisOneOn ? (
            <p className="flex items-start gap-2 text-body-sm text-muted-foreground">
              <BellOff className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
              Notifications are blocked for this site. Allow them in your browser&apos;s site settings, then reload this page.
            </p>
          ) : thisOneOn ? (
            <p className="flex items-center gap-2 text-body-sm text-success">
              <BellRing className="size-4" aria-hidden="true" />
              Push is on for this device.
            </p>
          ) : (
            <Button onClick={() => void enable()} loading={busy === "enable"}>
              <BellRing aria-hidden="true" />
              Enable push on this device
            </Button>
          )}
          {items.length > 0 && vapid.data?.enabled ? (
            <Button variant="outline" onClick={() => void sendTest()} loading={busy === "test"}>
              <Send aria-hidden="true" />
              Send test push
            </Button>
          ) : null}
        </div>

        <section aria-labelledby="push-devices-heading" className="space-y-2">
          <h3 id="push-devices-heading" className="font-semibold text-heading">
            Your devices
          </h3>
          {devices.isPending ? (
            <Skeleton className="h-16 w-full" />
          ) : devices.isError ? (
            <FormError message={errorMessage(devices.error)} />
          ) : items.length === 0 ? (
            <p className="text-body-sm text-muted-foreground">No device receives pushes yet.</p>
          ) : (
            <ul className="divide-y divide-border rounded-lg border border-border">
              {items.map((device) => (
                <li key={device.id} className="flex items-center gap-3 px-3 py-2">
                  <Smartphone className="size-5 shrink-0 text-muted-foreground" aria-hidden="true" />
                  <div className="min-w-0 flex-1">
                    <p className="flex flex-wrap items-center gap-2 font-medium text-heading">
                      <span className="truncate">{device.device || "Unnamed device"}</span>
                      {device.endpoint === thisEndpoint ? <Badge variant="info">This device</Badge> : null}
                      {device.failures > 0 ? <Badge variant="warning">{device.failures} failed</Badge> : null}
                    </p>
                    <p className="text-body-sm text-muted-foreground">
                      Added {new Date(device.createdAt).toLocaleDateString()}
                      {device.lastSuccessAt ? ` · last push ${new Date(device.lastSuccessAt).toLocaleString()}` : ""}
                    </p>
                  </div>
                  <Button
                    variant="ghost"
                    size="icon"
                    aria-label={`Remove ${device.device || "unnamed device"}`}
                    disabled={busy !== null}
                    onClick={() => void forget(device)}
                  >
                    <Trash2 aria-hidden="true" />
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </CardContent>
    </Card>
  );
}
