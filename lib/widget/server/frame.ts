import { hoursState } from "@/lib/agent/hours";
import type { WidgetBusiness } from "./business";

/** What the chat UI starts from; embedded in its page so the first paint needs no request. */
export type FrameConfig = {
  key: string;
  businessName: string;
  color: string;
  position: "right" | "left";
  greeting: string;
  avatarUrl: string | null;
  privacyNotice: string;
  linkHosts: string[];
  hours: { openNow: boolean; afterHoursLine: string | null; todayLabel: string };
  /** The embedding page the chat may talk to (`permittedParentOrigin`); null: none, it never posts a message. */
  parentOrigin: string | null;
};

export function frameConfig({ business, settings }: WidgetBusiness, { parentOrigin = null, now = new Date() }: { parentOrigin?: string | null; now?: Date } = {}): FrameConfig {
  const hours = hoursState(business.openingHours ?? {}, business.timeZone, now);
  return {
    key: business.widgetKey,
    businessName: business.name,
    color: settings.color,
    position: settings.position,
    greeting: settings.greeting,
    avatarUrl: settings.avatarUrl,
    privacyNotice: settings.privacyNotice.trim(),
    // Links in replies may point at the business's own sites; anything else is shown as plain text.
    linkHosts: settings.allowedOrigins.map((origin) => new URL(origin).host),
    hours: { openNow: hours.openNow, afterHoursLine: hours.afterHoursLine, todayLabel: hours.todayLabel },
    parentOrigin,
  };
}

/** JSON inside a <script> element must not be able to close it. */
const scriptSafeJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function frameHtml(config: FrameConfig, assetVersion: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Chat with ${escapeHtml(config.businessName)}</title>
<script type="application/json" id="frontdesk-config">${scriptSafeJson(config)}</script>
<script src="/widget/chat.js?v=${encodeURIComponent(assetVersion)}" defer></script>
</head>
<body><main id="app"></main></body>
</html>`;
}

/**
 * The frame's security policy: only the business's allowed sites may frame it (any site when the list is empty),
 * scripts and requests stay on this origin, and the only image from elsewhere is the business's avatar.
 */
export function frameContentSecurityPolicy({ settings }: WidgetBusiness): string {
  // The app itself may always frame it: the owner previews the widget from Settings.
  const ancestors = settings.allowedOrigins.length ? ["'self'", ...settings.allowedOrigins].join(" ") : "*";
  const avatar = settings.avatarUrl ? ` ${new URL(settings.avatarUrl).origin}` : "";
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "connect-src 'self'",
    `img-src 'self' data:${avatar}`,
    `frame-ancestors ${ancestors}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}
