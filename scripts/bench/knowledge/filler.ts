/**
 * Plausible knowledge-base filler for the retrieval benchmark: what other small businesses (and the measured one,
 * beyond its core articles) teach their assistant — service and product catalogues, rooms, menus, staff bios, blog
 * posts, local guides, and for every other business its own house policies (parking, pets, wifi, cancellation...),
 * so that isolation and ranking are tested against look-alike text rather than noise.
 *
 * Text comes from a tiny deterministic grammar: a template's `{slot}` is replaced by a random alternative of that
 * slot, whose own slots are expanded in turn. Same seed, same documents.
 */

export type Vertical = "hotel" | "salon" | "clinic" | "fitness" | "retail" | "academy" | "restaurant";
export type Category = "rooms" | "rates" | "services" | "prices" | "policies" | "faq" | "hours" | "location" | "other";

export interface FillerBusiness {
  name: string;
  vertical: Vertical;
  town: string;
  street: string;
  /** A currency sign: £ or €. */
  money: string;
  seed: number;
}

export interface FillerDocument {
  title: string;
  kind: "article" | "faq";
  category: Category;
  text: string;
}

type Grammar = Record<string, readonly string[]>;
type Rng = () => number;

/** mulberry32: small, fast, and the same sequence everywhere. */
export function seededRandom(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

function between(rng: Rng, low: number, high: number): number {
  return low + Math.floor(rng() * (high - low + 1));
}

/** Distinct picks, in random order (all of them when fewer exist). */
function sample<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(rng() * pool.length), 1)[0] as T);
  return out;
}

const SLOT = /\{([a-zA-Z_]+)\}/g;

