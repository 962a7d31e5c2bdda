import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { hoursState } from "@/lib/agent/hours";
import { MAX_CUSTOMER_MESSAGE_CHARS, stripInvisible } from "@/lib/agent/guardrails";
import { handOffConversation } from "@/lib/conversations/handoff";
import { listCustomerMessages, type CustomerVisibleMessage } from "@/lib/conversations/history";
import { findContactByIdentity, ingestCustomerMessage, latestConversation, type IngestedMessage } from "@/lib/conversations/ingest";
import { withServiceRole, type Db } from "@/lib/db";
import { contactIdentities, contacts, messages, type ConversationStatus } from "@/lib/db/schema";
import { ApiError, unauthorized } from "@/lib/http/errors";
import { handoffLine } from "@/lib/agent/tools/escalate-to-human";
import { businessByWidgetKey, type WidgetBusiness } from "./business";
import { verifyVisitorToken, issueVisitorToken } from "./visitor-token";

export const sessionRequest = z.object({ key: z.string().max(64), token: z.string().max(2000).optional() });
export const messageRequest = z.object({
  text: z
    .string()
    .transform((t) => stripInvisible(t).trim())
    .pipe(z.string().min(1, "the message is empty").max(MAX_CUSTOMER_MESSAGE_CHARS, `a message is at most ${MAX_CUSTOMER_MESSAGE_CHARS} characters`)),
  clientMessageId: z.uuid("clientMessageId must be a UUID"),
  consent: z.literal(true).optional(),
});
export const handoffRequest = z.object({ consent: z.literal(true).optional() });
export const contactRequest = z.object({
  email: z.email("enter a valid email address").max(320),
  name: z.string().trim().max(200).optional(),
});

export type Visitor = WidgetBusiness & {
  visitorId: string;
  /** When the visitor's token expires (epoch ms): their live stream ends then. */
  tokenExpiresAt: number;
};

/** The visitor a request's bearer token names, with their business; 401 when the token is missing or not valid. */
export async function requireVisitor(request: Request): Promise<Visitor> {
  const header = request.headers.get("authorization") ?? "";
  const token = /^Bearer (.+)$/.exec(header)?.[1];
  if (!token) throw unauthorized("This chat session has expired; reload the page to start again");
  const claims = await verifyVisitorToken(token);
  if (!claims) throw new ApiError(401, "invalid_token", "This chat session has expired; reload the page to start again");
  const widget = await businessByWidgetKey(claims.widgetKey).catch(() => null);
  // A replaced key ends the sessions it issued, as the old snippet stops working.
  if (!widget || widget.business.id !== claims.businessId) {
    throw new ApiError(401, "invalid_token", "This chat session has expired; reload the page to start again");
  }
  return { ...widget, visitorId: claims.visitorId, tokenExpiresAt: claims.expiresAt };
}

export type WidgetSession = {
  token: string;
  visitorId: string;
  email: string | null;
  conversation: { id: string; status: ConversationStatus; consented: boolean } | null;
  messages: CustomerVisibleMessage[];
};

/** Starts or resumes a visitor's session: a valid token of this key resumes their conversation, anything else is new. */
export async function openWidgetSession({ key, token }: z.infer<typeof sessionRequest>): Promise<WidgetSession> {
  const widget = await businessByWidgetKey(key);
  const claims = token ? await verifyVisitorToken(token) : null;
  if (claims && claims.businessId === widget.business.id && claims.widgetKey === key) {
    const state = await withServiceRole(async (tx) => {
      const contactId = await findContactByIdentity(tx, { businessId: widget.business.id, channel: "widget", externalId: claims.visitorId });
      if (!contactId) return null;
      const [contact] = await tx.select({ email: contacts.email }).from(contacts).where(and(eq(contacts.businessId, widget.business.id), eq(contacts.id, contactId)));
      const conversation = await latestConversation(tx, { businessId: widget.business.id, contactId, channel: "widget" });
      const history = conversation ? await listCustomerMessages(tx, { businessId: widget.business.id, conversationId: conversation.id }) : [];
      return { email: contact?.email ?? null, conversation, history };
    });
    return {
      token: token!,
      visitorId: claims.visitorId,
      email: state?.email ?? null,
      conversation: state?.conversation
        ? { id: state.conversation.id, status: state.conversation.status, consented: state.conversation.consentedAt !== null }
        : null,
      messages: state?.history ?? [],
    };
  }
  const fresh = await issueVisitorToken({ businessId: widget.business.id, widgetKey: key });
  return { token: fresh.token, visitorId: fresh.visitorId, email: null, conversation: null, messages: [] };
}

/**
 * Stores a visitor's message (before any model runs). The business's privacy notice must have been accepted in this
 * conversation or with this message; the accepted text is kept with the conversation.
 */
