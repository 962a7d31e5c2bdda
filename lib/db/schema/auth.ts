import { bigint, boolean, jsonb, pgSchema, text, uuid } from "drizzle-orm/pg-core";
import { ts } from "./columns";

/** Supabase Auth's own tables (recreated by the embedded bootstrap), read by the embedded auth server. */

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
