import { describe, expect, it } from "vitest";
import { hoursState } from "./hours";
import { systemPrompt, type PromptContext } from "./prompts";

const HOURS = { mon: [{ open: "09:00", close: "17:00" }] };
const context = (overrides: Partial<PromptContext> & { vertical?: string } = {}): PromptContext => {
  const { vertical = "hotel", ...rest } = overrides;
  return {
    business: { name: "Casa Azul", vertical, timeZone: "Europe/Lisbon", currency: "EUR", locale: "en", openingHours: HOURS },
    hours: hoursState(HOURS, "Europe/Lisbon", new Date("2026-11-23T10:00:00Z")),
    instructions: "",
    summary: "",
    language: "en",
    channel: "widget",
    contact: { name: "", email: null, phone: null },
    tools: ["search_knowledge", "opening_hours", "capture_lead", "escalate_to_human"],
    ...rest,
  };
};

describe("systemPrompt", () => {
  it("names what the business is and the channel the customer writes on", () => {
    expect(systemPrompt(context(), "c")).toContain("You are the front desk assistant of Casa Azul, a hotel or guest house. You answer its customers on its behalf over the chat on its website.");
    expect(systemPrompt(context({ vertical: "clinic", channel: "sms" }), "c")).toContain("a clinic (health, dental, physio or vet). You answer its customers on its behalf over SMS (plain text");
  });

  it("names the customer's language to answer in, for every language the app detects", () => {
    for (const [language, name] of [["es", "Spanish"], ["pt", "Portuguese"], ["ms", "Malay"], ["vi", "Vietnamese"], ["en", "English"]] as const) {
      expect(systemPrompt(context({ language }), "c")).toContain(`The customer writes in ${name}: reply in ${name}, even when the passages are in another language`);
    }
    expect(systemPrompt(context({ language: "ja" }), "c")).toContain("Reply in the language the customer writes in");
  });

  it("says what to do when the passages do not answer: say so, offer a person, never invent", () => {
    const prompt = systemPrompt(context(), "c");
    expect(prompt).toContain("If the passages do not answer the question, say so in one short sentence, offer to pass it to a person, and call escalate_to_human with reason no_answer.");
    expect(prompt).toContain("Never guess a price, a time, or a yes or no that the passages do not state.");
  });

  it("offers only what the business's vertical can arrange through its team", () => {
    const hotel = systemPrompt(context({ vertical: "hotel" }), "c");
    expect(hotel).toContain("you cannot check availability or take a booking yourself");
    expect(hotel).not.toMatch(/appointment/i);
    expect(systemPrompt(context({ vertical: "salon" }), "c")).toContain("Customers may ask for an appointment");
    expect(systemPrompt(context({ vertical: "retail" }), "c")).toContain("you cannot see the stock");
    const other = systemPrompt(context({ vertical: "other" }), "c");
    expect(other).toContain("This business takes no bookings or orders in this chat: never offer one.");
    expect(other).toContain("of Casa Azul, a business.");
  });
});
