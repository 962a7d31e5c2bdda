import type { KnowledgeCategory, KnowledgeStatus } from "@/lib/knowledge/types";
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  integer,
  jsonb,
  pgSchema,
  pgTable,
  real,
  smallint,
  text,
  timestamp,
  uuid,
  vector,
} from "drizzle-orm/pg-core";

/** Typed view of the tables the SQL migrations in supabase/migrations create; the migrations are the source of truth. */

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const authSchema = pgSchema("auth");

export const authUsers = authSchema.table("users", {
  id: uuid("id").primaryKey(),
  email: text("email"),
  encryptedPassword: text("encrypted_password"),
  emailConfirmedAt: ts("email_confirmed_at"),
  lastSignInAt: ts("last_sign_in_at"),
  rawUserMetaData: jsonb("raw_user_meta_data").$type<Record<string, unknown>>(),
  rawAppMetaData: jsonb("raw_app_meta_data").$type<Record<string, unknown>>(),
  createdAt: ts("created_at"),
  updatedAt: ts("updated_at"),
});

export const authSessions = authSchema.table("sessions", {
  id: uuid("id").primaryKey(),
  userId: uuid("user_id").notNull(),
  createdAt: ts("created_at").notNull(),
  updatedAt: ts("updated_at").notNull(),
  refreshedAt: ts("refreshed_at"),
  notAfter: ts("not_after"),
  userAgent: text("user_agent"),
  ip: text("ip"),
});

export const authRefreshTokens = authSchema.table("refresh_tokens", {
  id: bigint("id", { mode: "number" }).primaryKey(),
  token: text("token").notNull(),
  userId: text("user_id"),
  revoked: boolean("revoked").notNull(),
  createdAt: ts("created_at").notNull(),
  updatedAt: ts("updated_at").notNull(),
  parent: text("parent"),
  sessionId: uuid("session_id"),
});

export const authOneTimeTokens = authSchema.table("one_time_tokens", {
  id: uuid("id").primaryKey(),
  userId: uuid("user_id").notNull(),
  tokenType: text("token_type").notNull(),
  tokenHash: text("token_hash").notNull(),
  relatesTo: text("relates_to").notNull(),
  createdAt: ts("created_at").notNull(),
});

export const verticals = ["salon", "clinic", "hotel", "retail", "academy", "fitness", "other"] as const;
export type Vertical = (typeof verticals)[number];
export const memberRoles = ["owner", "admin", "agent"] as const;
export type MemberRole = (typeof memberRoles)[number];
export const channels = ["widget", "whatsapp", "instagram", "messenger", "sms", "email"] as const;
export type Channel = (typeof channels)[number];

export type OpeningInterval = { open: string; close: string };
export type OpeningHours = Partial<Record<"mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun", OpeningInterval[]>>;

