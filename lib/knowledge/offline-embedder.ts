/**
 * The embedder for the embedded mode and tests: no model, no download, no network. It hashes a text's features into
 * a fixed-size vector (the "hashing trick"), so texts that share words, word pairs and spelling fragments point the
 * same way:
 * - word unigrams and bigrams, lower-cased, accent-folded ("Café" = "cafe"), without stop words, lightly stemmed
 *   ("haircuts" = "haircut", "booking" = "book"), carry most of the meaning;
 * - character 3- and 4-grams of each word, with boundary markers, let typos and variants meet ("cancelation" and
 *   "cancellation" share most of theirs), and give scripts without spaces (Japanese, Chinese) something to match;
 * - a small built-in table of what customers ask small businesses about (pets, children, prices, payment, wifi,
 *   parking, opening hours, cancellations...) adds a shared "concept" feature to the words and phrases of each topic,
 *   so "can I bring my dog" meets "pets", "how much" meets "£45" and "is there internet" meets "wifi"; customers'
 *   text-speak ("u", "ur", "wat") is read as the words it stands for;
 * - counts are damped (1 + ln tf) so one repeated word cannot dominate a passage;
 * - each feature adds +w or -w to one of EMBEDDING_DIMENSIONS slots, the sign from another hash bit, so collisions
 *   cancel out on average instead of piling up; the vector is then scaled to length 1 for cosine similarity;
 * - a price, a time of day and an address stand for their topic too ("£45" is about price, "14 Mill Lane" about
 *   where the business is).
 *
 * Output depends only on the input string: a fixed 32-bit hash implemented here, no locale-dependent calls, no
 * randomness. Any change to features, weights or hashing changes every stored vector, so it must come with a new
 * OFFLINE_EMBEDDING_MODEL name (chunks record their model, and a new one triggers re-embedding).
 */

export const OFFLINE_EMBEDDING_MODEL = "offline-hash-v4";
export const EMBEDDING_DIMENSIONS = 512;

/**
 * Feature weights, tuned on the salon set in the tests (and checked on a clinic and a hotel set written apart from
 * it): a word match is worth most, a matching word pair adds a little, and the many character n-grams of a word
 * together weigh about as much as the word itself.
 */
const WORD_WEIGHT = 1;
const BIGRAM_WEIGHT = 0.5;
const CHAR_GRAM_WEIGHT = 0.3;
const CONCEPT_WEIGHT = 0.8;

// Words that say nothing about which passage answers a question, in English, Portuguese and Spanish, accent-folded.
// Short on purpose: words such as "price", "open" or "may" (the month) carry meaning and must stay; so must "son".
const STOP_WORDS = new Set(
  (
    "a an the and or but if of to in on at for with from by as into about than so too very just also " +
    "is are was were be been being am do does did done have has had will would shall should can could might must " +
    "i me my mine we us our you your yours he him his she her it its they them their " +
    "this that these those there here " +
    "what which who whom whose how when where why any some all please hi hello thanks thank s t d ll m re ve " +
    "o os as um uma uns umas de do da dos das em no na nos nas por para pra com sem e ou que se ser esta sao " +
    "eu voce voces meu minha seu sua ao aos mais muito como qual quando onde tem ter isso isto este essa esse " +
    "ola obrigado obrigada " +
    "el la los las un una unos unas del al y es estan hay mi mis tu tus su sus yo usted ustedes lo le les " +
    "cual cuando donde mas muy hola gracias puedo puede"
  ).split(" "),
);

// How customers write in chats and DMs, read as the words they stand for (then usually dropped as stop words).
const TEXT_SPEAK: Record<string, string> = {
  u: "you", ur: "your", r: "are", y: "why", pls: "please", plz: "please", thx: "thanks", ty: "thanks", wat: "what",
  wot: "what", whats: "what", wats: "what", hows: "how", wheres: "where", whens: "when", im: "i", ive: "i",
  cant: "can", dont: "do", doesnt: "does", didnt: "did", isnt: "is", arent: "are", wont: "will", abt: "about",
  tmrw: "tomorrow", tomoz: "tomorrow", tonite: "tonight", nite: "night",
};

