/** What the loader does with a message posted to the embedding page: close the chat, keep the visitor's token, or nothing. */
export type LoaderAction = { kind: "close" } | { kind: "token"; token: string } | null;

/**
 * Only the loader's own frame (`source === frame.contentWindow`, which no other page or frame can pose as) is heard.
 * "close" carries nothing to trust, and the frame may send it to "*" when it has not confirmed this page as its
 * embedder, so it is keyed on the source alone; the token must also come from the chat's origin.
 */
export function loaderAction(
  event: { origin: string; source: unknown; data: unknown },
  { host, frame }: { host: string; frame: unknown },
): LoaderAction {
  if (frame === null || frame === undefined || event.source !== frame) return null;
  const data = event.data as { type?: unknown; token?: unknown } | null;
  if (data?.type === "frontdesk:close") return { kind: "close" };
  if (data?.type === "frontdesk:token" && typeof data.token === "string" && event.origin === host) return { kind: "token", token: data.token };
  return null;
}
