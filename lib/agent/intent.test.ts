import { describe, expect, it } from "vitest";
import { detectIntent, detectLanguage, withoutContactDetails } from "./intent";

describe("detectIntent", () => {
  it.each([
    ["I want to talk to a person", "human_request"],
    ["can I speak with someone please", "human_request"],
    ["is there a real person there?", "human_request"],
    ["Quero falar com uma pessoa", "human_request"],
    ["Puedo hablar con una persona?", "human_request"],
    ["I want my money back", "refund"],
    ["This was the worst haircut, I'm so disappointed", "complaint"],
    ["my scalp got a burn after the treatment", "medical"],
    ["I'm pregnant, can I have my hair coloured?", "medical"],
    ["I will contact my lawyer", "legal"],
    ["can I book a cut friday at 3", "booking"],
    ["is there a person I can book with for a colour?", "booking"],
    ["how much is a balayage", "price"],
    ["what time do you close", "hours"],
    ["where can I park?", "location"],
    ["Hi there!", "greeting"],
    ["thanks so much!", "thanks"],
    ["do you use vegan products?", "question"],
    ["you can reach me at maya@example.com", "lead"],
  ])("%s → %s", (text, intent) => {
    expect(detectIntent(text).intent).toBe(intent);
  });

  it("reads the time of something else as a question for the knowledge, not the opening hours", () => {
    for (const text of ["what time is breakfast?", "What time is check out", "is the kitchen open late", "is the pool open in winter", "when does the yoga class start"]) {
      expect(detectIntent(text).intent, text).toBe("question");
    }
    for (const text of ["what time do you open?", "are you open on Sunday", "opening hours please", "when does the salon close"]) {
      expect(detectIntent(text).intent, text).toBe("hours");
    }
    // A day named in a question no longer makes it an hours question.
    expect(detectIntent("can I check in on Sunday?").intent).not.toBe("hours");
  });

  it("answers a refund policy asked about, and hands over a refund asked for or a charge disputed", () => {
    expect(detectIntent("What's your refund policy?")).toMatchObject({ intent: "question", risky: false, topic: null });
    expect(detectIntent("I was charged twice for my room")).toMatchObject({ intent: "refund", risky: true, topic: "billing" });
    expect(detectIntent("Is it safe to have a facial while pregnant?")).toMatchObject({ intent: "medical", topic: "medical" });
    expect(detectIntent("I'll report you to trading standards")).toMatchObject({ intent: "legal", topic: "legal" });
    expect(detectIntent("I want to talk to a person")).toMatchObject({ intent: "human_request", risky: false, topic: "human_request" });
  });

  it.each([
    ["thanks, bye", "goodbye"],
    ["ok cheers", "thanks"],
    ["hello?", "greeting"],
    ["gracias", "thanks"],
    ["terima kasih", "thanks"],
    ["cảm ơn", "thanks"],
    ["obrigado", "thanks"],
  ])("small talk: %s → %s", (text, intent) => {
    expect(detectIntent(text)).toMatchObject({ intent, risky: false, topic: null });
  });

  it("marks complaints, refunds, medical and legal questions as risky", () => {
    expect(detectIntent("I want a refund").risky).toBe(true);
    expect(detectIntent("my skin has a rash").risky).toBe(true);
    expect(detectIntent("how much is a cut").risky).toBe(false);
  });

  it("extracts an email, a phone number and a name, not times or prices", () => {
    expect(detectIntent("I'm Maya, call me on +351 912 345 678 or maya@example.com").contact).toEqual({
      email: "maya@example.com",
      phone: "+351 912 345 678",
      name: "Maya",
    });
    expect(detectIntent("can I come at 10:30 for the €45.00 cut?").contact).toEqual({});
    expect(detectIntent("I'm interested in a colour").contact.name).toBeUndefined();
  });
});

describe("detectLanguage", () => {
  it("tells the common languages apart and defaults to English", () => {
    expect(detectLanguage("How much is a women's cut?")).toBe("en");
    expect(detectLanguage("Olá, quanto custa um corte de cabelo?")).toBe("pt");
    expect(detectLanguage("Hola, ¿cuánto cuesta un corte?")).toBe("es");
    expect(detectLanguage("Bonjour, combien coûte une coupe ?")).toBe("fr");
    expect(detectLanguage("Hallo, was kostet ein Schnitt?")).toBe("de");
    expect(detectLanguage("👍")).toBe("en");
  });
});

describe("withoutContactDetails", () => {
  it("takes out emails, phone numbers, names and the words that announce them, keeping the question", () => {
    expect(withoutContactDetails("Can I bring my dog? My email is ada@example.com")).toBe("Can I bring my dog?");
    expect(withoutContactDetails("I'm Ada Lovelace, call me at +351 912 345 678 about balayage prices")).toBe("about balayage prices");
    expect(withoutContactDetails("Is 10:30 free tomorrow? It costs €45.00 right?")).toBe("Is 10:30 free tomorrow? It costs €45.00 right?");
  });
});