// Plurals no suffix rule reaches, so "children" meets "child".
const IRREGULAR: Record<string, string> = {
  children: "child", people: "person", men: "man", women: "woman", feet: "foot", teeth: "tooth", mice: "mouse",
};

/**
 * What customers ask a small business about (salons, clinics, hotels, shops, gyms, schools), each topic with the
 * words and two-word phrases that mean it, in English. A word may belong to more than one topic. Written for small
 * businesses in general, not for one knowledge base: every word or phrase here adds its topic as one more feature,
 * which is how "dog" finds "pets" and "heater" finds "heating". Not fitted to a benchmark: abbreviations and
 * spellings that only a benchmark question used ("pw", "amex", "aircon", "cancelation", "swimsuit") were taken out in
 * offline-hash-v3; a misspelling is the character grams' job, and a word goes in only if customers of many kinds of
 * business would use it for the topic. The words here that only the tuning questions use, and why each stays or went
 * (checkin, checkout and "pick up", in offline-hash-v4): docs/knowledge-retrieval.md, "The topic table's words".
 */
export const CONCEPTS: Record<string, string> = {
  pets: "pet pets dog dogs puppy puppies cat cats kitten kittens animal animals pet-friendly dog-friendly",
  children: "child kid kids baby babies toddler toddlers infant infants cot cots crib highchair son daughter teen teenager teenagers family families under-12s under-16s",
  price: "price prices pricing cost costs fee fees charge charged charges rate rates tariff cheap cheaper cheapest expensive affordable discount discounts quote how_much per_person per_night",
  payment: "pay paying paid payment payments card cards cash visa mastercard american_express apple_pay google_pay contactless cheque cheques invoice receipt bank_transfer deposit",
  wifi: "wifi wi-fi internet password passcode network broadband wireless",
  parking: "park parking car cars car_park carpark garage vehicle vehicles van motorbike drive driving valet blue_badge",
  cancellation: "cancel cancels cancelled canceled cancelling cancellation refund refunds refundable reschedule rescheduling postpone no-show no-shows",
  hours: "open opening opens close closes closing closed hours what_time opening_times today tonight weekend weekends weekday weekdays monday tuesday wednesday thursday friday saturday sunday",
  booking: "book booking bookings booked reserve reservation reservations appointment appointments availability available slot slots",
  access: "wheelchair wheelchairs accessible accessibility access step-free disabled disability lift lifts elevator ramp ramps mobility stairs steps hearing_loop",
  location: "address location located directions postcode map where_are find_you near nearby nearest distance far",
  transport: "train trains bus buses taxi taxis cab cabs airport station transfer transfers pickup shuttle coach ferry flight",
  food: "breakfast brunch lunch dinner supper food eat eating menu menus restaurant restaurants meal meals snack snacks picnic dining",
  diet: "vegan vegetarian gluten gluten-free allergy allergies allergic nut nuts dairy dairy-free lactose halal kosher intolerance",
  arrival: "check-in check_in check-out check_out arrive arriving arrival arrivals depart departure key keys reception",
  luggage: "luggage bag bags suitcase suitcases baggage left_luggage",
  gifts: "gift gifts voucher vouchers gift_card gift_cards present certificate",
  smoking: "smoke smoking smoker smokers vape vaping cigarette cigarettes e-cigarette",
  climate: "air_con air_conditioning air-conditioning heating heater fan fans thermostat radiator radiators",
  laundry: "laundry washing wash washed iron ironing dry_cleaning launderette",
  noise: "noise noisy quiet loud earplugs",
  beauty: "massage massages facial facials treatment treatments spa manicure pedicure nails wax waxing sauna hot_tub jacuzzi steam_room",
  hair: "hair haircut haircuts cut colour color balayage highlights blow-dry trim fringe stylist hairdresser barber",
  fitness: "gym workout workouts class classes yoga pilates trainer fitness exercise",
  swimming: "pool pools swim swimming swimwear swimming_costume",
  events: "wedding weddings married marry ceremony party parties celebration celebrations anniversary birthday event events hen_party stag_do",
  contact: "phone call email contact number whatsapp message text",
  activities: "activity activities attraction attractions things_to_do sightseeing museum museums tour tours excursion excursions explore",
};

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fnvStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME) >>> 0;
}

