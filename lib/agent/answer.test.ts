import { describe, expect, it } from "vitest";
import { answerFit, composeAnswer, questionType, quickRepliesFor, type Passage } from "./answer";
import { replyConfidence } from "./confidence";

const prices: Passage = {
  n: 1,
  title: "Services and prices",
  heading: "Cuts",
  text: "- Women's cut and finish: €48\n- Men's cut: €28\n- Children's cut (under 12): €18",
};
const parking: Passage = {
  n: 2,
  title: "Visiting us",
  heading: "Parking",
  text: "Free parking behind the building. The entrance is on Rua Augusta. We are two minutes from the metro.",
};
const faq: Passage = {
  n: 3,
  title: "FAQ",
  heading: "Questions",
  text: "Q: Do you take walk-ins?\nA: Yes, when a stylist is free; booking ahead is safer on Saturdays.\nQ: Can I pay by card?\nA: We take all major cards and MB Way.",
};

describe("composeAnswer", () => {
  it("quotes the matching line with its citation, not the whole passage", () => {
    const answer = composeAnswer("How much is a women's cut?", [prices, parking]);
    expect(answer).toEqual({ text: "Women's cut and finish: €48. [1]", cited: [1], typeMatched: true });
  });

  it("answers from the FAQ answer whose question matches", () => {
    const answer = composeAnswer("Can I pay by card?", [faq]);
    expect(answer?.text).toBe("We take all major cards and MB Way. [3]");
    expect(answer?.cited).toEqual([3]);
  });

  it("lends a section's heading to a short section's lines", () => {
    const answer = composeAnswer("Is there parking?", [parking]);
    expect(answer?.text).toContain("Free parking behind the building. [2]");
    expect(answer?.cited).toEqual([2]);
  });

  it("returns null when no sentence is relevant, so the caller hands off instead of guessing", () => {
    expect(composeAnswer("Do you sell gift vouchers for massages?", [prices, parking])).toBeNull();
    expect(composeAnswer("How much is a women's cut?", [])).toBeNull();
  });

  it("keeps at most three units, in the passages' order, without repeating a sentence", () => {
    const repeated: Passage = { ...prices, n: 4 };
    const answer = composeAnswer("cut prices: women's cut, men's cut, children's cut", [prices, repeated]);
    expect(answer).not.toBeNull();
    const units = answer!.text.split(/(?<=\])\s/);
    expect(units.length).toBeLessThanOrEqual(3);
    expect(new Set(units.map((u) => u.replace(/ \[\d+\]$/, ""))).size).toBe(units.length);
    expect(answer!.text.indexOf("Women's")).toBeLessThan(answer!.text.indexOf("Men's"));
  });
});

describe("quickRepliesFor", () => {
  it("offers what the business's vertical can arrange through its team, never an appointment at a hotel", () => {
    const en = (vertical: string) => ({ vertical, language: "en" });
    expect(quickRepliesFor("price", en("hotel"))).toEqual(["Ask the team to check availability", "Talk to a person"]);
    expect(quickRepliesFor("booking", en("hotel"))).toEqual(["Ask the team to check availability", "Talk to a person"]);
    expect(quickRepliesFor("price", en("salon"))).toEqual(["Ask the team for an appointment", "Talk to a person"]);
    expect(quickRepliesFor("price", en("clinic"))).toEqual(["Ask the team for an appointment", "Talk to a person"]);
    expect(quickRepliesFor("price", en("retail"))).toEqual(["Ask the team to check stock", "Talk to a person"]);
    expect(quickRepliesFor("price", en("fitness"))).toEqual(["Ask the team about a class", "Talk to a person"]);
    // A business of no such kind offers nothing to arrange; no chip anywhere offers to book by itself.
    expect(quickRepliesFor("price", en("other"))).toEqual(["Talk to a person"]);
    for (const vertical of ["hotel", "salon", "clinic", "retail", "academy", "fitness", "other"]) {
      for (const intent of ["price", "booking", "question", "hours", "location"] as const) {
        expect(quickRepliesFor(intent, en(vertical)).join(" ")).not.toMatch(/^book|book an/i);
      }
    }
    expect(quickRepliesFor("hours", en("hotel"))).toEqual(["Talk to a person"]);
    expect(quickRepliesFor("human_request", en("salon"))).toEqual([]);
  });

  it("speaks the customer's language", () => {
    expect(quickRepliesFor("price", { vertical: "hotel", language: "es" })).toEqual(["Pedir al equipo que consulte la disponibilidad", "Hablar con una persona"]);
    expect(quickRepliesFor("price", { vertical: "salon", language: "pt" })).toEqual(["Pedir à equipe para marcar um horário", "Falar com uma pessoa"]);
    expect(quickRepliesFor("price", { vertical: "retail", language: "ms" })).toEqual(["Minta pasukan semak stok", "Bercakap dengan kakitangan"]);
    expect(quickRepliesFor("location", { vertical: "clinic", language: "vi" })).toEqual(["Nói chuyện với nhân viên"]);
    // A language the app does not detect gets English, not an empty chip.
    expect(quickRepliesFor("price", { vertical: "clinic", language: "ja" })).toEqual(["Ask the team for an appointment", "Talk to a person"]);
  });
});

