import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ConversationView } from "@/components/inbox/conversation-view";
import { loadDashboard } from "@/lib/businesses/context";

export const metadata: Metadata = { title: "Conversation" };

export default async function ConversationPage({ params }: { params: Promise<{ businessId: string; conversationId: string }> }) {
  const { businessId, conversationId } = await params;
  if (!z.uuid().safeParse(conversationId).success) notFound();
  const { user, business } = await loadDashboard(businessId);
  // Keyed so moving to another conversation starts its view (scroll, composer, announcements) afresh.
  return <ConversationView key={conversationId} businessId={business.id} conversationId={conversationId} currentUserId={user.id} />;
}
