import { describe, expect, it } from "vitest";
import { chunkContextText, chunkDocument, countTokens, type Chunk } from "./chunking";

const article = (text: string, options?: Parameters<typeof chunkDocument>[1]) =>
  chunkDocument({ title: "Ada's Salon", kind: "article", text }, options);
const faq = (text: string, options?: Parameters<typeof chunkDocument>[1]) =>
  chunkDocument({ title: "Questions", kind: "faq", text }, options);
const paths = (chunks: Chunk[]) => chunks.map((c) => c.headingPath);
const wordsOf = (text: string) => text.split(/\s+/).filter(Boolean);

/** A paragraph of distinct, numbered sentences, so a test can tell where each chunk starts and ends. */
function sentences(count: number, topic = "colour"): string {
  return Array.from(
    { length: count },
    (_, i) => `Fact ${i} about our ${topic} service is that it takes care and time to get right.`,
  ).join(" ");
}

describe("countTokens", () => {
  it("counts short words as one token, long words by length, and punctuation, emoji and CJK one each", () => {
    expect(countTokens("")).toBe(0);
    expect(countTokens("   \n\t ")).toBe(0);
    expect(countTokens("Hello, world!")).toBe(4);
    expect(countTokens("appointment")).toBe(2);
    expect(countTokens("€45 😀")).toBe(3);
    expect(countTokens("東京駅")).toBe(3);
    expect(countTokens("Olá, marcação às 9h")).toBe(6);
  });
  it("is additive over whitespace-separated pieces", () => {
    const a = "Cancellations within 24 hours are charged 50%.";
    const b = "Deposits are refundable.";
    expect(countTokens(`${a}\n\n${b}`)).toBe(countTokens(a) + countTokens(b));
  });
});

