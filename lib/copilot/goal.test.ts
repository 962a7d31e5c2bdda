import { describe, expect, it } from "vitest";
import { analyseGoal, bookedPhrase, matchService, parseDate, parsePartySize, parseQuantity, parseTime, purchasePhrase, type GoalMessage } from "./goal";

// Tuesday 24 November 2026, 10:00 in Lisbon.
const TUESDAY = new Date("2026-11-24T10:00:00Z");
const lisbon = { at: TUESDAY, timeZone: "Europe/Lisbon" };
const customer = (content: string, createdAt = TUESDAY): GoalMessage => ({ role: "customer", content, createdAt });
const ai = (content: string): GoalMessage => ({ role: "ai", content });
const SALON_SERVICES = ["Services and prices", "Cuts", "Women's cut and blow-dry", "Men's cut", "Colour", "Full colour", "Balayage"];

describe("parseDate", () => {
  it("resolves relative days in the business's time zone", () => {
    expect(parseDate("Can I come tomorrow?", lisbon)).toBe("tomorrow (Wed 25 Nov)");
    expect(parseDate("today if possible", lisbon)).toBe("today (Tue 24 Nov)");
    expect(parseDate("tonight?", lisbon)).toBe("tonight (Tue 24 Nov)");
    expect(parseDate("the day after tomorrow", lisbon)).toBe("day after tomorrow (Thu 26 Nov)");
    // 23:30 UTC on Tuesday is already Wednesday in Tokyo.
    expect(parseDate("tomorrow", { at: new Date("2026-11-24T23:30:00Z"), timeZone: "Asia/Tokyo" })).toBe("tomorrow (Thu 26 Nov)");
  });

  it("reads weekday names as the coming one", () => {
    expect(parseDate("Is Friday ok?", lisbon)).toBe("Friday (Fri 27 Nov)");
    expect(parseDate("next friday please", lisbon)).toBe("next Friday (Fri 27 Nov)");
    // Said on a Tuesday, "Tuesday" means next week's.
    expect(parseDate("on Tuesday", lisbon)).toBe("Tuesday (Tue 1 Dec)");
    expect(parseDate("on sat", lisbon)).toBe("Saturday (Sat 28 Nov)");
    expect(parseDate("I sat in the sun")).toBeNull();
  });

  it("reads day-month, month-day, numeric and ISO dates", () => {
    expect(parseDate("12 May", lisbon)).toBe("Wed 12 May 2027");
    expect(parseDate("on the 3rd of December", lisbon)).toBe("Thu 3 Dec");
    expect(parseDate("December 3rd works", lisbon)).toBe("Thu 3 Dec");
    expect(parseDate("5/12", lisbon)).toBe("5/12 (Sat 5 Dec)");
    expect(parseDate("5/12", { ...lisbon, locale: "en-US" })).toBe("5/12 (Wed 12 May 2027)");
    expect(parseDate("28/11/2026", lisbon)).toBe("Sat 28 Nov");
    expect(parseDate("2026-12-24", lisbon)).toBe("Thu 24 Dec");
    expect(parseDate("12 May")).toBe("12 May");
  });

  it("keeps vague dates in the customer's words and ignores what is not a date", () => {
    expect(parseDate("sometime this weekend?", lisbon)).toBe("this weekend");
    expect(parseDate("next week")).toBe("next week");
    expect(parseDate("It costs €45.00 and takes 1/2 an hour at 10:30")).toBe("1/2");
    expect(parseDate("31/02", lisbon)).toBeNull();
    expect(parseDate("How much is a cut?", lisbon)).toBeNull();
    expect(parseDate("I may come back")).toBeNull();
  });
});

