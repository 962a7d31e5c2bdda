/**
 * The Postgres text-search configuration for a business locale: stemming in the business's language, so "bookings"
 * finds "booked". Locales without a Snowball stemmer in stock Postgres fall back to `simple` (no stemming, still
 * exact-word search); the vector and trigram signals do not depend on it.
 */
const CONFIGS: Record<string, string> = {
  ar: "arabic", hy: "armenian", eu: "basque", ca: "catalan", da: "danish", nl: "dutch", en: "english",
  et: "estonian", fi: "finnish", fr: "french", de: "german", el: "greek", hi: "hindi", hu: "hungarian",
  id: "indonesian", ga: "irish", it: "italian", lt: "lithuanian", ne: "nepali", nb: "norwegian", nn: "norwegian",
  no: "norwegian", pt: "portuguese", ro: "romanian", ru: "russian", sr: "serbian", es: "spanish", sv: "swedish",
  ta: "tamil", tr: "turkish", yi: "yiddish",
};

export function textSearchConfigFor(locale: string | null | undefined): string {
  const language = (locale ?? "").toLowerCase().split(/[-_]/)[0] ?? "";
  return CONFIGS[language] ?? "simple";
}

/**
 * The languages the app recognises in a customer's message, and their English names (the system prompt names the
 * language to answer in). The assistant's fixed lines are translated for each of them (lib/agent/lines.ts).
 */
export const LANGUAGE_NAMES = {
  en: "English",
  es: "Spanish",
  pt: "Portuguese",
  fr: "French",
  de: "German",
  it: "Italian",
  ms: "Malay",
  vi: "Vietnamese",
} as const;
export type Language = keyof typeof LANGUAGE_NAMES;

export const isLanguage = (value: string): value is Language => Object.hasOwn(LANGUAGE_NAMES, value);

/** The language part of a locale ("pt-BR" → "pt") when the app recognises it, else null. */
export function languageOfLocale(locale: string | null | undefined): Language | null {
  const language = (locale ?? "").toLowerCase().split(/[-_]/)[0] ?? "";
  return isLanguage(language) ? language : null;
}

/*
 * Frequent function words and customer-question words per language, written without and with accents (customers
 * often type without them). A word may count for two languages (Spanish and Portuguese share many); the distinctive
 * ones and the letters below decide.
 */
const WORDS: Record<Language, ReadonlySet<string>> = {
  en: new Set(
    "the is are you your what how much can do does where when my i a an to for please thanks thank hello hi have has of and it with there any we our this that will would could get need want room".split(" "),
  ),
  es: new Set(
    "el la los las un una es son de del al que y en por para con no sí si hay tienen tiene cuánto cuanto cuánta cuesta cuestan dónde donde está están usted ustedes hola gracias quiero quisiera puedo podemos precio hasta qué cuál cual también mi me se lo le muy pero cómo favor buenos buenas días noche habitación habitacion desayuno hora horario cita".split(" "),
  ),
  pt: new Set(
    "o a os as um uma é de do da dos das que e em no na nos nas não nao para com por você voce vocês voces tem têm quanto quanta custa custam onde fica olá ola oi obrigado obrigada posso podemos quero queria qual também tambem até ate sim mais está esta meu minha horário horario quarto café pequeno almoço bom dia tarde noite".split(" "),
  ),
  fr: new Set(
    "le la les un une est sont de des du que et en pour avec ne pas oui vous nous je combien coûte coute où ou bonjour merci voudrais est-ce qu'il s'il plaît rendez-vous chambre petit-déjeuner heure quelle quel".split(" "),
  ),
  de: new Set("der die das ein eine ist sind und mit für nicht ja sie ich wir wie viel kostet wo hallo danke möchte termin bitte zimmer frühstück uhr gibt es haben".split(" ")),
  it: new Set("il lo la gli le un una è sono di del della che e per con non sì ciao grazie quanto costa vorrei dove appuntamento camera colazione ora orario c'è avete posso".split(" ")),
  ms: new Set(
    "saya anda awak kamu boleh ada tak tidak berapa harga di mana bila pukul buka tutup terima kasih apa untuk dengan yang ini itu bilik nak mahu ke dari kami encik puan sila hai selamat pagi petang bagaimana macam sudah dah juga atau hari sarapan tempahan bayar kad parkir percuma".split(" "),
  ),
  vi: new Set(
    "tôi toi bạn ban có co không khong bao nhiêu nhieu giá gia là của cua cho được duoc xin chào chao cảm ơn phòng phong giờ gio mấy ở đâu dau nào nao chị vậy vay thế ạ một mot đêm dem ngày ngay".split(" "),
  ),
};

/** Letters only one of the recognised languages writes: each word holding one counts for it twice. */
const LETTERS: [Language, RegExp][] = [
  ["vi", /[ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/u],
  ["pt", /[ãõ]/u],
  ["es", /[ñ¿¡]/u],
  ["de", /[ßäöü]/u],
];

export type DetectedLanguage = { language: Language; /** Some word or letter pointed at it; false is the fallback. */ confident: boolean };

/**
 * The language of a customer's message (or of a passage) from its words: deterministic and instant, so every model
 * and the offline fixed lines agree on it. The language with the most hits wins, English on a tie with it;
 * `fallback` (the business's own language, say) when nothing points anywhere ("👍", "wifi pw?").
 */
export function detectLanguageOf(text: string, fallback: Language = "en"): DetectedLanguage {
  const words = text.toLowerCase().match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
  const hits = Object.fromEntries(Object.keys(LANGUAGE_NAMES).map((l) => [l, 0])) as Record<Language, number>;
  for (const raw of words) {
    const word = raw.replace(/’/g, "'");
    for (const language of Object.keys(WORDS) as Language[]) if (WORDS[language].has(word)) hits[language] += 1;
    for (const [language, letters] of LETTERS) if (letters.test(word)) hits[language] += 2;
  }
  let best: Language = "en";
  for (const language of Object.keys(hits) as Language[]) if (hits[language] > hits[best]) best = language;
  return hits[best] > 0 ? { language: best, confident: true } : { language: fallback, confident: false };
}

export const detectLanguage = (text: string, fallback: Language = "en"): Language => detectLanguageOf(text, fallback).language;
