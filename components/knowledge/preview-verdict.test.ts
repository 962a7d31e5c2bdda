import { describe, expect, it } from "vitest";
import { previewVerdict } from "./preview-verdict";

describe("previewVerdict", () => {
  it("says the reply goes out when the assistant is sure enough", () => {
    expect(previewVerdict({ confidence: 0.92, handedOff: false, handoffReason: null }, 0.8)).toMatchObject({
      title: "Confident",
      detail: "The customer would get this reply: 92% sure, above your hand-off level of 80%.",
      missingKnowledge: false,
    });
  });

  it("says unsure, and offers to add the answer, when the knowledge did not answer or the score was low", () => {
    expect(previewVerdict({ confidence: 0.5, handedOff: true, handoffReason: "no_answer" }, 0.8)).toMatchObject({
      title: "Unsure — would pass to your team",
      missingKnowledge: true,
    });
    expect(previewVerdict({ confidence: 0.74, handedOff: true, handoffReason: "low_confidence" }, 0.8).detail).toContain(
      "Its confidence, 74%, is under your hand-off level of 80%.",
    );
  });

  it("explains the hand-offs that no knowledge would avoid", () => {
    expect(previewVerdict({ confidence: 0.6, handedOff: true, handoffReason: "risky_topic" }, 0.8)).toMatchObject({ title: "Would pass to your team", missingKnowledge: false });
    expect(previewVerdict({ confidence: null, handedOff: true, handoffReason: "customer_request" }, 0.8).detail).toMatch(/asks for a person/);
    expect(previewVerdict({ confidence: null, handedOff: true, handoffReason: "budget_exhausted" }, 0.8).detail).toMatch(/Settings → AI/);
  });
});