describe("parseTime", () => {
  it("reads clock times", () => {
    expect(parseTime("at 3pm")).toBe("15:00");
    expect(parseTime("3 p.m. please")).toBe("15:00");
    expect(parseTime("15:30")).toBe("15:30");
    expect(parseTime("at 3:30pm")).toBe("15:30");
    expect(parseTime("12am")).toBe("00:00");
    expect(parseTime("around 10am")).toBe("around 10:00");
    expect(parseTime("after 5pm")).toBe("after 17:00");
    expect(parseTime("noon")).toBe("12:00");
    expect(parseTime("14h30")).toBe("14:30");
  });

  it("reads a bare hour in business hours", () => {
    expect(parseTime("at 3")).toBe("15:00");
    expect(parseTime("at 10")).toBe("10:00");
    expect(parseTime("4 o'clock")).toBe("16:00");
    expect(parseTime("at 3 people")).toBeNull();
  });

  it("reads parts of the day but not greetings", () => {
    expect(parseTime("tomorrow morning")).toBe("morning");
    expect(parseTime("late afternoon is best")).toBe("late afternoon");
    expect(parseTime("tonight")).toBe("evening");
    expect(parseTime("Good morning! Do you do colour?")).toBeNull();
  });

  it("does not take prices or dates for times", () => {
    expect(parseTime("It was €12.50")).toBeNull();
    expect(parseTime("on 5/12")).toBeNull();
    expect(parseTime("for 2 nights")).toBeNull();
  });
});

describe("parsePartySize", () => {
  it("reads the usual ways of saying how many", () => {
    expect(parsePartySize("a table for 2 please")).toBe("2 people");
    expect(parsePartySize("for two")).toBe("2 people");
    expect(parsePartySize("two of us")).toBe("2 people");
    expect(parsePartySize("party of 4")).toBe("4 people");
    expect(parsePartySize("6 people")).toBe("6 people");
    expect(parsePartySize("We're 5")).toBe("5 people");
    expect(parsePartySize("2 adults and 1 child")).toBe("3 people");
    expect(parsePartySize("just me")).toBe("1 person");
    expect(parsePartySize("me and my sister")).toBe("2 people");
  });

  it("does not take times, durations or prices for people", () => {
    expect(parsePartySize("for 2pm")).toBeNull();
    expect(parsePartySize("for 2 nights")).toBeNull();
    expect(parsePartySize("for 10:30")).toBeNull();
    expect(parsePartySize("for €40")).toBeNull();
    expect(parsePartySize("book for Friday")).toBeNull();
  });
});

describe("services and products", () => {
  it("matches the business's service names by their words", () => {
    expect(matchService("I'd like a women's cut on Friday", SALON_SERVICES)).toBe("Women's cut and blow-dry");
    expect(matchService("men's cut please", SALON_SERVICES)).toBe("Men's cut");
    expect(matchService("can I get a balayage", SALON_SERVICES)).toBe("Balayage");
    expect(matchService("Can I bring my dog?", SALON_SERVICES)).toBeNull();
  });

  it("takes the phrase after 'book' when the knowledge names no service", () => {
    expect(bookedPhrase("I'd like to book a haircut for Friday")).toBe("haircut");
    expect(bookedPhrase("Can I book a deep tissue massage?")).toBe("deep tissue massage");
    expect(bookedPhrase("book me in for a trim tomorrow")).toBe("trim");
    expect(bookedPhrase("I need an appointment for a colour consultation")).toBe("colour consultation");
    expect(bookedPhrase("Can I book an appointment?")).toBeNull();
    expect(bookedPhrase("book for Friday")).toBeNull();
    expect(bookedPhrase("book for 2")).toBeNull();
  });

  it("reads what a customer wants to buy and how many", () => {
    expect(purchasePhrase("Do you sell gift cards?")).toBe("gift cards");
    expect(purchasePhrase("I'd like to order a birthday cake for Saturday")).toBe("birthday cake");
    expect(parseQuantity("I'll take 3 boxes")).toBe("3");
    expect(parseQuantity("two of them please")).toBe("2");
    expect(parseQuantity("order 4 for Friday")).toBe("4");
    expect(parseQuantity("Do you sell gift cards?")).toBeNull();
  });
});