/**
 * FNV-1a (over UTF-16 code units) only mixes upwards, so its low bits, which pick the slot, depend on little of the
 * input; murmur3's finaliser spreads every input bit over all 32 output bits.
 */
function finalise(hash: number): number {
  let h = hash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashInto(seed: number, text: string): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = fnvStep(h, text.charCodeAt(i));
  return h;
}

// Each kind of feature hashes from its own seed, so the word "cut" and the character gram "cut" stay apart.
const WORD_SEED = fnvStep(FNV_OFFSET, 1);
const BIGRAM_SEED = fnvStep(FNV_OFFSET, 2);
const CHAR_SEED = fnvStep(FNV_OFFSET, 3);
const CONCEPT_SEED = fnvStep(FNV_OFFSET, 4);
const WORD_START = 0x02;
const WORD_END = 0x03;

const IDEOGRAPHIC = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u30FC";
// A run of Chinese/Japanese characters, or a run of other letters and digits.
const WORD = new RegExp(`[${IDEOGRAPHIC}]+|(?:\\p{N}|[^\\P{L}${IDEOGRAPHIC}])+`, "gu");
const IDEOGRAPHIC_RUN = new RegExp(`^[${IDEOGRAPHIC}]`, "u");
const COMBINING_MARK = /\p{M}/gu;

const COMPOUND = /[\p{L}\p{N}]+(?:[-‐][\p{L}\p{N}]+)+/gu;
const NUMBER = /^\d+$/;

function fold(text: string): string {
  // Decompose before lower-casing ("ℌ" becomes "H"), strip marks after it ("İ" lower-cases to "i" + a dot above).
  return text.normalize("NFKD").toLowerCase().replace(COMBINING_MARK, "");
}

/** The words of folded text; a run of Chinese or Japanese characters becomes its character pairs. */
function words(folded: string): string[] {
  const out: string[] = [];
  for (const [word] of folded.matchAll(WORD)) {
    if (!IDEOGRAPHIC_RUN.test(word)) out.push(word);
    else if (word.length === 1) out.push(word);
    else for (let i = 0; i + 1 < word.length; i++) out.push(word.slice(i, i + 2));
  }
  return out;
}

const VOWEL = /[aeiouy]/;

/**
 * A very light stemmer, enough for plurals and the commonest verb endings to meet: -ies → -y, -(s|x|z|ch|sh)es and
 * -s dropped, -ing and -ed dropped when a real stem remains (with a doubled final consonant undone, "cutting" →
 * "cut"), and a final -e dropped from longer words so "close", "closed" and "closing" all become "clos".
 */
export function stemWord(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular !== undefined) return irregular;
  if (word.length <= 3 || /\d/.test(word)) return word;
  let stem = word;
  if (stem.endsWith("ies") && stem.length > 4) stem = `${stem.slice(0, -3)}y`;
  else if (/(?:ss|sh|ch|x|z)es$/.test(stem)) stem = stem.slice(0, -2);
  else if (stem.endsWith("s") && !/(?:ss|us|is)$/.test(stem)) stem = stem.slice(0, -1);
  else {
    const suffix = /(?:ing|ed)$/.exec(stem)?.[0];
    const base = suffix ? stem.slice(0, -suffix.length) : "";
    if (suffix && base.length >= 3 && VOWEL.test(base) && !(suffix === "ed" && base.endsWith("e"))) {
      stem = /([^aeiouylsz])\1$/.test(base) ? base.slice(0, -1) : base;
    }
  }
  return stem.length >= 5 && stem.endsWith("e") ? stem.slice(0, -1) : stem;
}

