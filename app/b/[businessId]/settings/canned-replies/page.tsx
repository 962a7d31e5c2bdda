import type { Metadata } from "next";
import { CannedRepliesManager } from "@/components/inbox/canned-replies-manager";
import { loadDashboard } from "@/lib/businesses/context";

export const metadata: Metadata = { title: "Canned replies" };

/** Everyone uses canned replies in the inbox, so agents may read this page; only owners and admins change it. */
export default async function CannedRepliesPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const { business, role } = await loadDashboard(businessId);
  return <CannedRepliesManager businessId={business.id} canEdit={role !== "agent"} />;
}