describe("analyseGoal", () => {
  it("finds a booking's known facts across messages and lists what is missing", () => {
    const analysis = analyseGoal({
      messages: [customer("How much is a women's cut?"), ai("A women's cut and blow-dry is €48 [1]."), customer("Great, can I book one for Friday at 3pm?")],
      contact: { name: "", email: null, phone: null },
      services: SALON_SERVICES,
      timeZone: "Europe/Lisbon",
    });
    expect(analysis.goal).toBe("booking");
    expect(analysis.known).toEqual([
      { label: "Service", value: "Women's cut and blow-dry" },
      { label: "Date", value: "Friday (Fri 27 Nov)" },
      { label: "Time", value: "15:00" },
    ]);
    expect(analysis.missing).toEqual(["party size", "contact (email or phone)"]);
  });

  it("lets the customer's latest word correct an earlier one", () => {
    const analysis = analyseGoal({
      messages: [customer("I want to book a table for 2 on Friday"), customer("Actually make it Saturday, 4 people, at 7:30pm")],
      timeZone: "Europe/Lisbon",
    });
    expect(analysis.known).toEqual(
      expect.arrayContaining([
        { label: "Service", value: "table" },
        { label: "Date", value: "Saturday (Sat 28 Nov)" },
        { label: "Time", value: "19:30" },
        { label: "Party size", value: "4 people" },
      ]),
    );
  });

  it("counts the contact card, the lead and details the customer typed as contact", () => {
    const fromCard = analyseGoal({ messages: [customer("Can I book a trim?")], contact: { name: "Grace", email: "grace@example.com", phone: null } });
    expect(fromCard.known).toEqual(expect.arrayContaining([{ label: "Name", value: "Grace" }, { label: "Email", value: "grace@example.com" }]));
    expect(fromCard.missing).not.toContain("contact (email or phone)");

    const typed = analyseGoal({ messages: [customer("Book me a trim tomorrow, my number is +351 912 345 678")] });
    expect(typed.known).toContainEqual({ label: "Phone", value: "+351 912 345 678" });

    const fromLead = analyseGoal({ messages: [customer("hello")], lead: { intent: "Balayage next Friday", email: "ada@example.com" }, services: SALON_SERVICES, timeZone: "Europe/Lisbon" });
    expect(fromLead.goal).toBe("booking");
    expect(fromLead.known).toEqual(expect.arrayContaining([{ label: "Service", value: "Balayage" }, { label: "Email", value: "ada@example.com" }]));
  });

  it("reads the agent's stored intent when the words alone do not say", () => {
    expect(analyseGoal({ messages: [customer("ok")], lastIntent: "booking" }).goal).toBe("booking");
    expect(analyseGoal({ messages: [customer("ok")], lastIntent: "price" }).goal).toBe("question");
  });

  it("recognises questions, purchases, complaints and small talk", () => {
    const question = analyseGoal({ messages: [customer("Do you have parking nearby?")] });
    expect(question).toEqual({ goal: "question", known: [{ label: "Asked", value: "Do you have parking nearby?" }], missing: [] });

    const purchase = analyseGoal({ messages: [customer("Do you sell gift cards?")], contact: { name: "", email: null, phone: "912345678" } });
    expect(purchase.goal).toBe("purchase");
    expect(purchase.known).toContainEqual({ label: "Product", value: "gift cards" });
    expect(purchase.missing).toEqual(["quantity"]);

    const complaint = analyseGoal({ messages: [customer("Can I book?"), customer("Actually the colour I got last week was awful, I want my money back")] });
    expect(complaint.goal).toBe("complaint");
    expect(complaint.known[0]!.label).toBe("Issue");
    expect(complaint.missing).toEqual(["contact (email or phone)"]);

    expect(analyseGoal({ messages: [customer("hi")] })).toEqual({ goal: "other", known: [], missing: [] });
    expect(analyseGoal({ messages: [] })).toEqual({ goal: "other", known: [], missing: [] });
  });

  it("only takes facts from the customer's own words", () => {
    const analysis = analyseGoal({ messages: [customer("Can I book a trim?"), ai("Sure, we have Friday at 3pm free.")] });
    expect(analysis.missing).toEqual(["date", "time", "party size", "contact (email or phone)"]);
  });
});
