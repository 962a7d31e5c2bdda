import { ConversationSkeleton } from "@/components/inbox/conversation-view";

export default function ConversationLoading() {
  return <ConversationSkeleton />;
}
