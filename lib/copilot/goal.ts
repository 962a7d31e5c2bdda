import { detectIntent } from "@/lib/agent/intent";
import { contentStems } from "@/lib/knowledge/offline-embedder";
import type { CopilotGoal, KnownFact } from "./api";

/**
 * What the customer is trying to get done, what they have told us towards it and what is still missing: from their
 * own words, deterministically, so the copilot, the hand-off package and every model see the same facts. Pure: the
 * callers read the conversation and the business's service names.
 */

export type GoalMessage = { role: "customer" | "ai" | "agent" | "system" | "note"; content: string; createdAt?: Date };

export type GoalInput = {
  /** The conversation's messages, oldest first. Only the customer's words count as facts. */
  messages: GoalMessage[];
  contact?: { name: string; email: string | null; phone: string | null } | null;
  lead?: { name?: string; email?: string | null; phone?: string | null; intent?: string; details?: string } | null;
  /** The intent the agent stored on the latest customer message. */
  lastIntent?: string | null;
  /** Names of the business's services and products (knowledge titles, headings, price list items). */
  services?: string[];
  /** The business's time zone: "tomorrow" and "Friday" are resolved to dates in it. */
  timeZone?: string;
  /** The business's locale: "5/12" is 12 May in en-US, 5 December elsewhere. */
  locale?: string;
};

export type GoalAnalysis = { goal: CopilotGoal; known: KnownFact[]; missing: string[] };

/** What every booking, purchase and complaint needs besides its own facts: a way to reach the customer. */
export const CONTACT_NEED = "contact (email or phone)";

const WORD_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
};
const NUMBER = String.raw`(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)`;
const toNumber = (word: string): number | null => {
  const n = /^\d+$/.test(word) ? Number(word) : WORD_NUMBERS[word.toLowerCase()];
  return n === undefined ? null : n;
};

// ---------------------------------------------------------------------------------------------------------------------
// Dates

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const SHORT_WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const monthIndex = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase());

type Ymd = { y: number; m: number; d: number };

/** The calendar date (and weekday) of an instant in a time zone. */
function localDate(at: Date, timeZone: string): Ymd {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { y: get("year"), m: get("month") - 1, d: get("day") };
}

const asUtc = ({ y, m, d }: Ymd) => new Date(Date.UTC(y, m, d));
const addDays = (date: Ymd, days: number): Ymd => {
  const t = asUtc(date);
  t.setUTCDate(t.getUTCDate() + days);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth(), d: t.getUTCDate() };
};
const weekdayOf = (date: Ymd) => asUtc(date).getUTCDay();
const validDate = ({ y, m, d }: Ymd) => m >= 0 && m < 12 && d >= 1 && asUtc({ y, m, d }).getUTCDate() === d;

/** "Wed 25 Nov", with the year only when it is not the reference's. */
function formatDate(date: Ymd, reference: Ymd | null): string {
  const weekday = SHORT_WEEKDAYS[weekdayOf(date)]!;
  const month = MONTHS[date.m]!;
  const year = reference && reference.y !== date.y ? ` ${date.y}` : "";
  return `${weekday[0]!.toUpperCase()}${weekday.slice(1)} ${date.d} ${month[0]!.toUpperCase()}${month.slice(1)}${year}`;
}

/** The next date on or after the reference with this month and day (a customer means the coming one). */
function upcoming(m: number, d: number, reference: Ymd): Ymd {
  const thisYear = { y: reference.y, m, d };
  return asUtc(thisYear) < asUtc(reference) ? { y: reference.y + 1, m, d } : thisYear;
}

export type DateReference = { at: Date; timeZone: string; locale?: string };

/**
 * The first date a text names, as staff would read it: "tomorrow (Wed 25 Nov)", "next Friday (Fri 27 Nov)",
 * "Tue 12 May", or the customer's own words when there is no reference to resolve them ("this weekend").
 */
