import { composeAnswer, type Passage } from "@/lib/agent/answer";
import type { CopilotGoal, CopilotSuggestion, KnownFact } from "./api";
import { CONTACT_NEED, type GoalAnalysis } from "./goal";

/**
 * The copilot's deterministic writer: the summary and two replies composed from the conversation's facts and the
 * knowledge passages alone. It is what the built-in offline model offers, and what every other model's output falls
 * back to when it fails or does not parse, so staff always get two suggestions. Nothing is invented: the first reply
 * quotes the passages (citing them), the second asks for what the goal still needs.
 */

/** A passage shown to the copilot, with what a suggestion cites from it. */
export type CopilotPassage = Passage & { documentId: string };

export type ComposeInput = {
  contactName: string;
  vertical: string;
  analysis: GoalAnalysis;
  /** The customer's latest words the reply answers (contact details taken out). */
  question: string;
  passages: CopilotPassage[];
};

export type Composed = { summary: string; suggestions: [CopilotSuggestion, CopilotSuggestion] };

/** Verticals whose customers book a visit: a plain question ends by offering one. */
const BOOKABLE = new Set(["salon", "clinic", "hotel", "fitness", "academy"]);

const firstName = (name: string) => {
  const first = name.trim().split(/\s+/)[0] ?? "";
  // A contact named after its email ("ada@example.com") or a placeholder is no one to greet by name.
  return /^[\p{L}'-]{2,30}$/u.test(first) ? first : "";
};

const quote = (text: string, max = 140) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return `“${flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`}”`;
};

const fact = (known: KnownFact[], label: string) => known.find((k) => k.label === label)?.value ?? null;
/** "Friday (Fri 27 Nov)" reads as "Fri 27 Nov" in a reply. */
const plainDate = (value: string) => /\(([^)]+)\)$/.exec(value)?.[1] ?? value;
const plainTime = (value: string) => (/^\d/.test(value) ? `at ${value}` : /^(after|before|around|from|by) /.test(value) ? value : `in the ${value}`);

function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** Removes citation markers: a staff reply reads as a person's words; its sources travel beside it. */
export function withoutCitations(text: string): string {
  return text.replace(/\s*\[\d{1,2}\]/g, "").replace(/\s+([.,!?;:])/g, "$1").replace(/[ \t]{2,}/g, " ").trim();
}

/** The sources a text cites ([n]), in citation order, among the passages it was shown. */
export function citedSources(text: string, passages: CopilotPassage[]): CopilotSuggestion["sources"] {
  const numbers = [...new Set([...text.matchAll(/\[(\d{1,2})\]/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
  return numbers.flatMap((n) => {
    const passage = passages.find((p) => p.n === n);
    return passage ? [{ n, title: passage.title, documentId: passage.documentId }] : [];
  });
}

const ASK: Record<string, string> = {
  service: "which service you'd like",
  date: "which day suits you",
  time: "what time works best",
  "party size": "how many people it's for",
  [CONTACT_NEED]: "an email or phone number so we can confirm",
  product: "which product you're after",
  quantity: "how many you'd like",
};

const GOAL_PHRASES: Record<CopilotGoal, (known: KnownFact[]) => string> = {
  booking: (known) => {
    const service = fact(known, "Service");
    return `wants to book${service ? ` ${service}` : ""}`;
  },
  purchase: (known) => {
    const product = fact(known, "Product");
    return `wants to buy${product ? ` ${product}` : " something"}`;
  },
  complaint: () => "has a complaint",
  question: () => "has a question",
  other: () => "is in touch",
};

/** One or two sentences for the staff member: who, what they want, what they said last. */
export function summarise({ contactName, analysis, lastCustomerMessage }: { contactName: string; analysis: GoalAnalysis; lastCustomerMessage: string }): string {
  const who = contactName.trim() || "The customer";
  const head = `${who} ${GOAL_PHRASES[analysis.goal](analysis.known)}.`;
  const last = lastCustomerMessage.trim() ? ` Latest message: ${quote(lastCustomerMessage)}.` : "";
  const missing = analysis.missing.length > 0 ? ` Still needed: ${list(analysis.missing)}.` : "";
  return `${head}${last}${missing}`;
}

function answerSuggestion({ contactName, analysis, question, passages }: ComposeInput): CopilotSuggestion {
  const name = firstName(contactName);
  const opener = analysis.goal === "complaint" ? `I'm really sorry about this${name ? `, ${name}` : ""}.` : `Hi${name ? ` ${name}` : " there"}!`;
  const answer = question.trim() ? composeAnswer(question, passages) : null;
  if (!answer) {
    const holding =
      analysis.goal === "complaint"
        ? "Thank you for telling us. I'm looking into it now and will come back to you here as soon as I can."
        : "Thanks for your message. Let me check that for you and I'll get back to you here shortly.";
    return { text: `${opener} ${holding}`, sources: [] };
  }
  return { text: `${opener} ${withoutCitations(answer.text)}`, sources: citedSources(answer.text, passages) };
}

function nextStepSuggestion({ contactName, vertical, analysis }: ComposeInput): CopilotSuggestion {
  const { goal, known, missing } = analysis;
  const contact = fact(known, "Email") ?? fact(known, "Phone");
  const asks = missing.map((need) => ASK[need] ?? need);
  let text: string;
  if (goal === "booking") {
    const service = fact(known, "Service");
    if (asks.length > 0) {
      text = `${service ? `To book your ${service}` : "To get this booked"}, could you tell me ${list(asks)}?`;
    } else {
      const date = fact(known, "Date");
      const time = fact(known, "Time");
      const party = fact(known, "Party size");
      const what = [service, date && `on ${plainDate(date)}`, time && plainTime(time), party && `for ${party}`].filter(Boolean).join(" ");
      text = `Perfect, that's ${what}. I'll confirm your booking${contact ? ` at ${contact}` : ""} shortly.`;
    }
  } else if (goal === "purchase") {
    const product = fact(known, "Product");
    const quantity = fact(known, "Quantity");
    text =
      asks.length > 0
        ? `Happy to help with that! Could you tell me ${list(asks)}?`
        : `Great, that's ${quantity} × ${product}. I'll get that ready and confirm${contact ? ` at ${contact}` : ""} shortly.`;
  } else if (goal === "complaint") {
    text = missing.includes(CONTACT_NEED)
      ? "Could you share an email or phone number so a member of our team can follow up with you personally and put this right?"
      : `A member of our team will follow up with you${contact ? ` at ${contact}` : ""} as soon as possible to put this right.`;
  } else if (goal === "question") {
    text = BOOKABLE.has(vertical)
      ? "Would you like me to book that for you? Just tell me which day and time suit you."
      : "Is there anything else I can help you with?";
  } else {
    const name = firstName(contactName);
    text = `Thanks for getting in touch${name ? `, ${name}` : ""}! How can I help you today?`;
  }
  return { text, sources: [] };
}

/** The summary and the two suggestions, from the facts and passages alone. */
export function composeSuggestions(input: ComposeInput & { lastCustomerMessage: string }): Composed {
  return {
    summary: summarise({ contactName: input.contactName, analysis: input.analysis, lastCustomerMessage: input.lastCustomerMessage }),
    suggestions: [answerSuggestion(input), nextStepSuggestion(input)],
  };
}