describe("composeAnswer on indexed passages", () => {
  it("quotes an FAQ pair's answer whole, never its question", () => {
    const pair: Passage = {
      n: 1,
      title: "Frequently asked questions",
      heading: "Do you sell gift vouchers?",
      text: "Do you sell gift vouchers?\nYes, for any amount from €25 or for a specific service. They are valid for 12 months and can be bought at\nreception or by asking in the chat.",
    };
    expect(composeAnswer("Do you sell gift vouchers?", [pair])?.text).toBe(
      "Yes, for any amount from €25 or for a specific service. They are valid for 12 months and can be bought at reception or by asking in the chat. [1]",
    );
  });

  it("joins lines wrapped inside a paragraph before cutting sentences", () => {
    const policy: Passage = {
      n: 2,
      title: "Booking and cancellation policy",
      heading: "Cancelling or moving an appointment",
      text: "Please give at least 24 hours' notice to cancel or move an appointment, at no charge. Later cancellations and\nno-shows are charged 50% of the booked service, and the deposit is kept.",
    };
    expect(composeAnswer("What is your cancellation policy?", [policy])?.text).toBe(
      "Please give at least 24 hours' notice to cancel or move an appointment, at no charge. [2] Later cancellations and no-shows are charged 50% of the booked service, and the deposit is kept. [2]",
    );
  });

  it("prefers a short section its heading names over a line that only shares a word's form", () => {
    const late: Passage = { n: 1, title: "Booking and cancellation policy", heading: "Running late", text: "We hold your appointment for 15 minutes. After that we may need to shorten the service or rebook you." };
    const cancel: Passage = { n: 2, title: "Booking and cancellation policy", heading: "Cancelling", text: "Later cancellations and no-shows are charged 50% of the booked service." };
    const answer = composeAnswer("What if I'm late?", [cancel, late]);
    expect(answer?.cited).toEqual([1]);
    expect(answer?.text).toContain("We hold your appointment for 15 minutes. [1]");
  });
});

describe("composeAnswer: the kind of fact asked for, and the sentence that completes it", () => {
  it("quotes the sentence a quoted one refers back to", () => {
    const breakfast: Passage = { n: 1, title: "Rooms", heading: "Breakfast", text: "Breakfast is served in the conservatory. It is included in every room rate, except on advance saver bookings." };
    expect(composeAnswer("is breakfast included on the saver rate?", [breakfast])?.text).toBe(
      "Breakfast is served in the conservatory. [1] It is included in every room rate, except on advance saver bookings. [1]",
    );
  });

  it("quotes the next sentence when it is an exception to the quoted one", () => {
    const parking: Passage = { n: 1, title: "Getting here", heading: "Cars", text: "Parking is free for guests. Except during the festival week, when the car park is closed." };
    expect(composeAnswer("is parking free?", [parking])?.text).toContain("Except during the festival week");
  });

  it("quotes the next sentence when it gives the price the quoted one lacks", () => {
    const beds: Passage = { n: 1, title: "Rooms", heading: "Families", text: "Extra beds are available in the family rooms. They cost £20 a night. Our rooms face the sea." };
    const answer = composeAnswer("how much is an extra bed?", [beds]);
    expect(answer?.text).toBe("Extra beds are available in the family rooms. [1] They cost £20 a night. [1]");
    expect(answer?.typeMatched).toBe(true);
  });

  it("answers 'where are you?' with the address, which shares no word with it", () => {
    const visiting: Passage = { n: 2, title: "Visiting", heading: "Finding us", text: "We are at 22 Harbour Road, on the first floor. Ring the bell by the blue door." };
    expect(composeAnswer("Where are you?", [visiting])?.text).toContain("We are at 22 Harbour Road");
    expect(composeAnswer("whats ur address", [visiting])?.text).toContain("We are at 22 Harbour Road");
  });

  it("reads the kind of fact a question asks for", () => {
    expect(questionType("how much is a men's cut?")).toBe("price");
    expect(questionType("what time is breakfast")).toBe("time");
    expect(questionType("how long does a service take?")).toBe("duration");
    expect(questionType("where are you guys")).toBe("place");
    expect(questionType("can I bring my dog?")).toBe("any");
  });
});

describe("answerFit and the reply's confidence", () => {
  const score = (question: string, reply: string, support: number, context: string[] = []) =>
    replyConfidence({ support, cited: /\[\d\]/.test(reply), risky: false, conversational: false, fit: answerFit(question, reply, context) });

  it("trusts a cited reply that states the kind of fact asked for about the question's subject", () => {
    expect(score("how much extra for a dog", "Dogs are welcome in two ground-floor rooms. [1] There is a charge of £15 per dog per night. [1]", 0.5)).toBeGreaterThanOrEqual(0.8);
    expect(score("can I bring my dog?", "Dogs are welcome in two ground-floor rooms. [1]", 1)).toBeGreaterThanOrEqual(0.8);
  });

  it("does not trust a reply about the right subject that does not answer, however well its passages match", () => {
    const taxi = "The house is opposite the lifeboat station. [1] The train station is a ten-minute walk. [1] The car park costs £8 a day. [1]";
    expect(score("how much is a taxi from the station?", taxi, 1)).toBeLessThan(0.8);
    expect(score("what time is breakfast?", "Breakfast is served in the conservatory. [1]", 1)).toBeLessThan(0.8);
  });
});