describe("chunkDocument: Markdown sections", () => {
  it("starts a section at every ATX or setext heading and records the heading path", () => {
    const chunks = article(
      [
        "Welcome to Ada's Salon in Lisbon.",
        "",
        "Prices",
        "======",
        "All prices include VAT.",
        "",
        "## Colour",
        "Full head colour €65. Roots €50.",
        "",
        "### Balayage ###",
        "From €120.",
        "",
        "Opening hours",
        "-------------",
        "Tuesday to Saturday, 9:00 to 19:00.",
        "",
        "# **Parking**",
        "Free behind the building.",
      ].join("\n"),
    );
    expect(paths(chunks)).toEqual([[], ["Prices"], ["Prices", "Colour"], ["Prices", "Colour", "Balayage"], ["Prices", "Opening hours"], ["Parking"]]);
    expect(chunks.map((c) => c.text)).toEqual([
      "Welcome to Ada's Salon in Lisbon.",
      "All prices include VAT.",
      "Full head colour €65. Roots €50.",
      "From €120.",
      "Tuesday to Saturday, 9:00 to 19:00.",
      "Free behind the building.",
    ]);
    expect(chunks.map((c) => c.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(chunks.every((c) => c.tokenCount === countTokens(c.text))).toBe(true);
  });

  it("keeps small sections apart instead of packing them together", () => {
    const chunks = article("# Hours\nMon closed.\n# Parking\nStreet only.\n# Wifi\nAsk at reception.");
    expect(chunks.map((c) => [c.headingPath[0], c.text])).toEqual([
      ["Hours", "Mon closed."],
      ["Parking", "Street only."],
      ["Wifi", "Ask at reception."],
    ]);
  });

  it("drops the title when the article repeats it as its first H1, and strips YAML front matter", () => {
    const chunks = article("---\nlayout: page\ntags:\n  - salon\n---\n# Ada's Salon\nIntro.\n## Prices\nCut €30.");
    expect(chunks.map((c) => [c.headingPath, c.text])).toEqual([
      [[], "Intro."],
      [["Prices"], "Cut €30."],
    ]);
  });

  it("ignores headings inside fenced code blocks and keeps the block whole", () => {
    const code = "```bash\n# not a heading\n\n\techo   'spaces kept'\n```";
    const chunks = article(`# Setup\n\n${code}\n\nDone.`);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.text).toBe("```bash\n# not a heading\n\n    echo   'spaces kept'\n```\n\nDone.");
  });

  it("keeps a list together, nested items included, and drops thematic breaks", () => {
    const chunks = article("# Services\n\n- Cut\n- Colour\n  - Roots\n  - Full head\n\n- Blow-dry\n\n***\n\nAsk us.");
    expect(chunks[0]?.text).toBe("- Cut\n- Colour\n  - Roots\n  - Full head\n- Blow-dry\n\nAsk us.");
  });

  it("does not read headings in plain text", () => {
    const chunks = chunkDocument({ title: "Notes", kind: "text", text: "# 1 rule\nBe kind.\n\nTitle\n-----\nBody" });
    expect(paths(chunks)).toEqual([[]]);
    expect(chunks[0]?.text).toBe("# 1 rule\nBe kind.\n\nTitle\nBody");
  });
});

describe("chunkDocument: long sections", () => {
  const body = sentences(80);
  const chunks = article(`# Colour\n\n${body}\n\n# Parking\n\n${sentences(40, "parking")}`, {
    targetTokens: 120,
    overlapTokens: 30,
  });
  const colour = chunks.filter((c) => c.headingPath[0] === "Colour");
  const parking = chunks.filter((c) => c.headingPath[0] === "Parking");

  it("splits near the target, at sentence boundaries, and never past it", () => {
    expect(colour.length).toBeGreaterThan(5);
    for (const chunk of chunks) {
      expect(chunk.tokenCount).toBeLessThanOrEqual(120);
      expect(chunk.text).toMatch(/^Fact \d+ .*\.$/s);
    }
    expect(colour.slice(0, -1).every((c) => c.tokenCount >= 90)).toBe(true);
  });

  it("covers every sentence, in order, cutting no word", () => {
    const seen = new Set(colour.flatMap((c) => [...c.text.matchAll(/Fact (\d+)/g)].map((m) => Number(m[1]))));
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 80 }, (_, i) => i));
    const vocabulary = new Set(wordsOf(body));
    expect(chunks.flatMap((c) => wordsOf(c.text)).every((w) => vocabulary.has(w) || /parking/.test(w))).toBe(true);
  });

  it("repeats the end of the previous chunk of the same section, but not across sections", () => {
    for (let i = 1; i < colour.length; i++) {
      const previous = colour[i - 1]?.text ?? "";
      const firstSentence = /^.*?\./.exec(colour[i]?.text ?? "")?.[0] ?? "";
      expect(previous.endsWith(firstSentence)).toBe(true);
      expect(countTokens(firstSentence)).toBeLessThanOrEqual(30);
    }
    expect(parking[0]?.text.startsWith("Fact 0 about our parking")).toBe(true);
  });

  it("takes the overlap from the end of the last sentence when a whole sentence is longer than it", () => {
    const long = Array.from({ length: 12 }, (_, i) => `Rule ${i}: ${"please arrive early for your visit ".repeat(4)}end${i}.`);
    const pieces = article(`# Rules\n\n${long.join(" ")}`, { targetTokens: 100, overlapTokens: 10 });
    expect(pieces.length).toBeGreaterThan(3);
    for (let i = 1; i < pieces.length; i++) {
      const carried = /^(.*?end\d+\.) Rule/.exec(pieces[i]?.text ?? "")?.[1] ?? "";
      expect(carried).not.toMatch(/^Rule/);
      expect(countTokens(carried)).toBeGreaterThan(0);
      expect(countTokens(carried)).toBeLessThanOrEqual(10);
      expect(pieces[i - 1]?.text.endsWith(carried)).toBe(true);
    }
  });

  it("adds no overlap when asked for none", () => {
    const pieces = article(`# Colour\n\n${body}`, { targetTokens: 120, overlapTokens: 0 });
    const facts = pieces.flatMap((c) => [...c.text.matchAll(/Fact (\d+)/g)].map((m) => Number(m[1])));
    expect(facts).toEqual(Array.from({ length: 80 }, (_, i) => i));
  });

  it("splits a long list between items and a long code block between lines", () => {
    const list = Array.from({ length: 30 }, (_, i) => `- Treatment ${i}: a relaxing option for tired skin`).join("\n");
    const listChunks = article(`# Menu\n\n${list}`, { targetTokens: 60, overlapTokens: 0 });
    expect(listChunks.length).toBeGreaterThan(3);
    for (const chunk of listChunks) expect(chunk.text.split("\n").every((l) => /^- Treatment \d+: .*skin$/.test(l))).toBe(true);

    const code = ["```", ...Array.from({ length: 40 }, (_, i) => `const price${i} = ${i * 100};`), "```"].join("\n");
    const codeChunks = article(`# Code\n\n${code}`, { targetTokens: 60, overlapTokens: 0 });
    expect(codeChunks.length).toBeGreaterThan(3);
    expect(codeChunks.map((c) => c.text).join("\n")).toBe(code);
  });
});

