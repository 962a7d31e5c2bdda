import { statSync } from "node:fs";
import path from "node:path";
import { route } from "@/lib/http/handler";
import { businessByWidgetKey } from "@/lib/widget/server/business";
import { frameConfig, frameContentSecurityPolicy, frameHtml } from "@/lib/widget/server/frame";
import { permittedParentOrigin } from "@/lib/widget/server/origin";

let assetVersion: string | undefined;
/** Changes with each widget build, so a browser never runs a stale chat bundle against a newer API. */
function chatBundleVersion(): string {
  if (!assetVersion) {
    try {
      assetVersion = Math.round(statSync(path.join(/*turbopackIgnore: true*/ process.cwd(), "public/widget/chat.js")).mtimeMs).toString(36);
    } catch {
      assetVersion = "dev";
    }
  }
  return assetVersion;
}

/** The chat UI's page inside the widget's iframe: a shell for the chat bundle, framable only by allowed sites. */
export const GET = route("widget.frame", async (request) => {
  const key = new URL(request.url).searchParams.get("key") ?? "";
  const widget = await businessByWidgetKey(key);
  // The page the chat will hand the visitor's token to: an allowed site, confirmed by the browser; never any page.
  const parentOrigin = permittedParentOrigin(request, widget.settings.allowedOrigins);
  return new Response(frameHtml(frameConfig(widget, { parentOrigin }), chatBundleVersion()), {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": frameContentSecurityPolicy(widget),
      "Cache-Control": "no-store",
    },
  });
});
