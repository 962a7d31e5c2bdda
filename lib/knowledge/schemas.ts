import { z } from "zod";
import { FAQ_ANSWER_MAX, FAQ_QUESTION_MAX } from "./faq";
import { KNOWLEDGE_CATEGORIES } from "./types";

export const ARTICLE_BODY_MAX = 200_000;

const title = z.string().trim().min(1, "Give it a title").max(300, "Keep the title under 300 characters");
const category = z.enum(KNOWLEDGE_CATEGORIES);
const faqEntry = z.object({
  question: z.string().trim().min(1, "Write the question").max(FAQ_QUESTION_MAX, `Keep questions under ${FAQ_QUESTION_MAX} characters`),
  answer: z.string().trim().min(1, "Write the answer").max(FAQ_ANSWER_MAX, `Keep answers under ${FAQ_ANSWER_MAX} characters`),
});
const faqEntries = z.array(faqEntry).min(1, "Add at least one question").max(2000, "Split FAQs over 2,000 questions");
const articleBody = z.string().max(ARTICLE_BODY_MAX, "Keep an article under 200,000 characters")
  .refine((body) => body.trim().length > 0, "Write something for the assistant to learn");

export const newKnowledgeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("article"), title, category: category.default("other"), body: articleBody }),
  z.object({ kind: z.literal("faq"), title, category: category.default("faq"), entries: faqEntries }),
]);
export type NewKnowledgeInput = z.infer<typeof newKnowledgeSchema>;

export const knowledgePatchSchema = z
  .object({
    title: title.optional(),
    category: category.optional(),
    enabled: z.boolean().optional(),
    body: articleBody.optional(),
    entries: faqEntries.optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, "Send at least one field to change")
  .refine((patch) => !(patch.body !== undefined && patch.entries !== undefined), "Send either body or entries, not both");
export type KnowledgePatch = z.infer<typeof knowledgePatchSchema>;

export const knowledgeListQuerySchema = z.object({
  category: category.optional(),
  q: z.string().trim().max(200).optional(),
});

export const knowledgeSearchSchema = z.object({
  query: z.string().trim().min(1, "Type a question").max(500, "Keep the question under 500 characters"),
  limit: z.number().int().min(1).max(20).default(5),
});

export const urlImportSchema = z.object({
  url: z.string().trim().min(1, "Enter the address of a page").max(2048),
  category: category.default("other"),
  mode: z.enum(["page", "sitemap"]).default("page"),
});

export const knowledgeDocumentParams = z.object({ businessId: z.uuid(), documentId: z.uuid() });
