import { bigint, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { ts } from "./columns";

/** The records around a conversation: notifications, the email outbox, the AI usage log and the audit trail. */

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
