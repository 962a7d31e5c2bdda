/**
 * What a customer's message is about, from its words alone: deterministic, instant, and the same for every model. The
 * agent uses it to score risk (complaints, refunds, medical and legal questions go to a person), to hand off on an
 * explicit request, and to offer sensible quick replies; the offline model uses it to choose its tools.
 */
export type Intent =
  | "human_request"
  | "booking"
  | "price"
  | "hours"
  | "location"
  | "complaint"
  | "refund"
  | "medical"
  | "legal"
  | "lead"
  | "greeting"
  | "thanks"
  | "question";

export type DetectedIntent = {
  intent: Intent;
  risky: boolean;
  contact: { email?: string; phone?: string; name?: string };
};

const RISKY: ReadonlySet<Intent> = new Set(["complaint", "refund", "medical", "legal"]);

// Checked in this order: the first that matches wins (a complaint that mentions a booking is a complaint).
const PATTERNS: [Intent, RegExp][] = [
  [
    "human_request",
    /\b(talk|speak|chat)\s+(to|with)\s+(a\s+|an\s+|some\s*one|somebody|the\s+)?(real\s+)?(person|human|someone|somebody|agent|staff|manager|owner|people|team)\b|\breal (person|human)\b|\b(human|live) (agent|support)\b|\boperator\b|\brepresentative\b|\bcall me( back)?\b|\bhablar con (una persona|alguien|un humano)|\bhumano\b|\bfalar com (uma pessoa|algu[eé]m|um humano)|\batendente\b|\bparler (à|a) (quelqu'un|une personne|un humain)|\bun humain\b|\bmit einem (menschen|mitarbeiter)|\bmitarbeiter sprechen\b/i,
  ],
  ["refund", /\b(refund|money back|chargeback|charge ?back|reimburse|reembolso|remboursement|rückerstattung)\b/i],
  [
    "complaint",
    /\b(complain|complaint|terrible|awful|horrible|disgusting|disappointed|unacceptable|rude|worst|furious|angry|ruined|never again|scam|queja|reclama[çc][ãa]o|plainte|beschwerde)\b/i,
  ],
  [
    "medical",
    /\b(allerg(y|ic)|reaction|rash|burn(ed|t)?|infection|infected|bleeding|pregnan(t|cy)|medication|doctor|symptoms?|swollen|swelling|itch(y|ing)|blister|injur(y|ed)|pain(ful)?)\b/i,
  ],
  ["legal", /\b(lawyer|attorney|sue|suing|lawsuit|legal action|court|gdpr|data protection|delete my data|solicitor)\b/i],
  [
    "booking",
    /\b(book|booking|appointment|reserve|reservation|schedule|slot|availability|available|free (on|at|this|next)|cancel|reschedule|move my|marcar|agendar|reservar|cita|rendez-vous|réserver|termin)\b/i,
  ],
  ["price", /\b(price|prices|pricing|cost|costs|how much|fee|fees|rate|rates|charge|expensive|cheap|€|£|\$|quanto|cu[aá]nto|precio|pre[çc]o|prix|combien|preis|kostet)\b|[€£$]/i],
  ["hours", /\b(open|opening|close|closing|closed|hours|what time|until when|today|tomorrow|sunday|saturday|weekend|holiday|hor[aá]rio|horario|heures|öffnungszeiten)\b/i],
  ["location", /\b(where|address|located|location|directions|parking|park|metro|bus|train|map|find you|get there|onde|d[oó]nde|où|wo ist)\b/i],
];

const GREETING = /^\s*(hi|hello|hey|hiya|good (morning|afternoon|evening)|ol[aá]|hola|bonjour|hallo|oi)\b[\s!.,]*(there|team|all)?[\s!.,:)]*$/i;
const THANKS = /^\s*(thanks|thank you|thx|ty|cheers|great,? thanks|perfect,? thanks|obrigad[oa]|gracias|merci|danke)\b[\s\w!.,:)]{0,20}$/i;

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
  const matched = PATTERNS.find(([, pattern]) => pattern.test(text))?.[0];
  let intent: Intent;
  if (matched) intent = matched;
  else if (contact.email || contact.phone) intent = "lead";
  else if (GREETING.test(text)) intent = "greeting";
  else if (THANKS.test(text)) intent = "thanks";
  else intent = "question";
  return { intent, risky: RISKY.has(intent), contact };
}

// Language detection lives with the knowledge's other language handling; re-exported for the callers that know it here.
export { detectLanguage } from "@/lib/knowledge/language";
