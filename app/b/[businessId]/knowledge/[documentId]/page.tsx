import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { DocumentView } from "@/components/knowledge/document-view";
import { loadDashboard } from "@/lib/businesses/context";

export const metadata: Metadata = { title: "Knowledge item" };

export default async function KnowledgeItemPage({ params }: { params: Promise<{ businessId: string; documentId: string }> }) {
  const { businessId, documentId } = await params;
  const { business, role } = await loadDashboard(businessId);
  if (!z.uuid().safeParse(documentId).success) notFound();
  return (
    <DocumentView
      businessId={business.id}
      documentId={documentId}
      canDelete={role !== "agent"}
      locale={business.locale ?? null}
      timeZone={business.timeZone}
    />
  );
}
