import { describe, expect, it } from "vitest";
import { LANGUAGE_NAMES } from "@/lib/knowledge/language";
import { hoursState } from "./hours";
import { handoffLine, linesFor, offerAskedFor, offerFor, openingHoursLine, personAskedFor } from "./lines";

const WEEKDAYS_9_TO_5 = Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [{ open: "09:00", close: "17:00" }]]));
// Lisbon times: Tuesday 2026-11-24 10:00 (open), Tuesday 20:00 (back tomorrow), Friday 20:00 (back Monday), Tuesday 07:00.
const OPEN = hoursState(WEEKDAYS_9_TO_5, "Europe/Lisbon", new Date("2026-11-24T10:00:00Z"));
const TUESDAY_NIGHT = hoursState(WEEKDAYS_9_TO_5, "Europe/Lisbon", new Date("2026-11-24T20:00:00Z"));
const FRIDAY_NIGHT = hoursState(WEEKDAYS_9_TO_5, "Europe/Lisbon", new Date("2026-11-27T20:00:00Z"));
const EARLY = hoursState(WEEKDAYS_9_TO_5, "Europe/Lisbon", new Date("2026-11-24T07:00:00Z"));

describe("handoffLine", () => {
  it("says in English what it always said", () => {
    expect(handoffLine(OPEN)).toBe("I've asked a member of our team to join — they'll reply here shortly.");
    expect(handoffLine(TUESDAY_NIGHT)).toBe(
      "I've passed this to our team. We're closed right now, so they'll reply from tomorrow at 9:00. You can leave your email so the answer reaches you.",
    );
    expect(handoffLine(FRIDAY_NIGHT, "en")).toContain("they'll reply from Monday at 9:00.");
    expect(handoffLine(EARLY, "en")).toContain("they'll reply from 9:00.");
  });

  it("says when the team is back in the customer's language", () => {
    expect(handoffLine(OPEN, "es")).toBe("He pedido a alguien de nuestro equipo que se una a la conversación; te responderá aquí en breve.");
    expect(handoffLine(TUESDAY_NIGHT, "es")).toContain("te responderán mañana a las 9:00.");
    expect(handoffLine(FRIDAY_NIGHT, "es")).toContain("te responderán el lunes a las 9:00.");
    expect(handoffLine(FRIDAY_NIGHT, "pt")).toContain("a resposta chega na segunda-feira às 9:00.");
    expect(handoffLine(TUESDAY_NIGHT, "ms")).toContain("mereka akan membalas mulai esok, pukul 9:00.");
    expect(handoffLine(FRIDAY_NIGHT, "vi")).toContain("nhân viên sẽ trả lời bạn từ 9:00 Thứ Hai.");
    expect(handoffLine(EARLY, "de")).toContain("Sie bekommen ab 9:00 eine Antwort.");
    expect(handoffLine(TUESDAY_NIGHT, "fr")).toContain("vous aurez une réponse demain dès 9:00.");
    expect(handoffLine(TUESDAY_NIGHT, "it")).toContain("ti risponderanno domani dalle 9:00.");
  });

  it("falls back to English for a language it has no lines for", () => {
    expect(handoffLine(OPEN, "ja")).toBe(handoffLine(OPEN, "en"));
  });
});

describe("openingHoursLine", () => {
  it("is the opening-hours tool's English answer", () => {
    expect(openingHoursLine(OPEN, WEEKDAYS_9_TO_5)).toBe(
      "We're open now (today 9:00–17:00). Our opening hours:\n- Monday: 9:00–17:00\n- Tuesday: 9:00–17:00\n- Wednesday: 9:00–17:00\n- Thursday: 9:00–17:00\n- Friday: 9:00–17:00\n- Saturday: closed\n- Sunday: closed",
    );
    expect(openingHoursLine(FRIDAY_NIGHT, WEEKDAYS_9_TO_5)).toMatch(/^We're closed right now and open again Monday at 9:00\. /);
    expect(openingHoursLine(EARLY, WEEKDAYS_9_TO_5)).toMatch(/^We're closed right now and open again at 9:00\. /);
  });

  it("names the days and says closed in the customer's language", () => {
    const es = openingHoursLine(FRIDAY_NIGHT, WEEKDAYS_9_TO_5, "es");
    expect(es).toMatch(/^Ahora estamos cerrados; volvemos a abrir el lunes a las 9:00\. Nuestro horario:\n- lunes: 9:00–17:00\n/);
    expect(es).toContain("- domingo: cerrado");
    expect(openingHoursLine(OPEN, WEEKDAYS_9_TO_5, "vi")).toContain("- Chủ Nhật: đóng cửa");
    expect(openingHoursLine(OPEN, WEEKDAYS_9_TO_5, "ms")).toMatch(/^Kami dibuka sekarang \(hari ini 9:00–17:00\)\. Waktu operasi kami:\n- Isnin: 9:00–17:00/);
  });
});

describe("offers", () => {
  it("follow the vertical, and a business of another kind offers nothing", () => {
    expect(["hotel", "salon", "clinic", "retail", "academy", "fitness", "other", "unknown"].map(offerFor)).toEqual([
      "stay",
      "appointment",
      "appointment",
      "stock",
      "class",
      "class",
      null,
      null,
    ]);
  });

  it("are recognised when the customer sends the chip's words, in any language, and nothing else is", () => {
    expect(offerAskedFor("Ask the team to check availability")).toEqual({ offer: "stay", language: "en" });
    expect(offerAskedFor("  ask the team for an appointment. ")).toEqual({ offer: "appointment", language: "en" });
    expect(offerAskedFor("Minta pasukan semak stok")).toEqual({ offer: "stock", language: "ms" });
    expect(offerAskedFor("Nhờ nhân viên kiểm tra phòng trống")).toEqual({ offer: "stay", language: "vi" });
    expect(offerAskedFor("Can you ask the team to check availability for Friday?")).toBeNull();
    expect(offerAskedFor("Book an appointment")).toBeNull();
  });

  it("know the 'Talk to a person' chip in every language, and only its exact words", () => {
    expect(personAskedFor("Mit einer Person sprechen")).toBe("de");
    expect(personAskedFor("Nói chuyện với nhân viên")).toBe("vi");
    expect(personAskedFor("bercakap dengan kakitangan")).toBe("ms");
    expect(personAskedFor("Talk to a person")).toBe("en");
    expect(personAskedFor("I'd rather not talk to a person")).toBeNull();
  });

  it("have every line written for every language the app detects, and no two offers share words", () => {
    for (const language of Object.keys(LANGUAGE_NAMES)) {
      const lines = linesFor(language);
      for (const [name, line] of Object.entries(lines)) if (typeof line === "string") expect([language, name, line.trim().length > 0]).toEqual([language, name, true]);
      expect(new Set(Object.values(lines.offers)).size).toBe(4);
      if (language !== "en") expect(lines.handoffOpen).not.toBe(linesFor("en").handoffOpen);
    }
  });
});
