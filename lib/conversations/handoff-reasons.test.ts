import { describe, expect, it } from "vitest";
import { handoffReasonText as inboxWords } from "@/components/inbox/format";
import { handoffReasons, handoffReasonText } from "./handoff-reasons";

describe("handoff reasons", () => {
  it("have one list of words, which the inbox's handoff card and the team's notification both use", () => {
    expect(inboxWords).toBe(handoffReasonText);
    for (const reason of handoffReasons) expect(handoffReasonText(reason), reason).toMatch(/^[A-Z]/);
    expect(handoffReasonText("customer_request")).toBe("The customer asked for a person");
  });
  it("read a code this build does not know as its own words", () => {
    expect(handoffReasonText("new_reason")).toBe("new reason");
  });
});
