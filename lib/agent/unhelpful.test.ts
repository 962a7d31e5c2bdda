import { describe, expect, it } from "vitest";
import { isUnhelpfulFeedback, repeatsQuestion, unhelpfulRun, type Turn } from "./unhelpful";

const customer = (content: string): Turn => ({ role: "customer", content });
const ai = (content: string): Turn => ({ role: "ai", content });

describe("isUnhelpfulFeedback", () => {
  it.each([
    "that doesn't help",
    "That does not help at all",
    "not helpful",
    "This isn't helping",
    "not what I asked",
    "That's not what I asked, how much is a men's cut?",
    "you're not answering my question",
    "You didn't answer my question",
    "useless",
    "no that's wrong",
    "No, that is incorrect",
    "wrong answer",
    "that makes no sense",
    "I already asked that",
    "no me ayuda",
    "não ajudou",
    "ça ne m'aide pas",
    "Das hilft nicht",
  ])("hears %j as 'that did not help'", (text) => {
    expect(isUnhelpfulFeedback(text)).toBe(true);
  });

  it.each([
    "Thanks, that helps!",
    "That was really helpful",
    "No, that's fine, thank you",
    "Is that wrong?",
    "Can you help me book a cut?",
    "How much is a men's cut?",
    "I'm not sure which colour I want",
    "What's wrong with my booking?",
    "I just asked my wife, 7pm works",
    "Would it not help to book early?",
    "Could you read the message from my colleague?",
  ])("does not hear %j as a complaint about the answer", (text) => {
    expect(isUnhelpfulFeedback(text)).toBe(false);
  });
});

describe("repeatsQuestion", () => {
  it("spots the same question asked again nearly word for word", () => {
    expect(repeatsQuestion("How much is a women's cut??", "how much is a women's cut?")).toBe(true);
    expect(repeatsQuestion("how much for a womens cut", "How much is a women's cut?")).toBe(true);
    expect(repeatsQuestion("Do you have parking near the salon?", "Is there parking near the salon?")).toBe(true);
  });

  it("does not take a new question or a short reply for a repeat", () => {
    expect(repeatsQuestion("How much is a men's cut?", "How much is a women's cut?")).toBe(false);
    expect(repeatsQuestion("hi", "hi")).toBe(false);
    expect(repeatsQuestion("Can I bring my dog?", "How much is balayage?")).toBe(false);
  });
});

describe("unhelpfulRun", () => {
  const question = customer("How much is a women's cut?");

  it("counts one unhelpful answer after the first complaint about it", () => {
    expect(unhelpfulRun([question, ai("We are open 9 to 5.")], "that doesn't help")).toEqual({ answers: 1, question: question.content });
  });

  it("counts two in a row, by feedback or by asking again", () => {
    const turns = [question, ai("We are open 9 to 5."), customer("not what I asked"), ai("Our address is Rua da Rosa 87.")];
    expect(unhelpfulRun(turns, "you're not answering my question")).toEqual({ answers: 2, question: question.content });
    const repeated = [question, ai("We are open 9 to 5."), customer("How much is a women's cut??"), ai("Our address is Rua da Rosa 87.")];
    expect(unhelpfulRun(repeated, "useless").answers).toBe(2);
  });

  it("starts over after an answer that helped, and only counts replies to the AI", () => {
    const helped = [question, ai("We are open 9 to 5."), customer("that doesn't help"), ai("A women's cut is €48 [1]."), customer("Thanks! Can I bring my dog?"), ai("We're closed on Sundays.")];
    expect(unhelpfulRun(helped, "that doesn't help").answers).toBe(1);
    const staff = [question, ai("We are open 9 to 5."), customer("that doesn't help"), { role: "agent" as const, content: "Hi, Carol here." }];
    expect(unhelpfulRun(staff, "that doesn't help").answers).toBe(0);
    expect(unhelpfulRun([], "that doesn't help").answers).toBe(0);
    expect(unhelpfulRun([question, ai("A women's cut is €48 [1].")], "Great, thanks").answers).toBe(0);
  });
});