export function parseDate(text: string, reference?: DateReference): string | null {
  const ref = reference ? localDate(reference.at, reference.timeZone) : null;
  const relative = (phrase: string, days: number) => (ref ? `${phrase} (${formatDate(addDays(ref, days), ref)})` : phrase);
  const lower = text.toLowerCase();

  let match = /\b(the\s+)?day after tomorrow\b/.exec(lower);
  if (match) return relative("day after tomorrow", 2);
  if (/\b(tomorrow|tmrw|tmr)\b/.test(lower)) return relative("tomorrow", 1);
  match = /\b(today|tonight|this (?:morning|afternoon|evening))\b/.exec(lower);
  if (match) return relative(match[1] === "today" ? "today" : match[1]!, 0);

  match = /\b(20\d\d)-(\d{1,2})-(\d{1,2})\b/.exec(lower);
  if (match) {
    const date = { y: Number(match[1]), m: Number(match[2]) - 1, d: Number(match[3]) };
    if (validDate(date)) return formatDate(date, ref);
  }
  match = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+${MONTH}\b`).exec(lower) ?? null;
  const dayMonth = match ? { d: Number(match[1]), m: monthIndex(match[2]!) } : null;
  const monthDayMatch = new RegExp(String.raw`\b${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?\b(?![:.]\d)(?!\s*(?:am|pm|people|persons|guests)\b)`).exec(lower);
  const monthDay = monthDayMatch ? { m: monthIndex(monthDayMatch[1]!), d: Number(monthDayMatch[2]) } : null;
  const named = dayMonth ?? monthDay;
  if (named) {
    const probe = { y: ref?.y ?? 2000, m: named.m, d: named.d };
    if (validDate(probe)) {
      if (!ref) return `${named.d} ${MONTHS[named.m]![0]!.toUpperCase()}${MONTHS[named.m]!.slice(1)}`;
      return formatDate(upcoming(named.m, named.d, ref), ref);
    }
  }
  match = /(?<![\d.:/€£$])\b(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?\b(?![/\d])/.exec(lower);
  if (match) {
    const [a, b] = [Number(match[1]), Number(match[2])];
    const monthFirst = (reference?.locale ?? "").toLowerCase() === "en-us";
    const [m, d] = monthFirst ? [a - 1, b] : [b - 1, a];
    const year = match[3] ? (match[3].length === 2 ? 2000 + Number(match[3]) : Number(match[3])) : null;
    const probe = { y: year ?? ref?.y ?? 2000, m, d };
    if (validDate(probe)) {
      if (year) return formatDate(probe, ref);
      if (ref) return `${match[0]} (${formatDate(upcoming(m, d, ref), ref)})`;
      return match[0];
    }
  }

  // Full weekday names anywhere; the short forms only after "on", "next" or "this" ("I sat", "the sun").
  match =
    /\b(?:(next|this|on|coming)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b/.exec(lower) ??
    /\b(next|this|on|coming)\s+(mon|tues?|weds?|thurs?|fri|sat|sun)\b/.exec(lower);
  if (match) {
    const qualifier = match[1] && match[1] !== "on" ? `${match[1]} ` : "";
    const target = SHORT_WEEKDAYS.findIndex((d) => match![2]!.startsWith(d));
    const name = WEEKDAYS[target]!;
    const phrase = `${qualifier}${name[0]!.toUpperCase()}${name.slice(1)}`;
    if (!ref) return phrase;
    const ahead = (target - weekdayOf(ref) + 7) % 7 || 7;
    return `${phrase} (${formatDate(addDays(ref, ahead), ref)})`;
  }
  match = /\b((?:this|next) (?:weekend|week|month)|(?:at|on|over) the weekend|weekend)\b/.exec(lower);
  if (match) return match[1]!.replace(/^(at|on|over) the /, "");
  return null;
}

// ---------------------------------------------------------------------------------------------------------------------
// Times

const pad = (n: number) => String(n).padStart(2, "0");
const to24 = (hour: number, meridiem: string | undefined) => {
  const pm = meridiem?.startsWith("p");
  if (meridiem && hour === 12) return pm ? 12 : 0;
  return pm ? hour + 12 : hour;
};

/**
 * The first time of day a text names, as "15:30", "after 17:00", or a part of the day ("morning"). A bare hour
 * ("at 3") is read in business hours: 1–7 are afternoon and evening.
 */
export function parseTime(text: string): string | null {
  const lower = text.toLowerCase().replace(/\b([ap])\.m\.?/g, "$1m");
  const lead = (word: string | undefined) => (word && /^(after|before|around|about|from|by)$/.test(word) ? `${word === "about" ? "around" : word} ` : "");
  const PREFIX = String.raw`(?:\b(at|around|about|after|before|from|by)\s+)?`;

  let match = new RegExp(String.raw`${PREFIX}\b(noon|midday)\b`).exec(lower);
  if (match) return `${lead(match[1])}12:00`;
  match = new RegExp(String.raw`${PREFIX}(?<![\d.,€£$/])\b([01]?\d|2[0-3])[:h]([0-5]\d)(?!\d)\s*(am|pm)?`).exec(lower);
  if (match) return `${lead(match[1])}${pad(to24(Number(match[2]), match[4]))}:${match[3]}`;
  match = new RegExp(String.raw`${PREFIX}(?<![\d.,€£$/])\b(1[0-2]|0?[1-9])\s*(am|pm)\b`).exec(lower);
  if (match) return `${lead(match[1])}${pad(to24(Number(match[2]), match[3]))}:00`;
  match = new RegExp(String.raw`${PREFIX}\b(1[0-2]|0?[1-9])\s*o'?clock\b`).exec(lower);
  const bare =
    match ??
    /\b(at|around|about|after|before|by)\s+(1[0-2]|0?[1-9])\b(?![:./\d%])(?!\s*(?:people|persons|guests|adults|kids|children|of us|nights?|days?|weeks?|months?|hours?|hrs?|mins?|minutes?|euros?|pounds?|dollars?|€|£|\$|%|th|st|nd|rd)\b)/.exec(lower);
  if (bare) {
    const hour = Number(bare[2]);
    return `${lead(bare[1])}${pad(hour <= 7 ? hour + 12 : hour)}:00`;
  }
  const withoutGreetings = lower.replace(/\bgood (morning|afternoon|evening|night)\b/g, " ");
  match = /\b(early morning|late morning|morning|early afternoon|late afternoon|afternoon|lunch ?time|evening|tonight)\b/.exec(withoutGreetings);
  if (match) return match[1] === "tonight" ? "evening" : match[1]!.replace("lunch time", "lunchtime");
  return null;
}

// ---------------------------------------------------------------------------------------------------------------------
// Party size

const people = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;
const NOT_PEOPLE = String.raw`(?!\s*(?:am|pm|a\.m|p\.m|:|\.\d|h\b|o'?clock|nights?|days?|weeks?|months?|years?|hours?|hrs?|mins?|minutes?|%|€|£|\$|eur|euros?|dollars?|pounds?|quid|th\b|st\b|nd\b|rd\b|/))`;

/** How many people the booking is for: "for 2", "two of us", "party of 4", "3 adults and 2 children", "just me". */
export function parsePartySize(text: string): string | null {
  const lower = text.toLowerCase();
  let match = new RegExp(String.raw`\b${NUMBER}\s+adults?(?:\s*(?:and|&|\+|,)\s*${NUMBER}\s+(?:kids?|child(?:ren)?|teens?|babies|baby|infants?))?`).exec(lower);
  if (match) {
    const total = (toNumber(match[1]!) ?? 0) + (match[2] ? (toNumber(match[2]) ?? 0) : 0);
    if (total > 0) return people(total);
  }
  match =
    new RegExp(String.raw`\b(?:party|group|table|booking|reservation) (?:of|for)\s+${NUMBER}\b${NOT_PEOPLE}`).exec(lower) ??
    new RegExp(String.raw`\b${NUMBER}\s+(?:of us|people|persons|guests|pax|ppl)\b`).exec(lower) ??
    new RegExp(String.raw`\b(?:there (?:are|will be|'ll be)|we(?:'re| are| will be|'ll be))\s+${NUMBER}\b${NOT_PEOPLE}`).exec(lower) ??
    new RegExp(String.raw`\bfor\s+${NUMBER}\b${NOT_PEOPLE}`).exec(lower);
  if (match) {
    const n = toNumber(match[1]!);
    if (n && n <= 50) return people(n);
  }
  if (/\b(a couple of us|the two of us|both of us|me and (?:my|a) \w+|my \w+ and (?:i|me)|(?:with|and) my (?:partner|wife|husband|friend|boyfriend|girlfriend|mum|mom|dad|sister|brother|daughter|son))\b/.test(lower)) return people(2);
  if (/\b(just me|only me|just myself|on my own|by myself|for one)\b/.test(lower)) return people(1);
  return null;
}

// ---------------------------------------------------------------------------------------------------------------------
// Services and products

const GENERIC = new Set([
  "appointment", "appointments", "booking", "bookings", "reservation", "slot", "time", "session", "visit", "it", "one", "something",
  "that", "this", "them", "me", "us", "in", "a", "an", "the", "place", "spot", "day", "date",
]);
const PHRASE_END = String.raw`(?=\s+(?:for|on|at|this|next|tomorrow|today|tonight|with|please|in|around|by|from|before|after|and|or|if|when|sometime|asap|because|so)\b|\s*[?.!,;:]|\s*$)`;
const numeric = (stem: string) => /^\d/.test(stem);
const serviceStems = (text: string) => [...new Set(contentStems(text).filter((s) => !numeric(s)))];

/** The service name that best matches the customer's words: the most shared words, then the closest fit. */
export function matchService(text: string, services: string[]): string | null {
  const said = new Set(serviceStems(text));
  let best: { name: string; matched: number; ratio: number } | null = null;
  for (const name of services) {
    const stems = serviceStems(name);
    if (stems.length === 0) continue;
    const matched = stems.filter((s) => said.has(s)).length;
    const ratio = matched / stems.length;
    if (matched === 0 || (matched < 2 && ratio < 0.5)) continue;
    if (!best || matched > best.matched || (matched === best.matched && (ratio > best.ratio || (ratio === best.ratio && name.length < best.name.length)))) {
      best = { name, matched, ratio };
    }
  }
  return best?.name ?? null;
}

const cleanPhrase = (phrase: string) =>
  phrase
    .replace(/^(?:an?|the|my|our|some|me|us|in)\s+/i, "")
    .replace(/\s+(?:appointment|booking|session|slot)s?$/i, "")
    .trim();

/** A service named after "book", "appointment for", "reserve" ("I'd like to book a balayage for Friday"). */
export function bookedPhrase(text: string): string | null {
  const patterns = [
    new RegExp(String.raw`\b(?:appointment|booking|reservation|slot)\s+for\s+(?:an?|the|my|some)\s+([a-zà-ÿ][a-zà-ÿ'’ -]{1,40}?)${PHRASE_END}`, "i"),
    new RegExp(String.raw`\b(?:book|reserve|schedule)\s+(?:me\s+)?(?:in\s+)?(?:for\s+)?(?:an?|the|my|some)?\s*([a-zà-ÿ][a-zà-ÿ'’ -]{1,40}?)${PHRASE_END}`, "i"),
  ];
  for (const pattern of patterns) {
    const phrase = cleanPhrase(pattern.exec(text)?.[1] ?? "");
    if (!phrase || GENERIC.has(phrase.toLowerCase()) || WEEKDAYS.includes(phrase.toLowerCase()) || /\d/.test(phrase)) continue;
    return phrase;
  }
  return null;
}

/** What the customer wants to buy: "do you sell gift cards", "I'd like to order a birthday cake". */
export function purchasePhrase(text: string): string | null {
  const match = new RegExp(
    String.raw`\b(?:buy|purchase|order|get hold of|do you (?:sell|have|stock|carry)|in stock)\s+(?:\d+\s+|an?\s+|the\s+|some\s+|any\s+)?([a-zà-ÿ][a-zà-ÿ'’ -]{1,40}?)${PHRASE_END}`,
    "i",
  ).exec(text);
  const phrase = cleanPhrase(match?.[1] ?? "");
  return phrase && !GENERIC.has(phrase.toLowerCase()) ? phrase : null;
}

/** How many of something: "2 boxes", "three of them", "x4". */
export function parseQuantity(text: string): string | null {
  const match =
    new RegExp(String.raw`\b${NUMBER}\s*(?:x\b|units?|pieces?|pcs|items?|boxes|box|bottles?|packs?|pairs?|of (?:them|these|those|it|each)|copies)`, "i").exec(text) ??
    /\bx\s?(\d{1,3})\b/i.exec(text) ??
    new RegExp(String.raw`\b(?:buy|order|purchase|get)\s+${NUMBER}\b${NOT_PEOPLE}`, "i").exec(text);
  const n = match ? toNumber(match[1]!) : null;
  return n ? String(n) : null;
}

// ---------------------------------------------------------------------------------------------------------------------
// The goal

const BOOKING = /\b(book|booking|booked|appointment|reserve|reservation|schedule|reschedule|slot|table for|come in|fit me in|get me in|squeeze me in|marcar|agendar|reservar|cita|rendez-vous|réserver|termin)\b/i;
const PURCHASE = /\b(buy|purchase|order|in stock|do you (?:sell|stock|carry)|gift ?cards?|vouchers?|shipping|deliver(?:y)?|checkout|add to (?:cart|basket)|comprar|acheter|kaufen)\b/i;
const QUESTION_INTENTS = new Set(["price", "hours", "location", "question"]);

const trimTo = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
};