export const businesses = pgTable("businesses", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  vertical: text("vertical").$type<Vertical>().notNull(),
  timeZone: text("time_zone").notNull(),
  currency: text("currency").notNull(),
  locale: text("locale").notNull().default("en"),
  openingHours: jsonb("opening_hours").$type<OpeningHours>().notNull().default({}),
  widgetKey: text("widget_key").notNull().default(sql`('pk_' || replace(gen_random_uuid()::text, '-', ''))`),
  handoffSlaMinutes: integer("handoff_sla_minutes").notNull().default(5),
  createdBy: uuid("created_by").default(sql`auth.uid()`),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const profiles = pgTable("profiles", {
  id: uuid("id").primaryKey(),
  email: text("email").notNull(),
  fullName: text("full_name").notNull().default(""),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const memberships = pgTable("memberships", {
  id: uuid("id").primaryKey().defaultRandom(),
  businessId: uuid("business_id").notNull(),
  userId: uuid("user_id").notNull(),
  role: text("role").$type<MemberRole>().notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const invitations = pgTable("invitations", {
  id: uuid("id").primaryKey().defaultRandom(),
  businessId: uuid("business_id").notNull(),
  email: text("email"),
  role: text("role").$type<MemberRole>().notNull(),
  tokenHash: text("token_hash").notNull(),
  invitedBy: uuid("invited_by").default(sql`auth.uid()`),
  expiresAt: ts("expires_at").notNull(),
  acceptedAt: ts("accepted_at"),
  acceptedBy: uuid("accepted_by"),
  revokedAt: ts("revoked_at"),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

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

export const widgetSettings = pgTable("widget_settings", {
  businessId: uuid("business_id").primaryKey(),
  color: text("color").notNull(),
  position: text("position").$type<"right" | "left">().notNull(),
  greeting: text("greeting").notNull(),
  launcherLabel: text("launcher_label").notNull(),
  avatarUrl: text("avatar_url"),
  allowedOrigins: text("allowed_origins").array().notNull(),
  privacyNotice: text("privacy_notice").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const aiSettings = pgTable("ai_settings", {
  businessId: uuid("business_id").primaryKey(),
  primaryModel: text("primary_model"),
  fallbackModel: text("fallback_model"),
  confidenceThreshold: real("confidence_threshold").notNull(),
  dailyTokenBudget: integer("daily_token_budget").notNull(),
  instructions: text("instructions").notNull(),
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

export const notifications = pgTable("notifications", {
  id: uuid("id").primaryKey().defaultRandom(),
  businessId: uuid("business_id").notNull(),
  userId: uuid("user_id").notNull(),
  type: text("type").notNull(),
  title: text("title").notNull(),
  body: text("body").notNull().default(""),
  conversationId: uuid("conversation_id"),
  readAt: ts("read_at"),
  pushedAt: ts("pushed_at"),
  emailedAt: ts("emailed_at"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export type EmailKind = "password_reset" | "invitation" | "staff_reply" | "digest" | "notification";

export const emailOutbox = pgTable("email_outbox", {
  id: uuid("id").primaryKey().defaultRandom(),
  businessId: uuid("business_id"),
  kind: text("kind").$type<EmailKind>().notNull(),
  toEmail: text("to_email").notNull(),
  subject: text("subject").notNull(),
  bodyText: text("body_text").notNull(),
  status: text("status").$type<"queued" | "sent" | "failed">().notNull().default("queued"),
  attempts: integer("attempts").notNull().default(0),
  lastError: text("last_error"),
  sentAt: ts("sent_at"),
  nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const aiUsage = pgTable("ai_usage", {
  id: uuid("id").primaryKey().defaultRandom(),
  businessId: uuid("business_id").notNull(),
  conversationId: uuid("conversation_id"),
  task: text("task").notNull(),
  provider: text("provider").notNull(),
  model: text("model").notNull(),
  promptTokens: integer("prompt_tokens").notNull().default(0),
  completionTokens: integer("completion_tokens").notNull().default(0),
  costMicros: bigint("cost_micros", { mode: "number" }).notNull().default(0),
  latencyMs: integer("latency_ms").notNull().default(0),
  outcome: text("outcome").$type<"ok" | "error" | "timeout" | "rate_limited" | "fallback" | "budget_exceeded">().notNull(),
  suggestionOutcome: text("suggestion_outcome").$type<"sent" | "edited" | "dismissed">(),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const auditLog = pgTable("audit_log", {
  id: bigint("id", { mode: "number" }).primaryKey(),
  businessId: uuid("business_id").notNull(),
  actorId: uuid("actor_id"),
  action: text("action").notNull(),
  entity: text("entity").notNull(),
  entityId: text("entity_id"),
  details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export type { KnowledgeCategory, KnowledgeStatus } from "@/lib/knowledge/types";

export const knowledgeDocuments = pgTable("knowledge_documents", {
  id: uuid("id").primaryKey().defaultRandom(),
  businessId: uuid("business_id").notNull(),
  title: text("title").notNull(),
  kind: text("kind").$type<"article" | "faq" | "file" | "url">().notNull(),
  category: text("category").$type<KnowledgeCategory>().notNull().default("other"),
  sourceName: text("source_name"),
  mimeType: text("mime_type"),
  contentHash: text("content_hash").notNull(),
  body: text("body").notNull().default(""),
  enabled: boolean("enabled").notNull().default(true),
  status: text("status").$type<KnowledgeStatus>().notNull().default("pending"),
  progress: smallint("progress").notNull().default(0),
  error: text("error"),
  chunkCount: integer("chunk_count").notNull().default(0),
  usageCount: integer("usage_count").notNull().default(0),
  lastUsedAt: ts("last_used_at"),
  embeddingModel: text("embedding_model"),
  createdBy: uuid("created_by").default(sql`auth.uid()`),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const knowledgeChunks = pgTable("knowledge_chunks", {
  id: uuid("id").primaryKey().defaultRandom(),
  businessId: uuid("business_id").notNull(),
  documentId: uuid("document_id").notNull(),
  chunkIndex: integer("chunk_index").notNull(),
  headingPath: text("heading_path").array().notNull().default([]),
  context: text("context").notNull().default(""),
  content: text("content").notNull(),
  tokenCount: integer("token_count").notNull(),
  language: text("language").notNull().default("simple"),
  embedding: vector("embedding", { dimensions: 512 }),
  embeddingModel: text("embedding_model"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const knowledgeJobs = pgTable("knowledge_jobs", {
  id: uuid("id").primaryKey().defaultRandom(),
  businessId: uuid("business_id").notNull(),
  documentId: uuid("document_id").notNull(),
  kind: text("kind").$type<"index" | "reembed" | "fetch">().notNull(),
  status: text("status").$type<"queued" | "running" | "done" | "failed">().notNull().default("queued"),
  attempts: integer("attempts").notNull().default(0),
  runAfter: ts("run_after").notNull().defaultNow(),
  lockedUntil: ts("locked_until"),
  lastError: text("last_error"),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const teams = pgTable("teams", {
  id: uuid("id").primaryKey().defaultRandom(),
  businessId: uuid("business_id").notNull(),
  name: text("name").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const teamMembers = pgTable("team_members", {
  teamId: uuid("team_id").notNull(),
  businessId: uuid("business_id").notNull(),
  userId: uuid("user_id").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const conversationReads = pgTable("conversation_reads", {
  userId: uuid("user_id").notNull(),
  conversationId: uuid("conversation_id").notNull(),
  businessId: uuid("business_id").notNull(),
  lastReadAt: ts("last_read_at").notNull().defaultNow(),
});

export const cannedReplies = pgTable("canned_replies", {
  id: uuid("id").primaryKey().defaultRandom(),
  businessId: uuid("business_id").notNull(),
  shortcut: text("shortcut").notNull(),
  title: text("title").notNull(),
  content: text("content").notNull(),
  createdBy: uuid("created_by").default(sql`auth.uid()`),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const notificationTypes = ["handoff", "sla_reminder", "sla_escalation", "mention", "assignment"] as const;
export type NotificationType = (typeof notificationTypes)[number];
export type NotificationChannelChoice = { toast: boolean; push: boolean; email: boolean };

export const notificationPreferences = pgTable("notification_preferences", {
  userId: uuid("user_id").notNull(),
  businessId: uuid("business_id").notNull(),
  channels: jsonb("channels").$type<Partial<Record<NotificationType, NotificationChannelChoice>>>().notNull().default({}),
  quietStart: text("quiet_start"),
  quietEnd: text("quiet_end"),
  timeZone: text("time_zone"),
  onDuty: boolean("on_duty").notNull().default(true),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const pushSubscriptions = pgTable("push_subscriptions", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id").notNull(),
  endpoint: text("endpoint").notNull(),
  p256dh: text("p256dh").notNull(),
  auth: text("auth").notNull(),
  device: text("device").notNull().default(""),
  lastSuccessAt: ts("last_success_at"),
  failures: integer("failures").notNull().default(0),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});
