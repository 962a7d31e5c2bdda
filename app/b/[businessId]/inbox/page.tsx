import type { Metadata } from "next";
import { SectionPlaceholder } from "@/components/dashboard/section-placeholder";

export const metadata: Metadata = { title: "Inbox" };

export default function InboxPage() {
  return (
    <SectionPlaceholder
      section="inbox"
      description="Every customer conversation in one place: the assistant answers first and hands over to your team when a person is needed."
      emptyTitle="No conversations yet"
    >
      <p>
        When customers write to you, their conversations will appear here, with the assistant&apos;s replies and anything
        that needs a person flagged for your team.
      </p>
      <p>
        The chat widget for your website and connections to WhatsApp, Instagram, Messenger, SMS and email are on their
        way; until one of them is connected, nothing can arrive here.
      </p>
    </SectionPlaceholder>
  );
}
