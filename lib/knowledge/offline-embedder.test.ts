import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONCEPTS, EMBEDDING_DIMENSIONS, OFFLINE_EMBEDDING_MODEL, embedOffline, stemWord } from "./offline-embedder";

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] ?? 0) * (b[i] ?? 0);
  return dot; // both sides are unit vectors (or zero)
}

const embedOne = (text: string): number[] => embedOffline([text])[0] ?? [];
const similarity = (a: string, b: string) => cosine(embedOne(a), embedOne(b));

// A small salon's knowledge base, written the way an owner would, and questions written the way customers do.
const PASSAGES: Record<string, string> = {
  cuts: "Haircut prices: women's cut and blow-dry €45, men's cut €28, children's cut (under 12) €18. Fringe trims are free between appointments.",
  colour:
    "Colour services: full head colour from €65, roots touch-up €50, half head highlights €70, balayage from €120. A skin patch test is required 48 hours before your first colour.",
  hours:
    "Opening hours: Tuesday to Friday 9:00–19:00, Saturday 9:00–17:00. We are closed on Sundays, Mondays and public holidays.",
  cancellation:
    "Cancellation policy: please give at least 24 hours' notice to cancel or reschedule an appointment. Late cancellations and no-shows are charged 50% of the service price.",
  parking:
    "Parking: customers park for free in the car park behind the building, entrance on Rua das Flores. Street parking nearby is metered. There is a bike rack by the door.",
  booking:
    "How to book: reserve online on our website, through the chat, by phone on 21 555 0100 or on WhatsApp. Walk-ins are welcome when a stylist is free.",
  payment: "Payment methods: we accept cash, Visa, Mastercard, Apple Pay, Google Pay and MB Way. We do not take cheques.",
  vouchers:
    "Gift vouchers are available in any amount from €20, valid for twelve months, and can be bought at reception or online for any treatment.",
  location:
    "Find us at Rua das Flores 12, Lisbon, next door to Café Central, five minutes' walk from Baixa-Chiado metro station.",
  accessibility:
    "Accessibility: the salon is on the ground floor with step-free access and a wheelchair accessible washroom. Assistance dogs are welcome.",
  products:
    "Products: we use and sell Olaplex, Kérastase and Davines. Bring back an empty bottle for a 10% discount on your refill.",
  weddings:
    "Bridal packages: wedding hair and make-up with a trial session beforehand. For parties of four or more our team travels to your venue.",
  nails: "Nails and beauty: manicure €25, gel manicure €35, pedicure €40, eyebrow shaping €12, facials (60 minutes) €70.",
  wifi: "While you wait: free wi-fi for customers (ask for the password), coffee, tea and magazines in our lounge.",
};

const QUESTIONS: [question: string, expected: keyof typeof PASSAGES][] = [
  ["how much is a mens haircut?", "cuts"],
  ["price for kids haircuts", "cuts"],
  ["how much do highlights cost", "colour"],
  ["do i need a patch test before colouring my hair", "colour"],
  ["are you open on sunday?", "hours"],
  ["what time do u close on saturdays", "hours"],
  ["whats your cancelation policy", "cancellation"],
  ["i need to reschedule my apointment, will i be charged?", "cancellation"],
  ["is there parking near the salon", "parking"],
  ["where can I park my car", "parking"],
  ["can i book on whatsapp", "booking"],
  ["do you take walk ins", "booking"],
  ["can I pay with apple pay or card?", "payment"],
  ["do you sell gift cards or vouchers", "vouchers"],
  ["where are you located? near the cafe?", "location"],
  ["is the salon wheelchair accesible", "accessibility"],
  ["do you use kerastase", "products"],
  ["hair and makeup for my wedding day", "weddings"],
  ["how much for a pedicure", "nails"],
  ["do you have wifi", "wifi"],
  // Helped by the small-business topic table: dog -> pets, expensive -> price. "pw" and "amex" are in no table (they
  // were benchmark vocabulary): these two rank by their other words ("wifi"; "take", which the payment passage has).
  ["whats the wifi pw", "wifi"],
  ["can i bring my dog", "accessibility"],
  ["do u take amex", "payment"],
  ["is it expensive to do my nails", "nails"],
];

