import { sql } from "drizzle-orm";
import { integer, jsonb, pgTable, real, text, uuid } from "drizzle-orm/pg-core";
import { ts } from "./columns";

/** Businesses, their people and invitations, and each business's widget and AI settings. */

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