function expand(rng: Rng, grammar: Grammar, template: string, depth = 0): string {
  if (depth > 8) throw new Error(`grammar recursion too deep at "${template}"`);
  return template.replace(SLOT, (_, name: string) => {
    const options = grammar[name];
    if (!options) throw new Error(`no slot {${name}}`);
    return expand(rng, grammar, pick(rng, options), depth + 1);
  });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const COMMON: Grammar = {
  day: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
  weekday: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
  month: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
  season: ["spring", "summer", "autumn", "winter"],
  hour: ["7am", "7:30am", "8am", "8:30am", "9am", "9:30am", "10am", "11am", "noon", "1pm", "2pm", "3pm", "4pm", "5pm", "5:30pm", "6pm", "7pm", "8pm"],
  small: ["2", "3", "4", "5", "6", "8", "10", "12", "15"],
  price: ["12", "15", "18", "20", "22", "25", "28", "30", "35", "38", "40", "45", "48", "50", "55", "60", "65", "70", "75", "80", "85", "95", "110", "120", "140", "160"],
  minutes: ["15", "20", "30", "45", "60", "75", "90"],
  years: ["three", "five", "six", "eight", "ten", "twelve", "fifteen", "twenty"],
  friendly: ["friendly", "welcoming", "relaxed", "warm", "easy-going", "unhurried", "cheerful", "down-to-earth"],
  good: ["lovely", "brilliant", "wonderful", "fantastic", "gorgeous", "terrific", "excellent", "delightful", "superb"],
  first: ["Amy", "Ben", "Chloe", "Dan", "Ellie", "Finn", "Grace", "Harry", "Isla", "Jack", "Kate", "Leo", "Maya", "Noah", "Olivia", "Priya", "Quinn", "Rosa", "Sam", "Tom", "Uma", "Vik", "Will", "Zara", "Joana", "Miguel", "Ines", "Tomas", "Aisha", "Kofi", "Mei", "Luca"],
  last: ["Abbott", "Bennett", "Carter", "Davies", "Evans", "Fletcher", "Gray", "Hughes", "Jones", "Khan", "Lewis", "Morgan", "Nash", "Owen", "Price", "Reid", "Shaw", "Turner", "Walsh", "Young", "Silva", "Costa", "Ferreira", "Okafor", "Chen", "Rossi"],
  hobby: [
    "sea swimming all year round", "growing far too many tomatoes", "running half marathons", "restoring an old camper van",
    "baking sourdough", "birdwatching on the estuary", "playing bass in a covers band", "walking the dog on the cliffs",
    "painting watercolours", "cold-water surfing", "learning Portuguese", "collecting vinyl records", "climbing",
    "cooking for friends", "reading crime novels", "rowing with the local gig club", "knitting jumpers nobody asked for",
  ],
  place: ["the market square", "the old harbour", "the river path", "the high street", "the station", "the park", "the church", "the seafront", "the castle", "the library"],
};

interface VerticalGrammar {
  grammar: Grammar;
  /** Catalogue documents: title template, category, one section per item. */
  catalogues: { title: string; category: Category; heading: string; body: string[] }[];
  roles: readonly string[];
  bio: readonly string[];
  blogTitles: readonly string[];
  blogHeadings: readonly string[];
  blogSentences: readonly string[];
  /** House policies and practical answers, written per business. */
  policies: { heading: string; body: string }[];
}

const HOTEL: VerticalGrammar = {
  grammar: {
    roomname: ["The Lookout", "Driftwood", "Samphire", "The Crow's Nest", "Kittiwake", "Harbourside", "Old Granary", "Fern", "Bluebell", "Tamarisk", "The Boathouse", "Skylark", "Orchard", "Morwenna", "Shell", "Willow", "The Study", "Juniper", "Larkspur", "Saltmarsh"],
    roomkind: ["double", "twin", "king room", "suite", "family room", "attic double", "garden room", "studio"],
    roomfeature: [
      "a roll-top bath in the window", "a four-poster bed", "exposed beams from the original barn", "a private courtyard",
      "a window seat with views over {view}", "a walk-in rain shower", "a small balcony over {view}", "a wood-burning stove",
      "a separate dressing room", "a deep copper bath", "handmade furniture by a local carpenter", "a sofa bed for a child",
      "original slate floors", "a reading nook with a shelf of books", "a writing desk and good lamp",
    ],
    view: ["the estuary", "the garden", "the harbour", "the rooftops", "the fields", "the bay", "the river", "the church tower", "the orchard", "the hills"],
    dish: [
      "pan-roasted cod with brown shrimp butter", "a ploughman's with local cheddar", "seafood chowder", "roast chicken with tarragon",
      "wild mushroom risotto", "beef and ale pie", "grilled mackerel with rhubarb", "a ham hock terrine", "sticky toffee pudding",
      "lemon posset with shortbread", "scallops with black pudding", "a cheeseboard with chutney", "crab on sourdough toast",
    ],
    attraction: [
      "the lighthouse", "the National Trust gardens", "the sculpture trail", "the abbey ruins", "the Saturday farmers' market",
      "the river ferry", "the vineyard", "the tin-mine museum", "the seal colony", "the hill fort", "the pottery studio", "the secret cove",
    ],
    walk: ["a gentle two-mile loop", "a steep but rewarding climb", "a flat riverside stroll", "a full-day cliff walk", "a woodland trail"],
    thing: ["linen", "soap", "breakfast", "coffee", "sea air", "sunset", "fire", "garden"],
  },
  catalogues: [
    {
      title: "Room guide: {roomname}",
      category: "rooms",
      heading: "Room {small}: {roomname}",
      body: [
        "{roomname} is a {friendly} {roomkind} on the {floor} floor with {roomfeature} and {roomfeature}.",
        "Guests love it for {roomfeature}; it suits couples who want a quiet base for exploring.",
        "The bed is a {bed} made up with crisp cotton sheets, and there is {roomfeature}.",
        "Rates start at {money}{price}0 a night in low season, breakfast included.",
        "From the window you look out over {view}, which is at its best in {season}.",
      ],
    },
    {
      title: "On the menu this {season}",
      category: "other",
      heading: "{dishTitle}",
      body: [
        "Our chef serves {dish}, made with produce from farms within twenty miles.",
        "It comes with seasonal greens and a glass of wine is suggested by the bar team.",
        "A {friendly} dish for {season} evenings: {dish}, followed by {dish}.",
        "Priced at {money}{price}, it is available at lunch and dinner while stocks last.",
      ],
    },
  ],
  roles: ["head chef", "general manager", "head housekeeper", "receptionist", "spa therapist", "gardener", "breakfast chef", "night porter", "events coordinator"],
  bio: [
    "{person} joined {business} {years} years ago as our {role}, and knows every creaky floorboard in the house.",
    "Before that {pronoun} worked in hotels in London and Edinburgh, and came to {town} for a quieter life by the sea.",
    "Ask {pronoun2} about {attraction}: {pronoun} has a favourite walk there that is not in any guidebook.",
    "Away from work {pronoun} spends {possessive} time {hobby}.",
    "Guests often mention {person} in their reviews for remembering how they take their coffee.",
    "{pronoun} trained at catering college in Plymouth and still cooks for friends on {possessive} day off.",
  ],
  blogTitles: [
    "A weekend in {town} in {season}", "Five walks from our front door", "What's on in {town} this {month}",
    "The history of our building", "Our {season} menu, explained", "A guide to {attraction}", "Rainy day ideas around {town}",
    "Meet the makers who supply our kitchen", "Wild swimming near {town}", "Planning a birthday getaway", "Stargazing on the coast",
  ],
  blogHeadings: ["Getting there", "Where to eat", "What to pack", "Our tip", "If the weather turns", "For families", "A little history", "Where to walk", "The best time to go", "Back at the hotel"],
  blogSentences: [
    "{attraction} is {walk} from {business}, and in {season} it is quieter than you would expect.",
    "We send guests to {attraction} when they want an afternoon away from the beach.",
    "Pack layers: the weather on this coast changes three times a day, even in {month}.",
    "Take {walk} along the coast and stop at the farm café for a pasty on the way back.",
    "Our chef picked the {season} menu around {dish} and {dish}.",
    "The building dates from the 1840s, when it stored nets, rope and sailcloth for the fishing fleet.",
    "Local buses run from {place} about every hour, though they are less frequent on {day}s.",
    "Children love rock-pooling at low tide; check the tide tables at reception before you go.",
    "If you are driving, leave the car at {place} and walk the last stretch: the lanes are narrow.",
    "Ask at reception for our hand-drawn map, which marks benches with the best views of {view}.",
    "Afterwards, come back to a {good} dinner of {dish} by the fire.",
    "{month} is when the gardens are at their best, with the camellias and magnolias out.",
    "The {good} thing about {season} here is the light: long, low and golden over {view}.",
    "Book ahead for {attraction} during school holidays, as the car park fills by mid-morning.",
    "Our guests often finish the day with a drink on the terrace watching the sun go down over {view}.",
  ],
  policies: [
    { heading: "Parking", body: "We have {small} spaces in our car park, free for guests and first come, first served. If it is full, the public car park at {place} is a short walk away and costs about {money}{price} a day." },
    { heading: "Dogs and pets", body: "Dogs are welcome in {small} of our ground-floor rooms for {money}{price} per stay, with towels and a water bowl provided. Please keep them on a lead in the public rooms and never leave them alone in the bedroom." },
    { heading: "Check-in and check-out", body: "Check-in is from {hour} and check-out by 10:30am. If you arrive after reception closes at 9pm, a key safe code is emailed to you on the day." },
    { heading: "Wi-Fi", body: "Free Wi-Fi throughout: the network is {businessSlug}-guests and the password is printed on the card in your room." },
    { heading: "Cancellations", body: "Cancel up to {small} days before arrival for a full refund of your deposit. Later cancellations are charged the first night, unless we can re-let the room." },
    { heading: "Breakfast", body: "Breakfast is served from 8am to 9:30am in the dining room and includes a full cooked breakfast, homemade granola and fresh bread." },
    { heading: "Children", body: "Children are welcome; cots are free and extra beds cost {money}{price} a night. We have high chairs and a children's menu." },
    { heading: "Payment", body: "We take all major cards except American Express, and cash. The balance is due on arrival." },
  ],
};

const SALON: VerticalGrammar = {
  grammar: {
    hairservice: ["cut and blow-dry", "restyle", "balayage", "full head highlights", "half head highlights", "root colour", "toner and gloss", "keratin smoothing treatment", "fringe trim", "curly cut", "bridal trial", "children's cut", "men's skin fade", "beard trim", "Olaplex treatment", "scalp treatment", "perm", "hair extensions consultation"],
    beautyservice: ["gel manicure", "spa pedicure", "lash lift and tint", "brow lamination", "eyebrow threading", "leg wax", "express facial", "microdermabrasion", "spray tan", "make-up lesson"],
    brand: ["Olaplex", "Kérastase", "Davines", "Redken", "L'Oréal Professionnel", "Wella", "Moroccanoil", "Aveda", "Bumble and bumble", "OPI", "CND Shellac"],
    hairtype: ["fine hair", "thick curly hair", "coloured hair", "grey hair", "frizzy hair", "long layered hair", "short crops", "textured hair"],
    stylistlevel: ["senior stylist", "stylist", "junior stylist", "creative director", "colour specialist"],
  },
  catalogues: [
    {
      title: "Hair services and prices",
      category: "prices",
      heading: "{hairserviceTitle}",
      body: [
        "Our {hairservice} takes about {minutes} minutes and costs from {money}{price} with a {stylistlevel}.",
        "Prices depend on the length and thickness of your hair; your stylist will confirm before starting.",
        "We use {brand} products, chosen for {hairtype}.",
        "New clients book a free consultation first, especially for colour or big changes.",
        "A skin allergy test is needed 48 hours before any colour if you have not had one with us in six months.",
      ],
    },
    {
      title: "Beauty treatments",
      category: "services",
      heading: "{beautyserviceTitle}",
      body: [
        "A {beautyservice} lasts {minutes} minutes and is priced at {money}{price}.",
        "Our therapists use {brand}; results usually last three to four weeks.",
        "Please arrive with clean skin and no make-up for facial treatments.",
        "Add a hand massage to any treatment for {money}{small}.",
      ],
    },
  ],
  roles: ["senior stylist", "colour specialist", "salon manager", "nail technician", "beauty therapist", "apprentice", "barber"],
  bio: [
    "{person} has been cutting hair for {years} years and joined {business} as a {role}.",
    "{pronoun} specialises in {hairtype} and lived-in colour, and is our go-to for {hairservice}.",
    "Trained at the Vidal Sassoon academy, {pronoun} still takes two advanced courses a year with {brand}.",
    "Outside the salon {pronoun} loves {hobby}.",
    "Clients say {pronoun} is honest about what will and won't suit them, which we think is rare.",
  ],
  blogTitles: [
    "How to look after {hairtype}", "The {season} colour trends we love", "Balayage or highlights: which is right for you?",
    "Getting your wedding hair right", "Why we use {brand}", "Growing out a fringe gracefully", "Five minutes with our {role}",
    "Heat styling without the damage", "What happens at a colour consultation",
  ],
  blogHeadings: ["Our advice", "Before your appointment", "At home", "Products we recommend", "Common mistakes", "How often to visit", "The cost", "Ask your stylist"],
  blogSentences: [
    "{hairtype} needs a gentle sulphate-free shampoo and a weekly mask.",
    "We recommend {brand} for {hairtype}, used sparingly on the ends.",
    "Most clients come back every six to eight weeks for a {hairservice}.",
    "A {hairservice} can transform {hairtype} without a big commitment.",
    "Book your {hairservice} two weeks before a big event so the colour has time to settle.",
    "Turn the heat down on your straighteners: 180 degrees is plenty for {hairtype}.",
    "Bring photos of looks you love, and ones you don't, to your consultation.",
    "This {season} we are seeing lots of soft copper tones and face-framing layers.",
    "A silk pillowcase really does help curls survive the night.",
    "Our {role} {person} swears by a cold rinse at the end of every wash.",
    "Toner fades faster than colour, so a gloss between appointments keeps blondes bright.",
  ],
  policies: [
    { heading: "Parking", body: "There is no car park at the salon, but on-street parking on {street} is free after 6pm and the multi-storey by {place} is two minutes away." },
    { heading: "Cancellations", body: "Please give us {small} hours' notice to cancel or move an appointment. Late cancellations are charged half the service price." },
    { heading: "Children", body: "Children's cuts are available for under-12s from {money}{price}. Please don't bring children along to your own appointment unless they can sit quietly." },
    { heading: "Dogs", body: "Well-behaved dogs are welcome in the salon as long as they stay on a lead by your chair." },
    { heading: "Wi-Fi", body: "Free Wi-Fi while you wait: ask at the desk for today's password." },
    { heading: "Gift vouchers", body: "Gift vouchers are available in any amount and are valid for twelve months." },
    { heading: "Payment", body: "We take cards, Apple Pay and cash. A deposit of {money}{price} is taken for colour appointments over two hours." },
  ],
};

const CLINIC: VerticalGrammar = {
  grammar: {
    treatment: ["routine check-up", "hygienist appointment", "teeth whitening", "white filling", "root canal treatment", "dental implant consultation", "Invisalign consultation", "emergency appointment", "sports massage", "physiotherapy assessment", "follow-up physiotherapy session", "acupuncture", "shockwave therapy", "pilates rehab class", "gait analysis", "custom orthotics"],
    condition: ["lower back pain", "a frozen shoulder", "tennis elbow", "runner's knee", "sensitive teeth", "gum disease", "a sprained ankle", "plantar fasciitis", "neck stiffness from desk work", "a chipped tooth", "jaw clicking", "hamstring strains"],
    clinician: ["dentist", "hygienist", "physiotherapist", "sports therapist", "osteopath", "dental nurse", "practice manager"],
  },
  catalogues: [
    {
      title: "Treatments and fees",
      category: "prices",
      heading: "{treatmentTitle}",
      body: [
        "A {treatment} takes about {minutes} minutes and costs {money}{price}.",
        "It is often recommended for {condition}; your {clinician} will explain the options first.",
        "Members of our practice plan get this at a reduced fee.",
        "You will receive a written treatment plan with costs before anything is done.",
        "Please bring a list of any medicines you take to your {treatment}.",
      ],
    },
  ],
  roles: ["dentist", "hygienist", "physiotherapist", "sports therapist", "osteopath", "practice manager", "dental nurse"],
  bio: [
    "{person} is one of our {role}s and has been in practice for {years} years.",
    "{pronoun} has a special interest in {condition} and is known for a calm, unhurried manner.",
    "{pronoun} qualified at King's College London and is registered with the relevant professional council.",
    "When not at {business}, {pronoun} enjoys {hobby}.",
    "Nervous patients often ask for {person} by name.",
  ],
  blogTitles: [
    "Understanding {condition}", "What to expect at your first {treatment}", "Desk posture tips from our {role}",
    "How often should you see the hygienist?", "Getting back to running after injury", "Is teeth whitening safe?", "Our guide to {condition}",
  ],
  blogHeadings: ["What causes it", "When to see us", "What we do", "Exercises at home", "Recovery time", "Costs", "Prevention"],
  blogSentences: [
    "{condition} is one of the most common reasons people book a {treatment}.",
    "Most patients with {condition} feel a difference within three to four sessions.",
    "Try these stretches twice a day, stopping if anything hurts sharply.",
    "Our {clinician} will check your history and watch how you move before suggesting a plan.",
    "Prevention beats cure: regular visits catch problems while they are small.",
    "If pain wakes you at night or comes with a fever, call your GP or NHS 111 first.",
    "A {treatment} is usually covered by private health insurance; check your policy.",
    "Ice for the first 48 hours, then gentle movement, is still the best early advice.",
    "Electric toothbrushes remove more plaque, but technique matters more than the brush.",
    "We keep emergency slots every morning for patients in pain.",
  ],
  policies: [
    { heading: "Parking", body: "Free patient parking is available in the {small} bays in front of the clinic; please don't use the spaces marked for staff." },
    { heading: "Missed appointments", body: "We need {small} hours' notice to cancel. Missed appointments are charged at {money}{price}." },
    { heading: "Accessibility", body: "All treatment rooms are on the ground floor with step-free access and a wheelchair accessible toilet." },
    { heading: "Children", body: "We see children from the age of three; under-18s must be accompanied by a parent or guardian." },
    { heading: "Payment", body: "Fees are paid at the end of each appointment by card or cash. We can invoice insurers directly for registered patients." },
    { heading: "Opening hours", body: "The clinic is open {weekday} to Friday 8am to 6pm, with late evenings until 8pm on Thursdays." },
  ],
};

const FITNESS: VerticalGrammar = {
  grammar: {
    fitclass: ["Vinyasa yoga", "Yin yoga", "mat pilates", "reformer pilates", "HIIT", "spin", "kettlebells", "boxing fitness", "strength and conditioning", "mobility", "aqua fit", "barre", "circuit training", "beginners' yoga", "pregnancy yoga", "meditation"],
    level: ["all levels", "beginners", "intermediate", "advanced", "over-60s"],
    membership: ["off-peak membership", "full membership", "ten-class pass", "drop-in class", "student membership", "corporate membership", "personal training block"],
    body: ["core", "hamstrings", "shoulders", "lower back", "hips", "posture", "balance", "grip"],
  },
  catalogues: [
    {
      title: "Class timetable and descriptions",
      category: "services",
      heading: "{fitclassTitle}",
      body: [
        "{fitclass} runs on {day}s at {hour} for {minutes} minutes and suits {level}.",
        "Expect work on your {body} and {body}, finishing with a stretch.",
        "Mats and equipment are provided; bring water and a towel.",
        "Book through the app; classes open for booking seven days ahead.",
      ],
    },
    {
      title: "Memberships and prices",
      category: "prices",
      heading: "{membershipTitle}",
      body: [
        "The {membership} costs {money}{price} a month and includes unlimited classes for {level}.",
        "There is no joining fee and you can freeze it for up to two months a year.",
        "Cancel with one calendar month's notice.",
      ],
    },
  ],
  roles: ["yoga teacher", "personal trainer", "pilates instructor", "studio manager", "spin coach"],
  bio: [
    "{person} teaches {fitclass} and has {years} years of experience as a {role}.",
    "{pronoun} came to fitness after a back injury and is passionate about {body} strength for everyday life.",
    "{possessive_cap} classes are challenging but kind, and always offer an easier option.",
    "Away from the studio {pronoun} enjoys {hobby}.",
  ],
  blogTitles: ["Starting {fitclass} as a beginner", "Why your {body} matters", "How to build a routine that sticks", "What to eat before a morning class", "Meet our {role}"],
  blogHeadings: ["Why it works", "How to start", "Common questions", "Our tip", "What to bring", "How often"],
  blogSentences: [
    "{fitclass} is a great way to build {body} strength without heavy weights.",
    "Start with two classes a week and add a third once it feels easy.",
    "Consistency matters far more than intensity when you are starting out.",
    "Our {role} {person} recommends a light snack an hour before training.",
    "{level} are welcome in every class; tell the teacher about any injury.",
    "Sleep is when your {body} actually recovers and gets stronger.",
    "Bring a water bottle; there is a refill station by the changing rooms.",
  ],
  policies: [
    { heading: "Parking", body: "Members park free for two hours in the retail park car park; register your number plate at the desk." },
    { heading: "Late cancellation", body: "Cancel a class booking at least {small} hours before or lose the credit." },
    { heading: "Children", body: "Under-16s can use the gym only in supervised junior sessions on {day} afternoons." },
    { heading: "Lockers and wifi", body: "Lockers take a {money}1 coin, returned when you open them. Free Wi-Fi: the password is on the board by reception." },
  ],
};

const RETAIL: VerticalGrammar = {
  grammar: {
    product: ["hybrid bike", "electric bike", "gravel bike", "children's balance bike", "cargo bike", "helmet", "bike light set", "waterproof jacket", "paperback novel", "hardback cookbook", "children's picture book", "gift card", "notebook", "jigsaw puzzle", "signed first edition"],
    servicebike: ["basic service", "full service", "puncture repair", "brake bleed", "wheel truing", "bike fit", "e-bike diagnostics", "book ordering", "gift wrapping"],
    brandbike: ["Brompton", "Trek", "Specialized", "Giant", "Orbea", "Cube", "Penguin Classics", "Faber", "Moleskine"],
  },
  catalogues: [
    {
      title: "Products we stock",
      category: "other",
      heading: "{productTitle}",
      body: [
        "We stock the {product} from {brandbike}, priced from {money}{price}0.",
        "Come in and try one: staff will help you choose the right size.",
        "Stock changes weekly; ask us to reserve one for up to {small} days.",
        "Our {product} range is popular as a gift in {month}.",
      ],
    },
    {
      title: "Workshop and services",
      category: "services",
      heading: "{servicebikeTitle}",
      body: [
        "A {servicebike} costs {money}{price} and usually takes {small} working days.",
        "Drop off before {hour} and we will call you when it is ready.",
        "Parts are extra and always agreed with you first.",
      ],
    },
  ],
  roles: ["shop manager", "mechanic", "bookseller", "buyer", "Saturday assistant"],
  bio: [
    "{person} is our {role} and has worked in the shop for {years} years.",
    "{pronoun} can tell you the difference between any two {product}s in under a minute.",
    "In {possessive} spare time {pronoun} enjoys {hobby}.",
  ],
  blogTitles: ["Choosing your first {product}", "Our {season} reading list", "How to look after your {product}", "Staff picks for {month}"],
  blogHeadings: ["What to look for", "Our picks", "Budget", "Care and maintenance", "Why it matters"],
  blogSentences: [
    "A {product} is a big purchase, so take one out for a test ride or a browse first.",
    "Budget around {money}{price}0 for something that will last years.",
    "Our {role} {person} picked these for {season}.",
    "Keep your chain clean and oiled, especially after wet rides.",
    "Independent shops can order almost anything within two working days.",
    "Sign up to our newsletter for events and {season} offers.",
  ],
  policies: [
    { heading: "Returns", body: "Unused items can be returned within {small}0 days with a receipt for a full refund." },
    { heading: "Parking", body: "There is a loading bay outside the shop for collecting bikes, and a public car park behind {place}." },
    { heading: "Dogs", body: "Dogs are welcome in the shop — there is a water bowl by the door." },
    { heading: "Opening hours", body: "Open {weekday} to Saturday 9am to 5:30pm; closed Sundays and bank holidays." },
  ],
};

const ACADEMY: VerticalGrammar = {
  grammar: {
    course: ["General English", "IELTS preparation", "Business English", "Portuguese for beginners", "Spanish conversation", "GCSE maths tutoring", "A-level chemistry tutoring", "piano lessons", "guitar for beginners", "summer school for teenagers", "one-to-one tutoring", "online evening course"],
    levelc: ["A1 beginner", "A2 elementary", "B1 intermediate", "B2 upper intermediate", "C1 advanced", "grade 1 to 3", "grade 4 to 8"],
  },
  catalogues: [
    {
      title: "Courses and fees",
      category: "prices",
      heading: "{courseTitle}",
      body: [
        "{course} is taught in small groups of up to {small} students at {levelc} level.",
        "Classes run {weekday} and {weekday} evenings at {hour}, {minutes} minutes each.",
        "A ten-week term costs {money}{price}0, books included.",
        "Every new student takes a short placement test so we can match the right level.",
      ],
    },
  ],
  roles: ["director of studies", "teacher", "tutor", "student adviser", "music teacher"],
  bio: [
    "{person} has taught {course} for {years} years and is one of our {role}s.",
    "{pronoun} holds a CELTA and a master's in applied linguistics.",
    "Students describe {possessive} lessons as patient, practical and funny.",
    "Outside class {pronoun} enjoys {hobby}.",
  ],
  blogTitles: ["How to prepare for the IELTS speaking test", "Learning a language as an adult", "Study tips for exam season", "Meet our {role}"],
  blogHeadings: ["Our advice", "Common mistakes", "A study plan", "Resources we like", "On the day"],
  blogSentences: [
    "Little and often beats one long session at the weekend.",
    "Record yourself speaking and listen back: it is uncomfortable but it works.",
    "Our {role} {person} recommends reading graded readers at {levelc} level.",
    "Most students move up a level every two terms with regular practice.",
    "Past papers are the best preparation in the final month.",
  ],
  policies: [
    { heading: "Refunds", body: "Course fees are refunded in full if you cancel {small} days before the start date; after that we offer a credit for a later course." },
    { heading: "Accommodation", body: "We can arrange homestay accommodation with local families from {money}{price}0 a week, breakfast and dinner included." },
    { heading: "Getting here", body: "The school is on {street}, five minutes from {place}. There is no student parking; the nearest car park is by {place}." },
  ],
};

const RESTAURANT: VerticalGrammar = {
  grammar: {
    plate: ["grilled octopus", "crab linguine", "fish of the day", "lobster roll", "moules marinière", "crispy squid", "seafood platter", "beer-battered haddock", "halloumi burger", "chocolate torte", "salted caramel ice cream", "oysters by the half dozen", "steak frites"],
    drink: ["local lager", "Cornish cider", "Albariño", "Vinho Verde", "elderflower fizz", "espresso martini", "alcohol-free gin"],
  },
  catalogues: [
    {
      title: "Menu",
      category: "other",
      heading: "{plateTitle}",
      body: [
        "Our {plate} is {money}{price} and goes beautifully with a glass of {drink}.",
        "Ask your server about allergens: the kitchen can adapt most dishes.",
        "Served lunch and dinner, while the catch lasts.",
      ],
    },
  ],
  roles: ["head chef", "sous chef", "restaurant manager", "sommelier", "pastry chef"],
  bio: [
    "{person} is our {role} and has cooked for {years} years on this coast.",
    "{pronoun} buys fish straight from the boats every morning.",
    "Off duty {pronoun} is usually {hobby}.",
  ],
  blogTitles: ["What's landing this {season}", "Pairing {drink} with seafood", "Meet our {role}"],
  blogHeadings: ["From the boats", "In the kitchen", "On the table", "Our tip"],
  blogSentences: [
    "The {plate} is back on the menu now that the boats are bringing it in again.",
    "We pair {plate} with {drink}, which cuts through the richness.",
    "Book a table on the terrace for sunset in {month}.",
    "Our {role} {person} changes the specials board twice a day.",
  ],
  policies: [
    { heading: "Bookings", body: "We take bookings for up to {small} people online; larger groups please call. Walk-ins are welcome at the bar." },
    { heading: "Dogs", body: "Dogs are welcome on the terrace and in the bar, not in the main dining room." },
    { heading: "Parking", body: "There is no parking at the restaurant; use the pay-and-display car park by {place}." },
    { heading: "Children", body: "Children are welcome, with a kids' menu at {money}{price} including a drink and ice cream." },
  ],
};

const VERTICALS: Record<Vertical, VerticalGrammar> = {
  hotel: HOTEL,
  salon: SALON,
  clinic: CLINIC,
  fitness: FITNESS,
  retail: RETAIL,
  academy: ACADEMY,
  restaurant: RESTAURANT,
};

/** Slots whose `...Title` variant is the same value capitalised, for headings. */
const TITLE_SLOTS = ["dish", "hairservice", "beautyservice", "treatment", "fitclass", "membership", "product", "servicebike", "course", "plate"];

function businessGrammar(business: FillerBusiness, vertical: VerticalGrammar): Grammar {
  const grammar: Grammar = {
    ...COMMON,
    ...vertical.grammar,
    business: [business.name],
    town: [business.town],
    street: [business.street],
    money: [business.money],
    businessSlug: [business.name.toLowerCase().replace(/[^a-z0-9]+/g, "")],
    role: vertical.roles,
    floor: ["ground", "first", "second", "top"],
    bed: ["king-size bed", "super-king bed", "pair of twin beds", "double bed"],
    person: ["{first} {last}"],
  };
  for (const slot of TITLE_SLOTS) {
    const values = grammar[slot];
    if (values) grammar[`${slot}Title`] = values.map(capitalise);
  }
  return grammar;
}

/** Pronouns per staff member, fixed for one bio so it reads consistently. */
function personGrammar(rng: Rng, grammar: Grammar): Grammar {
  const she = rng() < 0.5;
  return {
    ...grammar,
    person: [expand(rng, grammar, "{first} {last}")],
    pronoun: [she ? "she" : "he"],
    pronoun2: [she ? "her" : "him"],
    possessive: [she ? "her" : "his"],
    possessive_cap: [she ? "Her" : "His"],
  };
}

function paragraph(rng: Rng, grammar: Grammar, sentences: readonly string[], count: number): string {
  return sample(rng, sentences, count)
    .map((s) => capitalise(expand(rng, grammar, s)))
    .join(" ");
}

/**
 * The documents of one business, endless: its house policies and an FAQ first (when asked for), then catalogues,
 * staff bios and blog posts in turn, for the caller to take as many as it needs.
 */
export function* businessDocuments(business: FillerBusiness, options: { withPolicies: boolean }): Generator<FillerDocument> {
  const rng = seededRandom(business.seed);
  const vertical = VERTICALS[business.vertical];
  const grammar = businessGrammar(business, vertical);

  if (options.withPolicies) {
    const sections = vertical.policies.map((p) => `## ${p.heading}\n\n${expand(rng, grammar, p.body)}`);
    yield { title: `Good to know at ${business.name}`, kind: "article", category: "policies", text: sections.join("\n\n") };
    const faq = vertical.policies.map((p) => `## ${faqQuestion(p.heading)}\n\n${expand(rng, grammar, p.body)}`);
    yield { title: "FAQ", kind: "faq", category: "faq", text: faq.join("\n\n") };
    yield {
      title: "Find us",
      kind: "article",
      category: "location",
      text: `## Address\n\n${business.name}, ${between(rng, 1, 90)} ${business.street}, ${business.town}.\n\n## Directions\n\n${paragraph(rng, grammar, vertical.blogSentences, 3)}`,
    };
  }

  for (;;) {
    for (const catalogue of vertical.catalogues) {
      const sections: string[] = [];
      const seen = new Set<string>();
      for (let i = between(rng, 3, 7); i > 0; i--) {
        const heading = expand(rng, grammar, catalogue.heading);
        if (seen.has(heading)) continue;
        seen.add(heading);
        sections.push(`## ${heading}\n\n${paragraph(rng, grammar, catalogue.body, between(rng, 2, catalogue.body.length))}`);
      }
      yield {
        title: expand(rng, grammar, catalogue.title),
        kind: "article",
        category: catalogue.category,
        text: sections.join("\n\n"),
      };
    }

    const staff = personGrammar(rng, { ...grammar, role: [pick(rng, vertical.roles)] });
    const name = staff.person?.[0] ?? "";
    yield {
      title: `Meet ${name}`,
      kind: "article",
      category: "other",
      text: [paragraph(rng, staff, vertical.bio, between(rng, 3, 5)), paragraph(rng, staff, vertical.bio, 2)].join("\n\n"),
    };

    const headings = sample(rng, vertical.blogHeadings, between(rng, 2, 5));
    const post = headings.map((h) => {
      const paragraphs = Array.from({ length: between(rng, 1, 3) }, () => paragraph(rng, grammar, vertical.blogSentences, between(rng, 3, 6)));
      return `## ${h}\n\n${paragraphs.join("\n\n")}`;
    });
    const intro = paragraph(rng, grammar, vertical.blogSentences, between(rng, 2, 4));
    yield {
      title: capitalise(expand(rng, grammar, pick(rng, vertical.blogTitles))),
      kind: "article",
      category: "other",
      text: [intro, ...post].join("\n\n"),
    };
  }
}

function faqQuestion(heading: string): string {
  const questions: Record<string, string> = {
    Parking: "Where can I park?",
    "Dogs and pets": "Can I bring my dog?",
    Dogs: "Are dogs allowed?",
    "Check-in and check-out": "What time is check-in?",
    "Wi-Fi": "Do you have Wi-Fi?",
    Cancellations: "What is your cancellation policy?",
    "Missed appointments": "What if I miss my appointment?",
    "Late cancellation": "Can I cancel a class?",
    Breakfast: "When is breakfast?",
    Children: "Do you welcome children?",
    Payment: "How can I pay?",
    "Gift vouchers": "Do you sell gift vouchers?",
    Accessibility: "Is the building accessible?",
    "Opening hours": "When are you open?",
    "Lockers and wifi": "Are there lockers and Wi-Fi?",
    Returns: "Can I return something?",
    Refunds: "Can I get a refund?",
    Accommodation: "Can you help with accommodation?",
    "Getting here": "How do I get to you?",
    Bookings: "Do I need to book?",
  };
  return questions[heading] ?? `${heading}?`;
}
