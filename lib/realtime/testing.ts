import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { withServiceRole } from "@/lib/db";
import { contactIdentities, contacts, conversations, messages, notifications, type ConversationStatus } from "@/lib/db/schema";

/** Test support for the realtime code: waiting for what a stream or the bus delivers, and a conversation to change. */

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `predicate` holds, checking every few milliseconds; rejects after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, { timeoutMs = 5_000, what = "the condition" } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** Reads `read()` again every few milliseconds until `accept` takes its value, which it returns. */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, { timeoutMs = 5_000, what = "the value" } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** A contact with a widget identity and their conversation, written on the service path as ingest would. */
export async function createWidgetConversation(
  businessId: string,
  { visitorId = randomUUID() as string, status = "ai" as ConversationStatus } = {},
): Promise<{ contactId: string; conversationId: string; visitorId: string }> {
  const contactId = randomUUID();
  const conversationId = randomUUID();
  await withServiceRole(async (tx) => {
    await tx.insert(contacts).values({ id: contactId, businessId, name: "Visitor" });
    await tx.insert(contactIdentities).values({ businessId, contactId, channel: "widget", externalId: visitorId });
    await tx.insert(conversations).values({ id: conversationId, businessId, contactId, channel: "widget", status });
  });
  return { contactId, conversationId, visitorId };
}

/** Adds a message to a conversation (service path) and returns its id. */
export async function addMessage(
  businessId: string,
  conversationId: string,
  { role, content = "Hello", authorId = null }: { role: "customer" | "ai" | "agent" | "system" | "note"; content?: string; authorId?: string | null },
): Promise<string> {
  const id = randomUUID();
  await withServiceRole((tx) =>
    tx.insert(messages).values({ id, businessId, conversationId, channel: "widget", role, content, authorId, deliveryStatus: role === "agent" ? "sent" : "delivered" }),
  );
  return id;
}

export async function setConversationStatus(businessId: string, conversationId: string, status: ConversationStatus): Promise<void> {
  await withServiceRole((tx) =>
    tx.update(conversations).set({ status }).where(and(eq(conversations.businessId, businessId), eq(conversations.id, conversationId))),
  );
}

/** A notification for one member (service path, as the notification code writes them); returns its id. */
export async function addNotification(businessId: string, userId: string, conversationId: string | null = null): Promise<string> {
  const id = randomUUID();
  await withServiceRole((tx) => tx.insert(notifications).values({ id, businessId, userId, conversationId, type: "handoff", title: "A customer asks for a person" }));
  return id;
}

/** Reads a server-sent event stream as it arrives: `next(name)` waits for the next event of that name. */
export function readEvents(response: Response) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const received: { event: string; data: unknown; id?: string }[] = [];
  let buffer = "";
  let done = false;
  const pump = (async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) break;
      buffer += chunk.value;
      const blocks = buffer.split("\n\n");
      buffer = blocks.pop() ?? "";
      for (const block of blocks) {
        const lines = block.split("\n").filter((line) => !line.startsWith(":"));
        const field = (name: string) => lines.filter((l) => l.startsWith(`${name}: `)).map((l) => l.slice(name.length + 2));
        const data = field("data");
        if (data.length === 0) continue;
        received.push({ event: field("event")[0] ?? "message", data: JSON.parse(data.join("\n")), id: field("id")[0] });
      }
    }
    done = true;
  })();
  return {
    received,
    get done() {
      return done;
    },
    /** Waits until `count` events of this name have arrived, and returns their data. */
    async next(event: string, count = 1, timeoutMs = 5_000) {
      await waitFor(() => received.filter((e) => e.event === event).length >= count, { timeoutMs, what: `${count} "${event}" event(s)` });
      return received.filter((e) => e.event === event).map((e) => e.data);
    },
    /** Waits for the stream to end (the server closed it). */
    async ended(timeoutMs = 5_000) {
      await waitFor(() => done, { timeoutMs, what: "the stream to end" });
    },
    async cancel() {
      await reader.cancel().catch(() => {});
      await pump;
    },
  };
}