interface FeatureCounts {
  words: Map<number, number>;
  bigrams: Map<number, number>;
  chars: Map<number, number>;
  concepts: Map<number, number>;
}

function bump(counts: Map<number, number>, hash: number): void {
  counts.set(hash, (counts.get(hash) ?? 0) + 1);
}

/** Character 3- and 4-grams of "\u0002word\u0003", hashed straight from the code units (no substrings). */
function countCharGrams(word: string, counts: Map<number, number>): void {
  const n = word.length + 2;
  const code = (i: number) => (i === 0 ? WORD_START : i === n - 1 ? WORD_END : word.charCodeAt(i - 1));
  for (let i = 0; i + 3 <= n; i++) {
    const three = fnvStep(fnvStep(fnvStep(CHAR_SEED, code(i)), code(i + 1)), code(i + 2));
    bump(counts, finalise(three));
    if (i + 4 <= n) bump(counts, finalise(fnvStep(three, code(i + 3))));
  }
}

/** Stemmed word or phrase -> the hashed features of the topics it belongs to. */
const CONCEPT_INDEX = new Map<string, number[]>();
const conceptHash = (concept: keyof typeof CONCEPTS) => finalise(hashInto(CONCEPT_SEED, concept));
for (const [concept, entries] of Object.entries(CONCEPTS)) {
  const hash = conceptHash(concept);
  for (const entry of entries.split(" ")) {
    // "check-in" is matched as the compound "checkin"; "how_much" as the phrase of its stems.
    const key = entry.replace(/-/g, "").split("_").map(stemWord).join(" ");
    const hashes = CONCEPT_INDEX.get(key) ?? [];
    if (!hashes.includes(hash)) CONCEPT_INDEX.set(key, [...hashes, hash]);
  }
}

function countWord(word: string, stem: string, counts: FeatureCounts): void {
  bump(counts.words, finalise(hashInto(WORD_SEED, stem)));
  // Digits' fragments ("00" of every opening time) would make any two passages with numbers look alike.
  if (!NUMBER.test(word)) countCharGrams(word, counts.chars);
  countConcepts(stem, counts);
}

const PRICE_CONCEPT = conceptHash("price");
const HOURS_CONCEPT = conceptHash("hours");
const LOCATION_CONCEPT = conceptHash("location");

function countConcepts(key: string, counts: FeatureCounts): void {
  for (const hash of CONCEPT_INDEX.get(key) ?? []) bump(counts.concepts, hash);
}

// A price ("£45", "45 €", "€12.50") or a time of day ("9am", "6:30 pm", "10:00", "9h30") stands for its topic too.
const PRICE_MENTION = /[£$€]\s?\d|\d\s?(?:€|eur\b|euros?\b|pounds?\b|gbp\b|usd\b|dollars?\b)/g;
const TIME_MENTION = /\b\d{1,2}(?:[:.h]\d{2})?\s?(?:am|pm)\b|\b\d{1,2}[:h]\d{2}\b/g;
// So does an address (offline-hash-v4): a street by its kind ("Quay Street", "14 Mill Lane", "Rua das Flores") or a
// UK postcode, so "where are you?" meets a page that only gives its street.
const ADDRESS_MENTION =
  /\b[a-z]+\s(?:street|road|lane|avenue|square|quay|terrace|crescent|boulevard)\b|\b\d+[a-z]?,?\s[a-z]+\s(?:st|rd|ln|ave|way|place|drive)\b|\b(?:rua|avenida|calle|via|praca|plaza|jalan|duong)\s[a-z]|\b[a-z]{1,2}\d[a-z\d]?\s\d[a-z]{2}\b/g;