function detectGoal(customer: string[], lastIntent: string | null | undefined, leadText: string): CopilotGoal {
  const intents = customer.map((text) => detectIntent(text).intent);
  if (intents.some((i) => i === "complaint" || i === "refund") || lastIntent === "complaint" || lastIntent === "refund") return "complaint";
  // A lead saved with a day or a time ("Balayage next Friday") is a booking in all but name.
  const leadBooks = leadText !== "" && (BOOKING.test(leadText) || parseDate(leadText) !== null || parseTime(leadText) !== null);
  if (customer.some((t) => BOOKING.test(t)) || leadBooks || lastIntent === "booking") return "booking";
  if (customer.some((t) => PURCHASE.test(t)) || PURCHASE.test(leadText)) return "purchase";
  if (customer.some((t) => t.includes("?")) || intents.some((i) => QUESTION_INTENTS.has(i)) || (lastIntent && QUESTION_INTENTS.has(lastIntent))) return "question";
  return "other";
}

/** The first value a parser finds, newest message first (a customer's latest word corrects an earlier one). */
function firstOf<T>(texts: { text: string; at?: Date }[], parse: (text: string, at?: Date) => T | null): T | null {
  for (const { text, at } of texts) {
    const value = parse(text, at);
    if (value !== null) return value;
  }
  return null;
}

