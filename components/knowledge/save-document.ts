import type { FaqEntry, KnowledgeCategory, KnowledgeDocumentSummary } from "@/lib/knowledge/types";
import { documentResponse, knowledgeApi } from "./api";
import { sendKnowledgeRequest } from "./request";

export type NewDocument =
  | { kind: "article"; title: string; category: KnowledgeCategory; body: string }
  | { kind: "faq"; title: string; category: KnowledgeCategory; entries: FaqEntry[] };

export type DocumentPatch = Partial<{ title: string; category: KnowledgeCategory; enabled: boolean; body: string; entries: FaqEntry[] }>;

/** Creates an article or FAQ; a 409 comes back as a KnowledgeRequestError naming the existing item. */
export async function createDocument(businessId: string, document: NewDocument): Promise<KnowledgeDocumentSummary> {
  const { document: created } = await sendKnowledgeRequest(knowledgeApi(businessId), documentResponse, { method: "POST", body: document });
  return created;
}

export async function updateDocument(businessId: string, documentId: string, patch: DocumentPatch): Promise<KnowledgeDocumentSummary> {
  const { document } = await sendKnowledgeRequest(knowledgeApi(businessId, `/${documentId}`), documentResponse, { method: "PATCH", body: patch });
  return document;
}