function countFeatures(text: string, counts: FeatureCounts): void {
  const folded = fold(text);
  let previous: string | undefined;
  // The last two stems, stop words included, for phrases such as "how much" and "things to do".
  let before: string | undefined;
  let last: string | undefined;
  for (const raw of words(folded)) {
    const word = TEXT_SPEAK[raw] ?? raw;
    const stem = stemWord(word);
    if (last !== undefined) {
      countConcepts(`${last} ${stem}`, counts);
      if (before !== undefined) countConcepts(`${before} ${last} ${stem}`, counts);
    }
    before = last;
    last = stem;
    if (STOP_WORDS.has(word)) continue;
    countWord(word, stem, counts);
    if (previous !== undefined) {
      bump(counts.bigrams, finalise(hashInto(fnvStep(hashInto(BIGRAM_SEED, previous), 0x20), stem)));
    }
    previous = stem;
  }
  // A hyphenated compound also counts as one word, so "wi-fi" meets "wifi" and "check-in" meets "checkin".
  for (const [compound] of folded.matchAll(COMPOUND)) {
    const word = compound.replace(/[-‐]/g, "");
    countWord(word, stemWord(word), counts);
  }
  for (const _ of folded.matchAll(PRICE_MENTION)) bump(counts.concepts, PRICE_CONCEPT);
  for (const _ of folded.matchAll(TIME_MENTION)) bump(counts.concepts, HOURS_CONCEPT);
  for (const _ of folded.matchAll(ADDRESS_MENTION)) bump(counts.concepts, LOCATION_CONCEPT);
}

function addWeighted(vector: Float64Array, counts: Map<number, number>, weight: number): void {
  const mask = EMBEDDING_DIMENSIONS - 1; // a power of two, so the low bits pick the slot
  for (const [hash, tf] of counts) {
    const value = weight * (1 + Math.log(tf));
    const slot = hash & mask;
    vector[slot] = (vector[slot] ?? 0) + (hash >>> 31 ? -value : value);
  }
}

/**
 * Embeds each text into an L2-normalised vector of EMBEDDING_DIMENSIONS numbers. A text with no features (empty,
 * only punctuation or only stop words) gets the all-zero vector: it is similar to nothing, and a caller must not
 * search with it (pgvector's cosine distance to a zero vector is NaN).
 */
export function embedOffline(texts: string[]): number[][] {
  const counts: FeatureCounts = { words: new Map(), bigrams: new Map(), chars: new Map(), concepts: new Map() };
  return texts.map((text) => {
    counts.words.clear();
    counts.bigrams.clear();
    counts.chars.clear();
    counts.concepts.clear();
    countFeatures(text, counts);
    const vector = new Float64Array(EMBEDDING_DIMENSIONS);
    addWeighted(vector, counts.words, WORD_WEIGHT);
    addWeighted(vector, counts.bigrams, BIGRAM_WEIGHT);
    addWeighted(vector, counts.chars, CHAR_GRAM_WEIGHT);
    addWeighted(vector, counts.concepts, CONCEPT_WEIGHT);
    let norm = 0;
    for (const value of vector) norm += value * value;
    norm = Math.sqrt(norm);
    return Array.from(vector, (value) => (norm > 0 ? value / norm : 0));
  });
}

/**
 * The words of a text that say what it is about: folded, chat spellings read as words, stop words dropped, stemmed.
 * The agent measures how much of a question a passage covers with these (lib/agent/support.ts).
 */
export function contentStems(text: string): string[] {
  return contentWords(text).map((w) => w.stem);
}

/** The same words as `contentStems`, each with the folded word it was stemmed from (query expansion looks it up). */
export function contentWords(text: string): { word: string; stem: string }[] {
  const out: { word: string; stem: string }[] = [];
  for (const raw of words(fold(text))) {
    const word = TEXT_SPEAK[raw] ?? raw;
    if (STOP_WORDS.has(word) || word.length < 2) continue;
    // "mens" (men's without its apostrophe) is "man" as "men" is; the vectors keep stemWord's reading.
    const stem = stemWord(word);
    out.push({ word, stem: IRREGULAR[stem] ?? stem });
  }
  // "Wi-Fi" is also "wifi", "check-in" also "checkin", as customers write them.
  for (const [compound] of fold(text).matchAll(COMPOUND)) {
    const word = compound.replace(/[-‐]/g, "");
    out.push({ word, stem: stemWord(word) });
  }
  return out;
}
