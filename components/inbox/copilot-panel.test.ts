import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { copilotQueryKey, type CopilotResult } from "@/lib/copilot/api";
import { CopilotPanel } from "./copilot-panel";

const props = { businessId: "b1", conversationId: "c1", lastMessageId: "m1", onEdit: () => {}, onSend: async () => {} };

function render(cached?: CopilotResult) {
  const client = new QueryClient();
  if (cached) client.setQueryData(copilotQueryKey(props.businessId, props.conversationId, props.lastMessageId), cached);
  return renderToStaticMarkup(createElement(QueryClientProvider, { client }, createElement(CopilotPanel, props)));
}

describe("CopilotPanel", () => {
  it("asks nothing until staff ask for suggestions", () => {
    const html = render();
    expect(html).toContain("Suggest replies");
    expect(html).toContain('aria-live="polite"');
  });

  it("shows the summary, the goal with what is missing, and two cards with labelled actions", () => {
    const html = render({
      summary: "Grace wants to book a balayage.",
      goal: "booking",
      known: [{ label: "Service", value: "Balayage" }],
      missing: ["date", "party size"],
      suggestions: [
        { text: "Balayage is from €120.", sources: [{ n: 1, title: "Services and prices", documentId: "d1" }] },
        { text: "Which day suits you?", sources: [] },
      ],
      usageId: "00000000-0000-4000-8000-000000000001",
    });
    expect(html).toContain("Grace wants to book a balayage.");
    expect(html).toContain("Wants to book");
    expect(html).toContain("Still missing: date, party size");
    expect(html).toContain("Services and prices");
    for (const n of [1, 2]) {
      expect(html).toContain(`aria-label="Send suggestion ${n}"`);
      expect(html).toContain(`aria-label="Edit suggestion ${n} in the composer"`);
      expect(html).toContain(`aria-label="Dismiss suggestion ${n}"`);
    }
    expect(html).toContain('aria-label="Refresh reply suggestions"');
    expect(html).toContain("Two reply suggestions are ready.");
  });
});
