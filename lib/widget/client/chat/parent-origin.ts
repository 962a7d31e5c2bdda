/**
 * The one page the chat frame talks to (posts the visitor's token and "close" to, takes messages from): the origin the
 * server permitted for this business (an allowed site, or with none set the embedding page the browser named in the
 * frame load's Referer), and only while the browser agrees that this is the page embedding the frame. Chromium names
 * its parent in `location.ancestorOrigins`; elsewhere `document.referrer` is the embedding page. null: talk to no one,
 * and never to "*".
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
