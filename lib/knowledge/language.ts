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