describe("embedOffline", () => {
  it("names its model and dimension", () => {
    expect(OFFLINE_EMBEDDING_MODEL).toBe("offline-hash-v4");
    expect(EMBEDDING_DIMENSIONS).toBe(512);
  });

  it("returns one unit vector of the right size per text, in order", () => {
    const vectors = embedOffline(["Haircut prices", "Opening hours", "Parking"]);
    expect(vectors).toHaveLength(3);
    for (const vector of vectors) {
      expect(vector).toHaveLength(EMBEDDING_DIMENSIONS);
      expect(Math.abs(cosine(vector, vector) - 1)).toBeLessThan(1e-9);
    }
    expect(vectors[1]).toEqual(embedOne("Opening hours"));
    expect(embedOffline([])).toEqual([]);
  });

  it("gives the all-zero vector to a text with nothing to embed", () => {
    for (const text of ["", "   ", "?!… —", "the and of"]) {
      const vector = embedOne(text);
      expect(vector).toHaveLength(EMBEDDING_DIMENSIONS);
      expect(vector.every((v) => v === 0)).toBe(true);
    }
  });

  it("is deterministic, and pinned: changing the features needs a new model name", () => {
    const text = "Cancellation policy: 24 hours' notice, please. Booking wi-fi in May for my son at CAFÉ İstanbul. 東京駅 😀";
    expect(embedOne(text)).toEqual(embedOne(text));
    // Rounded so the pin survives floating-point summation order, not a change of features or hashing.
    const fingerprint = createHash("sha256")
      .update(embedOne(text).map((v) => v.toFixed(6)).join(","))
      .digest("hex");
    expect(fingerprint).toBe("f4f4d4bfef30fa963b453a27e6c914ea5c254d2a88e64b102c7f269d9dc26e38");
  });

  it("lets 'where are you?' meet a passage that only gives a street, not one that shares no location", () => {
    const street = "The house is on Quay Street, Whitby, opposite the lifeboat station.";
    const other = "Breakfast is served in the conservatory from 8am.";
    expect(similarity("where are you?", street)).toBeGreaterThan(similarity("where are you?", other));
    expect(similarity("where are you?", "We are at 14 Mill Lane, Bristol BS1 4QT.")).toBeGreaterThan(similarity("where are you?", other));
  });

  it("reads text-speak and irregular plurals as the words they stand for", () => {
    expect(embedOne("wat time r u open")).toEqual(embedOne("what time are you open"));
    expect(stemWord("children")).toBe("child");
    expect(similarity("a cot for the baby", "babies and children welcome")).toBeGreaterThan(
      similarity("a cot for the baby", "breakfast is served until ten"),
    );
  });

  it("ignores case and accents, and lets plurals and verb forms meet", () => {
    expect(embedOne("CAFÉ Kérastase")).toEqual(embedOne("cafe kerastase"));
    expect(similarity("haircuts", "haircut")).toBeGreaterThan(0.85);
    expect(similarity("booking", "book")).toBeGreaterThan(0.6);
    expect(similarity("booking", "parking")).toBeLessThan(0.3);
  });

  it("still matches words with typos through their character n-grams", () => {
    expect(similarity("cancelation", "cancellation")).toBeGreaterThan(0.45);
    expect(similarity("apointment", "appointment")).toBeGreaterThan(0.45);
    expect(similarity("wifi", "wi-fi")).toBeGreaterThan(0.5);
    expect(similarity("cancelation", "parking")).toBeLessThan(0.1);
  });

  it("ranks the right passage first for customers' questions", () => {
    const keys = Object.keys(PASSAGES);
    const passages = embedOffline(keys.map((k) => PASSAGES[k] ?? ""));
    const questions = embedOffline(QUESTIONS.map(([q]) => q));
    let correct = 0;
    QUESTIONS.forEach(([, expected], i) => {
      const scores = passages.map((p) => cosine(questions[i] ?? [], p));
      const best = scores.indexOf(Math.max(...scores));
      if (keys[best] === expected) correct++;
    });
    expect(correct / QUESTIONS.length).toBeGreaterThanOrEqual(0.8);
  });

  it("embeds non-Latin scripts into useful, non-zero vectors", () => {
    const breakfast = "朝食は七時から十時までです。";
    expect(similarity(breakfast, "朝食は何時からですか")).toBeGreaterThan(similarity(breakfast, "駐車場はありますか"));
    const arabic = "نحن مفتوحون من الثلاثاء إلى السبت";
    expect(similarity(arabic, "هل أنتم مفتوحون يوم السبت")).toBeGreaterThan(similarity(arabic, "موقف السيارات مجاني"));
    expect(embedOne("💇‍♀️ ✨ corte de cabelo").some((v) => v !== 0)).toBe(true);
  });
});