export function analyseGoal(input: GoalInput): GoalAnalysis {
  const customerMessages = input.messages.filter((m) => m.role === "customer" && m.content.trim());
  const customer = customerMessages.map((m) => m.content);
  const leadText = [input.lead?.intent, input.lead?.details].filter(Boolean).join(". ");
  // Newest first, the lead's own summary last: what the customer said most recently wins.
  const texts = [...customerMessages].reverse().map((m) => ({ text: m.content, at: m.createdAt }));
  if (leadText) texts.push({ text: leadText, at: undefined });
  const goal = detectGoal(customer, input.lastIntent, leadText);

  const said = texts.map(({ text }) => detectIntent(text).contact);
  const name = input.contact?.name || input.lead?.name || said.find((c) => c.name)?.name || "";
  const email = input.contact?.email || input.lead?.email || said.find((c) => c.email)?.email || null;
  const phone = input.contact?.phone || input.lead?.phone || said.find((c) => c.phone)?.phone || null;

  const known: KnownFact[] = [];
  const missing: string[] = [];
  const services = input.services ?? [];
  const reference = (at?: Date): DateReference | undefined => (at && input.timeZone ? { at, timeZone: input.timeZone, locale: input.locale } : undefined);

  if (goal === "booking") {
    const service = firstOf(texts, (text) => (services.length ? matchService(text, services) : null)) ?? firstOf(texts, bookedPhrase);
    const date = firstOf(texts, (text, at) => parseDate(text, reference(at)));
    const time = firstOf(texts, parseTime);
    const party = firstOf(texts, parsePartySize);
    const facts: [string, string | null, string][] = [
      ["Service", service, "service"],
      ["Date", date, "date"],
      ["Time", time, "time"],
      ["Party size", party, "party size"],
    ];
    for (const [label, value, need] of facts) {
      if (value) known.push({ label, value });
      else missing.push(need);
    }
  } else if (goal === "purchase") {
    const product = firstOf(texts, (text) => (services.length ? matchService(text, services) : null)) ?? firstOf(texts, purchasePhrase);
    const quantity = firstOf(texts, parseQuantity);
    if (product) known.push({ label: "Product", value: product });
    else missing.push("product");
    if (quantity) known.push({ label: "Quantity", value: quantity });
    else missing.push("quantity");
  } else if (goal === "complaint") {
    const complaint = customerMessages.find((m) => ["complaint", "refund"].includes(detectIntent(m.content).intent));
    known.push({ label: "Issue", value: trimTo(complaint?.content ?? customer.at(-1) ?? "", 160) });
  } else if (goal === "question") {
    const asked = [...customer].reverse().find((t) => t.includes("?")) ?? customer.at(-1);
    if (asked) known.push({ label: "Asked", value: trimTo(asked, 160) });
  }

  if (name) known.push({ label: "Name", value: name });
  if (email) known.push({ label: "Email", value: email });
  if (phone) known.push({ label: "Phone", value: phone });
  const needsContact = goal === "booking" || goal === "purchase" || goal === "complaint";
  if (needsContact && !email && !phone) missing.push(CONTACT_NEED);
  return { goal, known, missing };
}
