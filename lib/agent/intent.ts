import { escalationTopic, hoursQuestion, smallTalk, type EscalationTopic } from "./escalation-topics";

/**
 * What a customer's message is about, from its words alone: deterministic, instant, and the same for every model. The
 * agent uses it to hand off the topics a person must handle (escalation-topics.ts), to keep small talk away from a
 * hand-off, and to offer sensible quick replies; the offline model uses it to choose its tools.
 */
export type Intent =
  | "human_request"
  | "booking"
  | "price"
  | "hours"
  | "location"
  | "complaint"
  /** A refund asked for or a charge disputed (a refund policy asked about is a "question"). */
  | "refund"
  | "medical"
  | "legal"
  | "lead"
  | "greeting"
  | "thanks"
  | "goodbye"
  | "question";

export type DetectedIntent = {
  intent: Intent;
  /** A topic a person must handle (complaints, refunds and billing disputes, medical and safety, legal). */
  risky: boolean;
  /** The topic that hands the conversation to a person, if any (an explicit request included). */
  topic: EscalationTopic | null;
  contact: { email?: string; phone?: string; name?: string };
};

const TOPIC_INTENTS: Record<EscalationTopic, Intent> = {
  human_request: "human_request",
  complaint: "complaint",
  billing: "refund",
  medical: "medical",
  legal: "legal",
};

// Checked in this order after the escalation topics and small talk: the first that matches wins.
const PATTERNS: [Intent, RegExp | ((text: string) => boolean)][] = [
  [
    "booking",
    /\b(book|booking|appointment|reserve|reservation|schedule|slot|availability|available|free (on|at|this|next)|cancel|reschedule|move my|marcar|agendar|reservar|cita|rendez-vous|réserver|termin)\b/i,
  ],
  ["price", /\b(price|prices|pricing|cost|costs|how much|fee|fees|rate|rates|charge|expensive|cheap|€|£|\$|quanto|cu[aá]nto|precio|pre[çc]o|prix|combien|preis|kostet)\b|[€£$]/i],
  // Only the business's own opening hours: "what time is breakfast" or "is the pool open" asks the knowledge.
  ["hours", (text) => hoursQuestion(text) === "business"],
  ["location", /\b(where|address|located|location|directions|parking|park|metro|bus|train|map|find you|get there|onde|d[oó]nde|où|wo ist)\b/i],
];

const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;
// Seven or more digits with the separators people type; times ("10:30") and prices ("€45.00") are not phone numbers.
const PHONE = /(?<![\w€£$.:])(\+?\d[\d\s().-]{5,}\d)(?![\w%€£$:])/;
const NAME = /\b(?:[Mm]y name is|[Mm]y name's|I am|I'm|[Tt]his is|[Mm]e llamo|[Jj]e m'appelle|[Ii]ch bin)\s+([A-ZÀ-Ý][a-zà-ÿ'-]+(?:\s+[A-ZÀ-Ý][a-zà-ÿ'-]+)?)/;
const NOT_NAMES = new Set(["Interested", "Looking", "Here", "Late", "Sorry", "Not", "Just", "Trying", "Wondering"]);

/**
 * The question with the customer's contact details (and the words announcing them) taken out, so an email address
 * does not count against how well a passage answers "Can I bring my dog? My email is ada@example.com".
 */
export function withoutContactDetails(text: string): string {
  return text
    .replace(new RegExp(EMAIL.source, "g"), " ")
    .replace(new RegExp(PHONE.source, "g"), (match, digits: string) => (digits.replace(/\D/g, "").length >= 7 ? " " : match))
    .replace(new RegExp(NAME.source, "g"), " ")
    .replace(/\b(my|the|our)\s+(e-?mail|phone|number|mobile|whatsapp)(\s+(address|number))?\s+(is|:)?/gi, " ")
    .replace(/\b(call|text|reach|email|contact)\s+me(\s+(at|on))?/gi, " ")
    .replace(/\s+([?.!,])/g, "$1")
    .replace(/\s{2,}/g, " ")
    .replace(/^[\s,.;:-]+|[\s,;:-]+$/g, "");
}

function extractContact(text: string): DetectedIntent["contact"] {
  const contact: DetectedIntent["contact"] = {};
  const email = EMAIL.exec(text)?.[0];
  if (email) contact.email = email.toLowerCase();
  const phone = PHONE.exec(text.replace(EMAIL, " "))?.[1];
  if (phone && phone.replace(/\D/g, "").length >= 7) contact.phone = phone.trim();
  const name = NAME.exec(text)?.[1];
  if (name && !NOT_NAMES.has(name.split(" ")[0]!)) contact.name = name;
  return contact;
}

export function detectIntent(text: string): DetectedIntent {
  const contact = extractContact(text);
  const topic = escalationTopic(text);
  const small = topic ? null : smallTalk(text);
  const matched = PATTERNS.find(([, pattern]) => (typeof pattern === "function" ? pattern(text) : pattern.test(text)))?.[0];
  let intent: Intent;
  if (topic) intent = TOPIC_INTENTS[topic];
  else if (small) intent = small;
  else if (matched) intent = matched;
  else if (contact.email || contact.phone) intent = "lead";
  else intent = "question";
  return { intent, risky: topic !== null && topic !== "human_request", topic, contact };
}

// Language detection lives with the knowledge's other language handling; re-exported for the callers that know it here.
export { detectLanguage } from "@/lib/knowledge/language";
