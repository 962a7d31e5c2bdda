import { MessagesSquare } from "lucide-react";
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Inbox" };

/** Beside the list on a wide screen, before a conversation is chosen (on a phone the list fills the screen instead). */
export default function InboxPage() {
  return (
    <div className="flex flex-1 flex-col items-center justify-center p-8 text-center">
      <span className="mb-4 flex size-14 items-center justify-center rounded-full bg-secondary text-heading">
        <MessagesSquare className="size-7" aria-hidden="true" />
      </span>
      <h2 className="text-h4 text-heading">Choose a conversation</h2>
      <p className="mt-2 max-w-sm text-body text-muted-foreground">
        Open one from the list to read it, take it over from the assistant, or reply. Conversations that need a person come first.
      </p>
    </div>
  );
}
