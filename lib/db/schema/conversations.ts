import { boolean, integer, jsonb, pgTable, real, smallint, text, uuid } from "drizzle-orm/pg-core";
import { ts } from "./columns";
import type { Channel } from "./businesses";

/** One model for every channel: contacts and their identities, conversations, messages, and the leads they yield. */

export const contacts = pgTable("contacts", {
  id: uuid("id").primaryKey().defaultRandom(),
  businessId: uuid("business_id").notNull(),
  name: text("name").notNull().default(""),
  email: text("email"),
  phone: text("phone"),
  locale: text("locale"),
  lastSeenAt: ts("last_seen_at"),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const contactIdentities = pgTable("contact_identities", {
  id: uuid("id").primaryKey().defaultRandom(),
  businessId: uuid("business_id").notNull(),
  contactId: uuid("contact_id").notNull(),
  channel: text("channel").$type<Channel>().notNull(),
  externalId: text("external_id").notNull(),
  /** The email the visitor typed into the chat (lowercase), written only by the widget: their chat link goes there. */
  visitorEmail: text("visitor_email"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const conversationStatuses = ["ai", "needs_human", "human", "resolved"] as const;
export type ConversationStatus = (typeof conversationStatuses)[number];

/** What a person needs to answer well, attached to the conversation when the AI hands it over. */
export type HandoffContext = {
  reason: string;
  summary: string;
  intent: string | null;
  known: { label: string; value: string }[];
  missing: string[];
  lastMessages: { role: string; content: string; at: string }[];
};

export const conversations = pgTable("conversations", {
  id: uuid("id").primaryKey().defaultRandom(),
  businessId: uuid("business_id").notNull(),
  contactId: uuid("contact_id").notNull(),
  channel: text("channel").$type<Channel>().notNull(),
  status: text("status").$type<ConversationStatus>().notNull().default("ai"),
  assigneeId: uuid("assignee_id"),
  priority: text("priority").$type<"low" | "normal" | "high" | "urgent">().notNull().default("normal"),
  afterHours: boolean("after_hours").notNull().default(false),
  summary: text("summary").notNull().default(""),
  lastMessageAt: ts("last_message_at").notNull().defaultNow(),
  resolvedAt: ts("resolved_at"),
  consentedAt: ts("consented_at"),
  consentNotice: text("consent_notice"),
  handoffReason: text("handoff_reason"),
  handedOffAt: ts("handed_off_at"),
  teamId: uuid("team_id"),
  handoffContext: jsonb("handoff_context").$type<HandoffContext>(),
  takenOverAt: ts("taken_over_at"),
  firstOpenedAt: ts("first_opened_at"),
  firstResponseAt: ts("first_response_at"),
  slaStage: smallint("sla_stage").notNull().default(0),
  lastCustomerMessageAt: ts("last_customer_message_at"),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

/** A passage an AI reply cites: `n` is the citation number in the text ("[1]"). */
export type MessageSource = { n: number; title: string; documentId: string; chunkId: string };
export const answerStates = ["pending", "answered", "handed_off", "skipped", "failed"] as const;
export type AnswerState = (typeof answerStates)[number];

export const messages = pgTable("messages", {
  id: uuid("id").primaryKey().defaultRandom(),
  businessId: uuid("business_id").notNull(),
  conversationId: uuid("conversation_id").notNull(),
  channel: text("channel").$type<Channel>().notNull(),
  role: text("role").$type<"customer" | "ai" | "agent" | "system" | "note">().notNull(),
  content: text("content").notNull(),
  authorId: uuid("author_id"),
  externalId: text("external_id"),
  deliveryStatus: text("delivery_status").$type<"pending" | "sent" | "delivered" | "read" | "failed">().notNull().default("pending"),
  confidence: real("confidence"),
  sources: jsonb("sources").$type<MessageSource[]>().notNull().default([]),
  intent: text("intent"),
  promptTokens: integer("prompt_tokens"),
  completionTokens: integer("completion_tokens"),
  answerState: text("answer_state").$type<AnswerState>(),
  answerAttempts: integer("answer_attempts").notNull().default(0),
  quickReplies: jsonb("quick_replies").$type<string[]>().notNull().default([]),
  mentions: uuid("mentions").array().notNull().default([]),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const leadStatuses = ["new", "contacted", "won", "lost"] as const;
export const leads = pgTable("leads", {
  id: uuid("id").primaryKey().defaultRandom(),
  businessId: uuid("business_id").notNull(),
  contactId: uuid("contact_id").notNull(),
  conversationId: uuid("conversation_id"),
  name: text("name").notNull().default(""),
  email: text("email"),
  phone: text("phone"),
  intent: text("intent").notNull(),
  details: text("details").notNull().default(""),
  status: text("status").$type<(typeof leadStatuses)[number]>().notNull().default("new"),
  channel: text("channel").$type<Channel>().notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});