describe("chunkDocument: FAQs", () => {
  it("makes one chunk per Q:/A: pair with the question in the path and at the top of the text", () => {
    const chunks = faq(
      "Common questions.\r\n\r\nQ: Can I cancel?\r\nA: Yes, up to 24 hours before.\r\nQ: Do you have\r\nparking?\r\nFree, behind the building.\r\n\r\n**Q:** Wifi?\r\n**A:** Yes, ask at reception.\r\nP: ¿Aceptan tarjetas?\r\nR: Sí, Visa y Mastercard.",
    );
    expect(chunks.map((c) => [c.headingPath, c.text])).toEqual([
      [[], "Common questions."],
      [["Can I cancel?"], "Can I cancel?\n\nYes, up to 24 hours before."],
      [["Do you have parking?"], "Do you have parking?\n\nFree, behind the building."],
      [["Wifi?"], "Wifi?\n\nYes, ask at reception."],
      [["¿Aceptan tarjetas?"], "¿Aceptan tarjetas?\n\nSí, Visa y Mastercard."],
    ]);
  });

  it("treats each Markdown question heading as a pair, under its category heading", () => {
    const chunks = faq("## Booking\n\n### Can I book online?\nYes, on our website.\n\nOr ask in the chat?\nSure.\n\n### Do you take walk-ins?\nWhen a stylist is free.");
    expect(chunks.map((c) => c.headingPath)).toEqual([
      ["Booking", "Can I book online?"],
      ["Booking", "Do you take walk-ins?"],
    ]);
    expect(chunks[0]?.text).toBe("Can I book online?\n\nYes, on our website.\n\nOr ask in the chat?\nSure.");
  });

  it("splits plain paragraphs at lines that ask a question", () => {
    const chunks = faq("# FAQ\n\nCan I cancel?\nYes, 24 hours before.\n\nDo you take cards?\n\nVisa and Mastercard.");
    expect(chunks.map((c) => [c.headingPath, c.text])).toEqual([
      [["FAQ", "Can I cancel?"], "Can I cancel?\n\nYes, 24 hours before."],
      [["FAQ", "Do you take cards?"], "Do you take cards?\n\nVisa and Mastercard."],
    ]);
  });

  it("splits only an answer longer than the target, repeating the question on every piece", () => {
    const chunks = faq(`Q: What does colour involve?\nA: ${sentences(30)}\nQ: Parking?\nA: Free.`, {
      targetTokens: 100,
      overlapTokens: 20,
    });
    const long = chunks.filter((c) => c.headingPath[0] === "What does colour involve?");
    expect(long.length).toBeGreaterThan(3);
    for (const chunk of long) {
      expect(chunk.text.startsWith("What does colour involve?\n\nFact ")).toBe(true);
      expect(chunk.tokenCount).toBeLessThanOrEqual(100);
    }
    expect(chunks[chunks.length - 1]?.text).toBe("Parking?\n\nFree.");
  });
});

