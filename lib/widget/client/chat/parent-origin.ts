/**
 * The one page the chat frame trusts (posts the visitor's token to, takes any message from): the origin the server
 * permitted for this business (an allowed site, or with none set the embedding page the browser named in the frame
 * load's Referer), and only while the browser agrees that this is the page embedding the frame. Chromium names its
 * parent in `location.ancestorOrigins`; elsewhere `document.referrer` is the embedding page. null: no page is
 * confirmed, and only messages with no secret in them pass (`targetOriginFor`, `acceptedFromParent`); never "*".
 */
export function embedderOrigin({
  permitted,
  ancestorOrigins,
  referrer,
}: {
  permitted: string | null;
  ancestorOrigins: ArrayLike<string> | undefined;
  referrer: string;
}): string | null {
  if (!permitted) return null;
  let reported: string | null = ancestorOrigins && ancestorOrigins.length > 0 ? ancestorOrigins[0]! : null;
  if (reported === null) {
    try {
      reported = referrer ? new URL(referrer).origin : null;
    } catch {
      reported = null;
    }
  }
  return reported === permitted ? permitted : null;
}

/** What the chat frame tells its embedding page. Only the token carries a secret. */
export type FrameToParent = { type: "frontdesk:token"; token: string } | { type: "frontdesk:close" };

/**
 * Where a message to the embedding page goes (the `targetOrigin` of postMessage), or null: not sent. The token only
 * to the confirmed page. A message with no secret in it ("close") to the confirmed page, or when none is confirmed
 * (no allowed sites and no Referer, Firefox with an empty `document.referrer`) to whatever page embeds the frame:
 * otherwise the close button and Escape would do nothing, over a chat that covers a phone's whole screen. The loader
 * acts on it only when it comes from its own frame (`loaderAction`).
 */
export function targetOriginFor(message: FrameToParent, parentOrigin: string | null): string | null {
  if (message.type === "frontdesk:token") return parentOrigin;
  return parentOrigin ?? "*";
}

/** Messages from the embedding page that carry nothing to trust: the frame may act on them from an unconfirmed page. */
const SECRET_FREE_FROM_PARENT: readonly string[] = ["frontdesk:opened"];

/**
 * The message type the frame acts on, of a message from another window, or null to ignore it. Only from the window
 * that embeds the frame (`source === parent`). With the embedding page confirmed, only from that origin; with none
 * confirmed, only a message that carries nothing to trust ("opened": focus the composer), never a token or settings.
 */
export function acceptedFromParent(
  event: { source: unknown; origin: string; data: unknown },
  { parent, parentOrigin }: { parent: unknown; parentOrigin: string | null },
): string | null {
  if (event.source !== parent || event.source === null) return null;
  const type = (event.data as { type?: unknown } | null)?.type;
  if (typeof type !== "string") return null;
  if (parentOrigin) return event.origin === parentOrigin ? type : null;
  return SECRET_FREE_FROM_PARENT.includes(type) ? type : null;
}