export async function storeVisitorMessage(visitor: Visitor, input: z.infer<typeof messageRequest>): Promise<IngestedMessage> {
  const { business } = visitor;
  return withServiceRole(async (tx) => {
    const consentNotice = await requireConsent(tx, visitor, input.consent === true);
    return ingestCustomerMessage(tx, {
      businessId: business.id,
      channel: "widget",
      contactExternalId: visitor.visitorId,
      externalMessageId: input.clientMessageId,
      text: input.text,
      consentNotice,
      afterHours: !hoursState(business.openingHours ?? {}, business.timeZone).openNow,
    });
  });
}

/**
 * With a privacy notice, nothing is stored until the visitor accepted it, in this conversation or with this request.
 * Returns the notice text to record with the conversation when it is accepted now.
 */
async function requireConsent(tx: Db, visitor: Visitor, consentGiven: boolean): Promise<string | null> {
  const notice = visitor.settings.privacyNotice.trim();
  if (!notice) return null;
  if (consentGiven) return notice;
  const contactId = await findContactByIdentity(tx, { businessId: visitor.business.id, channel: "widget", externalId: visitor.visitorId });
  const conversation = contactId ? await latestConversation(tx, { businessId: visitor.business.id, contactId, channel: "widget" }) : null;
  if (!conversation?.consentedAt) throw new ApiError(403, "consent_required", "Please accept the privacy notice before sending a message");
  return null;
}

/** The visitor's conversation (or what came after `afterId`) and its status. */
export async function visitorMessages(visitor: Visitor, afterId?: string) {
  return withServiceRole(async (tx) => {
    const contactId = await findContactByIdentity(tx, { businessId: visitor.business.id, channel: "widget", externalId: visitor.visitorId });
    const conversation = contactId ? await latestConversation(tx, { businessId: visitor.business.id, contactId, channel: "widget" }) : null;
    if (!conversation) return { status: null, messages: [] };
    const list = await listCustomerMessages(tx, { businessId: visitor.business.id, conversationId: conversation.id, afterId });
    return { status: conversation.status, messages: list };
  });
}

/** Keeps the visitor's email (and name) on their contact so staff replies can reach them after they leave. */
export async function saveVisitorContact(visitor: Visitor, input: z.infer<typeof contactRequest>) {
  const email = input.email.toLowerCase();
  await withServiceRole(async (tx) => {
    const contactId = await findContactByIdentity(tx, { businessId: visitor.business.id, channel: "widget", externalId: visitor.visitorId });
    if (!contactId) throw new ApiError(409, "conflict", "Send a message first, then leave your email");
    await tx
      .update(contacts)
      .set({ email, ...(input.name ? { name: input.name } : {}) })
      .where(and(eq(contacts.businessId, visitor.business.id), eq(contacts.id, contactId)));
    // Also where members cannot write it: a reply's chat link (a visitor token) only ever goes to this address
    // (lib/email/chat-links), whatever a member later writes into the contact's email.
    await tx
      .update(contactIdentities)
      .set({ visitorEmail: email })
      .where(and(eq(contactIdentities.businessId, visitor.business.id), eq(contactIdentities.channel, "widget"), eq(contactIdentities.externalId, visitor.visitorId)));
  });
  return { email };
}

/**
 * The "talk to a person" button: hands the conversation off (starting one if the visitor has not written yet) and
 * returns the honest line to show, after-hours aware. A system message records it in the conversation.
 */
export async function requestPerson(visitor: Visitor, { consent }: { consent: boolean }): Promise<{ status: ConversationStatus; message: string }> {
  const { business } = visitor;
  const hours = hoursState(business.openingHours ?? {}, business.timeZone);
  const line = handoffLine(hours);
  return withServiceRole(async (tx) => {
    const consentNotice = await requireConsent(tx, visitor, consent);
    const ingested = await ingestCustomerMessage(tx, {
      businessId: business.id,
      channel: "widget",
      contactExternalId: visitor.visitorId,
      externalMessageId: `handoff:${visitor.visitorId}:${Date.now()}`,
      text: "I'd like to talk to a person.",
      consentNotice,
      afterHours: !hours.openNow,
    });
    const handedOff = await handOffConversation(tx, {
      businessId: business.id,
      conversationId: ingested.conversationId,
      reason: "customer_request",
      summary: "The visitor pressed “Talk to a person”.",
    });
    await tx.update(messages).set({ answerState: "handed_off" }).where(and(eq(messages.businessId, business.id), eq(messages.id, ingested.messageId)));
    const status: ConversationStatus = handedOff ? "needs_human" : ingested.status;
    const message = status === "human" ? "A member of our team is already here with you." : line;
    await tx.insert(messages).values({
      businessId: business.id,
      conversationId: ingested.conversationId,
      channel: "widget",
      role: "system",
      content: message,
      deliveryStatus: "sent",
    });
    return { status, message };
  });
}
