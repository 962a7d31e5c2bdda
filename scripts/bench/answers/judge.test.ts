import { describe, expect, it } from "vitest";
import { amountsNotInKnowledge, judge, type Reply } from "./judge";

const reply = (text: string, { handedOff = false, sources = 1 } = {}): Reply => ({
  text,
  meta: { handedOff, confidence: 0.9, intent: null, sources: Array.from({ length: sources }, (_, i) => ({ n: i + 1, title: "Rates" })) },
});
const KNOWLEDGE = "Standard Double €85 a night. Check-in from 15:00 to 20:00. Breakfast 8:00 to 10:30. Puncture repair RM 25.";

describe("bench:answers judge", () => {
  it("counts an answerable question correct only when every fact is in a reply that was not handed off", () => {
    const c = { kind: "answerable" as const, q: "price and check-in?", facts: ["€\\s?85|85 euros", "15:00|3 ?pm"] };
    expect(judge(c, reply("It is €85 a night and check-in is from 15:00 [1]."), KNOWLEDGE)).toMatchObject({ ok: true, correct: true, cited: true });
    expect(judge(c, reply("It is 85 euros; arrive from 3 pm."), KNOWLEDGE).correct).toBe(true);
    expect(judge(c, reply("It is €85 a night."), KNOWLEDGE)).toMatchObject({ ok: false, correct: false, miss: "fact missing: /15:00|3 ?pm/" });
    expect(judge(c, reply("It is €85 a night, check-in 15:00.", { handedOff: true }), KNOWLEDGE)).toMatchObject({ correct: false, miss: "handed off" });
    expect(judge(c, reply("It is €85 a night, check-in 15:00.", { sources: 0 }), KNOWLEDGE)).toMatchObject({ correct: true, cited: false });
  });

  it("passes an unanswerable question that is handed off or says it does not know, in the customer's language too", () => {
    const c = { kind: "unanswerable" as const, q: "Is there a gym?" };
    expect(judge(c, reply("I'll pass this to the team.", { handedOff: true, sources: 0 }), KNOWLEDGE).ok).toBe(true);
    expect(judge(c, reply("I'm not sure about that — a member of our team will be able to help.", { sources: 0 }), KNOWLEDGE).ok).toBe(true);
    expect(judge(c, reply("Não sei responder a isso.", { sources: 0 }), KNOWLEDGE).ok).toBe(true);
  });

  it("counts as invented an unanswerable reply that answers anyway, or states a price or time the knowledge lacks", () => {
    const c = { kind: "unanswerable" as const, q: "Is there a gym?" };
    expect(judge(c, reply("Yes, the gym is on the ground floor."), KNOWLEDGE)).toMatchObject({ ok: false, miss: "answered without saying the knowledge does not say" });
    expect(judge(c, reply("The gym costs €12 — I'm not sure of more, our team will help.", { handedOff: true }), KNOWLEDGE)).toMatchObject({
      ok: false,
      miss: "states €12, not in the knowledge",
    });
  });

  it("finds only the prices and times the knowledge does not hold", () => {
    expect(amountsNotInKnowledge("€85, 85 euros, RM25, 15:00, 8 am, 10.30", KNOWLEDGE)).toEqual([]);
    expect(amountsNotInKnowledge("€95 and RM 40, open 7pm and 21:15", KNOWLEDGE).sort()).toEqual(["€95", "RM 40", "21:15", "7pm"].sort());
  });

  it("wants escalations handed off and small talk kept", () => {
    expect(judge({ kind: "escalation", q: "I want a refund" }, reply("Our refund policy is…"), KNOWLEDGE)).toMatchObject({ ok: false, miss: "not handed off" });
    expect(judge({ kind: "escalation", q: "I want a refund" }, reply("A person will reply.", { handedOff: true }), KNOWLEDGE).ok).toBe(true);
    expect(judge({ kind: "smalltalk", q: "thanks, bye" }, reply("Passing you to the team.", { handedOff: true }), KNOWLEDGE)).toMatchObject({
      ok: false,
      miss: "small talk handed off",
    });
    expect(judge({ kind: "smalltalk", q: "thanks, bye" }, reply("You're welcome!"), KNOWLEDGE).ok).toBe(true);
  });
});
