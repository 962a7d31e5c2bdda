import { describe, expect, it } from "vitest";
import { detectLanguage, detectLanguageOf, languageOfLocale, textSearchConfigFor } from "./language";

describe("textSearchConfigFor", () => {
  it("maps a locale to its language's stemmer, region ignored", () => {
    expect(textSearchConfigFor("pt-BR")).toBe("portuguese");
    expect(textSearchConfigFor("en")).toBe("english");
    expect(textSearchConfigFor("ES_mx")).toBe("spanish");
  });

  it("falls back to simple for languages Postgres cannot stem, and for nothing", () => {
    expect(textSearchConfigFor("ja")).toBe("simple");
    expect(textSearchConfigFor("")).toBe("simple");
    expect(textSearchConfigFor(undefined)).toBe("simple");
  });
});

describe("detectLanguage", () => {
  it("recognises Spanish, Portuguese, Malay and Vietnamese questions in customers' words, with or without accents", () => {
    for (const [text, language] of [
      ["¿Tienen habitaciones libres para el fin de semana?", "es"],
      ["cuanto cuesta la habitacion doble por noche", "es"],
      ["Hola, se puede aparcar cerca?", "es"],
      ["Vocês têm estacionamento?", "pt"],
      ["qual o horario do cafe da manha", "pt"],
      ["Olá, posso levar meu cachorro?", "pt"],
      ["Berapa harga bilik untuk dua orang?", "ms"],
      ["ada wifi tak?", "ms"],
      ["Boleh saya bayar dengan kad kredit?", "ms"],
      ["Phòng đôi giá bao nhiêu một đêm?", "vi"],
      ["cho toi hoi phong co wifi khong", "vi"],
      ["Mấy giờ nhận phòng ạ?", "vi"],
      ["Bonjour, combien coûte une chambre ?", "fr"],
      ["Gibt es Parkplätze?", "de"],
      ["Quanto costa la colazione?", "it"],
    ] as const) {
      expect([text, detectLanguage(text)]).toEqual([text, language]);
    }
  });

  it("keeps English questions English, including ones that share words with other languages", () => {
    for (const text of ["Do you have a room with a sea view?", "Can I bring a pushchair on the tour?", "Is there a gym at the hotel?", "What's the wifi password?"]) {
      expect([text, detectLanguage(text)]).toEqual([text, "en"]);
    }
  });

  it("tells a passage's language too, and says when nothing pointed anywhere", () => {
    expect(detectLanguage("El desayuno se sirve de 7:00 a 10:30 en el comedor.")).toBe("es");
    expect(detectLanguage("O pequeno-almoço é servido das 7:00 às 10:30 na sala.")).toBe("pt");
    expect(detectLanguageOf("€48 (60 min)")).toEqual({ language: "en", confident: false });
    expect(detectLanguageOf("👍", "pt")).toEqual({ language: "pt", confident: false });
    expect(detectLanguageOf("wifi pw?", "es")).toEqual({ language: "es", confident: false });
  });

  it("reads a locale's language when the app recognises it", () => {
    expect(languageOfLocale("pt-BR")).toBe("pt");
    expect(languageOfLocale("ms_MY")).toBe("ms");
    expect(languageOfLocale("ja-JP")).toBeNull();
    expect(languageOfLocale(null)).toBeNull();
  });
});
