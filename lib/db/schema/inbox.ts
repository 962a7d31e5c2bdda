import { sql } from "drizzle-orm";
import { boolean, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { ts } from "./columns";

/** The shared inbox: teams, read markers, canned replies, notification preferences and push devices. */

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