describe("chunkDocument: messy input", () => {
  it("normalises CRLF, tabs, odd spaces and invisible characters, and returns nothing for empty text", () => {
    const chunks = article("#\tHours\r\n\r\nOpen\t\t9:00\u00A0–\u200B 19:00,   Tuesday\u2009to Saturday.\r\n\r\n\r\n\r\n");
    expect(chunks.map((c) => [c.headingPath, c.text])).toEqual([[["Hours"], "Open 9:00 – 19:00, Tuesday to Saturday."]]);
    expect(article("")).toEqual([]);
    expect(article(" \r\n\t\n# Empty heading\n\n")).toEqual([]);
  });

  it("normalises decomposed accents to composed ones", () => {
    expect(article("Cafe\u0301 next door")[0]?.text).toBe("Café next door");
  });

  it("hard-splits a run with no spaces, losing no character", () => {
    const blob = "x".repeat(5_000);
    const chunks = chunkDocument({ title: "t", kind: "text", text: `Intro. ${blob}` }, { targetTokens: 100, overlapTokens: 10 });
    expect(chunks.length).toBeGreaterThan(8);
    for (const chunk of chunks) expect(chunk.tokenCount).toBeLessThanOrEqual(100);
    expect(chunks.map((c) => c.text.replace(/^Intro\. ?/, "")).join("")).toBe(blob);
  });

  it("never cuts through an emoji", () => {
    const family = "👨‍👩‍👧";
    // 52 is not a multiple of the 5 tokens a family emoji counts, so the best cut by tokens alone falls inside one.
    const chunks = chunkDocument({ title: "t", kind: "text", text: family.repeat(200) }, { targetTokens: 52, overlapTokens: 5 });
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.text.replaceAll(family, "")).toBe("");
  });

  it.each([
    ["Portuguese", "Olá! A marcação pode ser cancelada até 24 horas antes. Não há multa. Estacionamento grátis atrás do prédio."],
    ["Spanish", "¿Dónde están? Estamos en la calle Mayor 5. Abrimos de lunes a sábado. ¡Les esperamos!"],
    ["Arabic", "مرحبا بكم في صالوننا. نحن مفتوحون من الثلاثاء إلى السبت؟ نعم، من التاسعة صباحا."],
    ["Japanese", "東京のホテルです。朝食は七時から十時までです。駐車場はありません！チェックインは十五時からです。"],
    ["emoji", "We ❤️ our clients 💇‍♀️✨ Book now 📅 and get 10% off 🎉"],
  ])("chunks %s text into non-empty chunks that keep every character", (_, text) => {
    const whole = article(`# Info\n\n${text}`);
    expect(whole).toHaveLength(1);
    expect(whole[0]?.text).toBe(text);
    const small = article(`# Info\n\n${text.repeat(6)}`, { targetTokens: 25, overlapTokens: 0 });
    expect(small.length).toBeGreaterThan(1);
    expect(small.every((c) => c.text.length > 0 && c.tokenCount <= 25)).toBe(true);
    expect(small.map((c) => c.text).join("").replace(/\s/g, "")).toBe(text.repeat(6).replace(/\s/g, ""));
  });

  it("rejects options that cannot work", () => {
    expect(() => article("x", { targetTokens: 0 })).toThrow(RangeError);
    expect(() => article("x", { targetTokens: 100, overlapTokens: 100 })).toThrow(RangeError);
    expect(() => article("x", { overlapTokens: -1 })).toThrow(RangeError);
  });
});

describe("chunkContextText", () => {
  it("puts the title and heading path above the text, without repeating the title", () => {
    expect(chunkContextText("Ada's Salon", { headingPath: ["Parking"], text: "Behind the building." })).toBe(
      "Ada's Salon › Parking\n\nBehind the building.",
    );
    expect(chunkContextText("FAQ", { headingPath: ["faq", "Wifi?"], text: "Wifi?\n\nYes." })).toBe("FAQ › Wifi?\n\nWifi?\n\nYes.");
    expect(chunkContextText(" ", { headingPath: [], text: "Plain." })).toBe("Plain.");
  });
});
