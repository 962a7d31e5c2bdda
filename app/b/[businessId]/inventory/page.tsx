import type { Metadata } from "next";
import { SectionPlaceholder } from "@/components/dashboard/section-placeholder";

export const metadata: Metadata = { title: "Inventory" };

export default function InventoryPage() {
  return (
    <SectionPlaceholder
      section="inventory"
      description="Products, services and stock levels the assistant can check when customers ask what is available."
      emptyTitle="No products or services yet"
    >
      <p>
        You will be able to list what you sell or offer, with prices and stock, so the assistant can answer &ldquo;do you
        have it in my size?&rdquo; or &ldquo;how much is a cut and colour?&rdquo; accurately.
      </p>
      <p>Nothing has been added yet.</p>
    </SectionPlaceholder>
  );
}
