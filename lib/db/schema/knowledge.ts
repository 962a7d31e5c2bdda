import type { KnowledgeCategory, KnowledgeStatus } from "@/lib/knowledge/types";
import { sql } from "drizzle-orm";
import { boolean, integer, pgTable, smallint, text, uuid, vector } from "drizzle-orm/pg-core";
import { ts } from "./columns";

/** What the business taught the assistant: documents, their chunks and the indexing queue. */

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