describe("stemWord", () => {
  it.each([
    ["haircuts", "haircut"],
    ["policies", "policy"],
    ["classes", "class"],
    ["booking", "book"],
    ["booked", "book"],
    ["cutting", "cut"],
    ["closed", "clos"],
    ["closing", "clos"],
    ["close", "clos"],
    ["prices", "pric"],
    ["this", "this"],
    ["bus", "bus"],
    ["need", "need"],
    ["speed", "speed"],
    ["thing", "thing"],
    ["10s", "10s"],
  ])("%s -> %s", (word, stem) => {
    expect(stemWord(word)).toBe(stem);
  });
});

// Review of issues 19/20: the topic table must not hold words fitted to the benchmark. A word that the tuning
// questions use and no knowledge text shipped in the repo does is allowed only with a row in the docs' table saying
// why it stays; a word the docs say was removed must stay out.
describe("the topic table's benchmark-only words", () => {
  const read = (file: string) => readFileSync(path.join(process.cwd(), file), "utf8").toLowerCase();
  const knowledgeDir = "scripts/bench/knowledge";
  const knowledgeText = [
    "supabase/seed.sql",
    `${knowledgeDir}/filler.ts`,
    ...readdirSync(knowledgeDir).filter((f) => f.endsWith(".md")).map((f) => `${knowledgeDir}/${f}`),
    ...readdirSync(`${knowledgeDir}/look-alikes`).filter((f) => f.endsWith(".md")).map((f) => `${knowledgeDir}/look-alikes/${f}`),
  ]
    .map(read)
    .join("\n");
  const questions = (JSON.parse(read(`${knowledgeDir}/questions.json`)) as { question: string }[])
    .map((q) => q.question)
    .join("\n");
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const has = (text: string, phrase: string) => new RegExp(`(?<![\\p{L}\\p{N}_-])${escape(phrase)}(?![\\p{L}\\p{N}_-])`, "u").test(text);
  const rows = [...read("docs/knowledge-retrieval.md").matchAll(/^\| `([^`]+)` \| (\w+) \| (keep|removed)\b/gm)].map(
    ([, word, topic, decision]) => ({ word, topic, decision }),
  );
  const inTable = Object.entries(CONCEPTS).flatMap(([topic, list]) =>
    list.split(" ").map((entry) => ({ word: entry.replace(/_/g, " "), topic })),
  );

  it("are each kept in the docs' table with a reason", () => {
    const unexplained = inTable
      .filter(({ word }) => has(questions, word) && !has(knowledgeText, word))
      .filter(({ word, topic }) => !rows.some((r) => r.word === word && r.topic === topic && r.decision === "keep"));
    expect(unexplained).toEqual([]);
  });

  it("leave out the words the docs say were removed", () => {
    const removed = rows.filter((r) => r.decision === "removed");
    expect(removed.length).toBeGreaterThan(0);
    expect(inTable.filter(({ word }) => removed.some((r) => r.word === word))).toEqual([]);
  });
});
