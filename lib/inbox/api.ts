import { z } from "zod";

/**
 * The inbox's HTTP contract, shared by the route handlers (which build these shapes) and the dashboard (which parses
 * them). Client-safe: no server imports here.
 */

export const inboxViews = ["all", "needs_human", "ai", "mine", "unassigned", "resolved", "after_hours"] as const;
export type InboxView = (typeof inboxViews)[number];
export const conversationStatusSchema = z.enum(["ai", "needs_human", "human", "resolved"]);
export const channelSchema = z.enum(["widget", "whatsapp", "instagram", "messenger", "sms", "email"]);
export const prioritySchema = z.enum(["low", "normal", "high", "urgent"]);
export const messageRoleSchema = z.enum(["customer", "ai", "agent", "system", "note"]);

export const listQuery = z.object({
  view: z.enum(inboxViews).default("all"),
  channel: channelSchema.optional(),
  team: z.uuid("team must be a team id").optional(),
  q: z.string().trim().max(200, "search is at most 200 characters").optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListQuery = z.infer<typeof listQuery>;

const person = z.object({ userId: z.uuid(), name: z.string() });
export type Person = z.infer<typeof person>;

export const conversationListItem = z.object({
  id: z.uuid(),
  status: conversationStatusSchema,
  channel: channelSchema,
  priority: prioritySchema,
  contact: z.object({ id: z.uuid(), name: z.string(), email: z.string().nullable(), phone: z.string().nullable() }),
  assignee: person.nullable(),
  team: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  lastMessage: z.object({ role: messageRoleSchema, preview: z.string(), at: z.string() }).nullable(),
  lastMessageAt: z.string(),
  /** When the customer started waiting for a person (needs_human and nobody answered yet). */
  waitingSince: z.string().nullable(),
  handoffReason: z.string().nullable(),
  afterHours: z.boolean(),
  unread: z.boolean(),
});
export type ConversationListItem = z.infer<typeof conversationListItem>;

export const conversationList = z.object({ items: z.array(conversationListItem), nextCursor: z.string().nullable() });
export type ConversationList = z.infer<typeof conversationList>;

export const inboxCounts = z.object({
  needs_human: z.number().int(),
  mine: z.number().int(),
  unassigned: z.number().int(),
  after_hours: z.number().int(),
  unread: z.number().int(),
});
export type InboxCounts = z.infer<typeof inboxCounts>;

export const inboxMessage = z.object({
  id: z.uuid(),
  role: messageRoleSchema,
  content: z.string(),
  createdAt: z.string(),
  author: person.nullable(),
  confidence: z.number().nullable(),
  sources: z.array(z.object({ n: z.number(), title: z.string(), documentId: z.string() })),
  deliveryStatus: z.enum(["pending", "sent", "delivered", "read", "failed"]),
  intent: z.string().nullable(),
  mentions: z.array(person),
});
export type InboxMessage = z.infer<typeof inboxMessage>;

export const handoffContextSchema = z.object({
  reason: z.string(),
  summary: z.string(),
  intent: z.string().nullable(),
  known: z.array(z.object({ label: z.string(), value: z.string() })),
  missing: z.array(z.string()),
  lastMessages: z.array(z.object({ role: z.string(), content: z.string(), at: z.string() })),
});

export const conversationState = z.object({
  id: z.uuid(),
  status: conversationStatusSchema,
  channel: channelSchema,
  priority: prioritySchema,
  assignee: person.nullable(),
  team: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  handoffReason: z.string().nullable(),
  handedOffAt: z.string().nullable(),
  handoffContext: handoffContextSchema.nullable(),
  takenOverAt: z.string().nullable(),
  firstResponseAt: z.string().nullable(),
  afterHours: z.boolean(),
  summary: z.string(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  lastMessageAt: z.string(),
  /** When the SLA reminder is due (needs_human and nobody opened or answered yet), else null. */
  slaDueAt: z.string().nullable(),
});
export type ConversationState = z.infer<typeof conversationState>;

export const conversationDetail = z.object({
  conversation: conversationState,
  contact: z.object({
    id: z.uuid(),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    locale: z.string().nullable(),
    lastSeenAt: z.string().nullable(),
    online: z.boolean(),
    identities: z.array(z.object({ channel: channelSchema, externalId: z.string() })),
  }),
  previousConversations: z.array(
    z.object({ id: z.uuid(), status: conversationStatusSchema, channel: channelSchema, lastMessageAt: z.string(), preview: z.string() }),
  ),
  lead: z
    .object({
      id: z.uuid(),
      name: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      intent: z.string(),
      details: z.string(),
      status: z.string(),
    })
    .nullable(),
  messages: z.array(inboxMessage),
});
export type ConversationDetail = z.infer<typeof conversationDetail>;

/** Staff replies stay within what every channel carries; a note may be longer but not unbounded. */
export const MAX_REPLY_CHARS = 4000;
export const MAX_NOTE_CHARS = 8000;

export const sendMessageInput = z
  .object({
    kind: z.enum(["reply", "note"]),
    text: z.string().trim().min(1, "the message is empty"),
    mentions: z.array(z.uuid()).max(20, "at most 20 people can be mentioned").default([]),
  })
  .superRefine((input, ctx) => {
    const max = input.kind === "reply" ? MAX_REPLY_CHARS : MAX_NOTE_CHARS;
    if (input.text.length > max) ctx.addIssue({ code: "custom", path: ["text"], message: `a ${input.kind} is at most ${max} characters` });
    if (input.kind === "reply" && input.mentions.length > 0) ctx.addIssue({ code: "custom", path: ["mentions"], message: "mentions belong in internal notes" });
  });
export type SendMessageInput = z.infer<typeof sendMessageInput>;
export const sentMessage = z.object({ message: inboxMessage, conversation: conversationState });

export const conversationPatch = z
  .object({
    assigneeId: z.uuid().nullable().optional(),
    teamId: z.uuid().nullable().optional(),
    priority: prioritySchema.optional(),
  })
  .refine((p) => Object.keys(p).length > 0, "nothing to change");
export type ConversationPatch = z.infer<typeof conversationPatch>;
export const conversationResponse = z.object({ conversation: conversationState });

export const cannedReplyInput = z.object({
  shortcut: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, "a shortcut is 1–32 letters, digits, - or _"),
  title: z.string().trim().min(1, "give it a title").max(80, "a title is at most 80 characters"),
  content: z.string().trim().min(1, "write the reply").max(4000, "a reply is at most 4000 characters"),
});
export type CannedReplyInput = z.infer<typeof cannedReplyInput>;
export const cannedReply = z.object({ id: z.uuid(), shortcut: z.string(), title: z.string(), content: z.string(), updatedAt: z.string() });
export type CannedReply = z.infer<typeof cannedReply>;
export const cannedReplyList = z.object({ items: z.array(cannedReply) });

export const teamInput = z.object({
  name: z.string().trim().min(1, "give the team a name").max(60, "a team name is at most 60 characters"),
  memberIds: z.array(z.uuid()).max(200).default([]),
});
export type TeamInput = z.infer<typeof teamInput>;
export const team = z.object({ id: z.uuid(), name: z.string(), members: z.array(person) });
export type Team = z.infer<typeof team>;
export const teamList = z.object({ items: z.array(team) });
