/**
 * The topics a person must handle, recognised from the customer's words alone, before and independently of any model:
 * a request for a person, a complaint, a refund or billing dispute, a medical or safety question, a legal threat. The
 * agent hands these off at once, even when the knowledge holds a matching policy (a refund policy quoted right still
 * leaves a customer disputing a charge without a person), and a hosted model cannot talk past it.
 *
 * Also here, because they are the other side of the same line: small talk (greetings, thanks, goodbyes), which is never
 * handed off, and the question type the opening-hours tool may answer (the business's own hours, not the time of
 * breakfast or a class).
 *
 * Everything is matched on a folded form of the text (lower case, accents and Vietnamese tone marks removed, "đ" as
 * "d", curly quotes straight), so "reclamação", "reclamacao" and "khiếu nại"/"khieu nai" are one pattern each.
 * Patterns are per kind of phrase, not per example: dev and held-out figures are in escalation-topics.test.ts.
 */

export type EscalationTopic = "human_request" | "complaint" | "billing" | "medical" | "legal";

/** Lower case, no diacritics, straight apostrophes, letters repeated for emphasis ("sooo", "byeee") once. */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/(\p{L})\1{2,}/gu, "$1");
}

const HUMAN_REQUEST: RegExp[] = [
  /\b(talk|speak|speek|chat|tlk)\s+(to|with)\s+(a\s+|an\s+|the\s+|your\s+|one of your\s+)?(real\s+|actual\s+|live\s+)?(person|human|some ?one|somebody|agent|staff|manager|owner|people|team|member of (staff|the team)|receptionist|representative|employee|operator|supervisor|customer service)\b/,
  /\b(real|actual|live) (person|human|agent|people)\b|\b(human|live) (agent|support|help)\b/,
  /\b(want|need|get|give|put|find)\b[^.?!]{0,20}\b(a human|a manager|the manager|your manager|a supervisor|a real person|an actual person)\b/,
  /\b(put|transfer|connect)\s+me\s+(through\s+)?(to|with)\b/,
  /\b(is this|are you|am i (talking|chatting|speaking) (to|with)|r u|are u)\s+(a |an |just a )?(bot|robot|machine|computer|ai)\b/,
  /^\W*(an? )?(agent|human|person|manager|operator|representative|supervisor)\W*(please|pls|plz)?\W*$/,
  /\bcall me( back)?\b|\b(give|ring) me a (call|ring)\b/,
  // Spanish, Portuguese, Malay, Vietnamese, French, German.
  /\bhablar con (una persona|alguien|un humano|un agente|el gerente|el encargado|un empleado)\b|\b(humano|persona real)\b/,
  /\bfalar com (uma pessoa|alguem|um humano|um atendente|o gerente|um funcionario)\b|\b(atendente|pessoa real)\b/,
  /\b(bercakap|cakap|berbual|bual|bercakap-cakap) dengan (orang|staf|pekerja|manusia|pengurus|seseorang|wakil)\b|\b(orang|manusia) sebenar\b/,
  /\b(noi chuyen|gap|lien he|chat) (voi )?(nhan vien|nguoi that|quan ly|nguoi phu trach)\b|\bnguoi that\b/,
  /\bparler (a|avec) (quelqu'un|une personne|un humain|un conseiller)\b|\bun humain\b|\bmit einem (menschen|mitarbeiter)\b|\bmitarbeiter sprechen\b/,
];

const COMPLAINT: RegExp[] = [
  /\b(complain\w*|complian\w*|complaint|complant)\b/,
  /\b(terrible|awful|horrible|horrendous|disgusting|disgusted|dis+ap+oint\w*|unacceptable|rude|worst|furious|angry|ruined|never again|scam|appalling|shocking|pathetic|ridiculous|outrageous|filthy|dirty|unhappy|upset|fed up|sick of)\b/,
  /\bnot (happy|satisfied|pleased|impressed|acceptable)\b/,
  /\b(bad|poor|awful|horrible|lousy) (service|experience|treatment|job|haircut|stay|quality|customer service)\b/,
  /\b(bed ?bugs?|cockroach\w*|roach(es)?|mou?ldy?|rats|mice)\b/,
  /\b(ignored (us|me)|(nobody|no one|noone) (answers|answered|replies|replied|responds|responded|came|showed|helped|cares|cared)|never (arrived|came|showed|turned up))\b/,
  /\bwrong room\b/,
  /\b(queja|quejarme|reclamacion|reclamo|pesim[oa]|decepcionad[oa]|inaceptable|asqueros[oa]|suci[oa]|groser[oa]|maleducad[oa]|insatisfech[oa])\b/,
  /\b(reclamacao|reclamar|pessim[oa]|inaceitavel|horrivel|nojent[oa]|suj[oa]|grosseir[oa]|insatisfeit[oa]|muito ruim)\b/,
  /\b(aduan|mengadu|kecewa|teruk|kotor|biadap|biadab|(tidak|tak) (berpuas|puas) hati)\b/,
  /\b(khieu nai|phan nan|that vong|rat te|qua te|te qua|thai do (te|kem))\b/,
  /\b(plainte|beschwerde)\b/,
];

// Goods that arrived in a bad state: a complaint, unless the customer asks what happens if they do (a returns policy).
const DAMAGED =
  /\b(damaged|crushed|faulty|defective|smashed)\b|\b(came|arrived|is|was|got it|it's|its)\s+(\w+\s+)?broken\b|\b(sent|gave|delivered) (me|us) (the )?wrong\b|\bwrong (size|item|order|colou?r|product)\b/;
const HYPOTHETICAL = /\b(if|in case|what happens|do you (accept|take|exchange|replace)|polic(y|ies)|returns?)\b/;

const REFUND_WORDS =
  /\b(refund\w*|refnd\w*|reimburs\w*|money back|mony back|deposit back|chargeback|charge back|reembols\w*|devuelvan|devolver el dinero|devolucion del dinero|dinero de vuelta|dinheiro de volta|devolvam|estorno|bayaran balik|(wang|duit)( saya)? (balik|semula)|hoan tien|tra lai tien|remboursement|ruckerstattung|geld zuruck)\b/;

// A charge disputed: always a person, whatever else the message says.
const BILLING_DISPUTE: RegExp[] = [
  /\b(charged|billed|debited|taken|took|paid)\b[^.?!]{0,30}\b(twice|two times|double|2x|two payments|too much|extra for)\b/,
  /\b(double|duplicate)[- ]?(charged|charge|billed|billing|payment)\b|\bover ?(charg|bill)\w*/,
  /\b(dispute|disputing|unauthori[sz]ed)\b|\bdon'?t recogni[sz]e\b|\bdo not recogni[sz]e\b/,
  // "Why was I charged?" disputes a charge; "why do you charge a deposit?" asks about one.
  /\b(why|how come)\b[^.?!]{0,25}\b(charged|billed|took|taken|debited)\b|\b(why|how come) (did|have|has) (you|it|they)\b[^.?!]{0,20}\b(charge|take|bill|debit)\b/,
  /\b(invoice|bill|receipt|charge|amount|total) (is|was|looks) (wrong|incorrect)\b|\b(wrong|incorrect) (amount|charge|invoice|bill|total)\b|\bbilled (me|us) for\b/,
  /\b(take|took|taken|deducted)\b[^.?!]{0,20}\bfrom my (card|account|bank)\b/,
  /\b(where is|still waiting (for|on)|never (got|received)|haven'?t (got|gotten|received)|didn'?t (get|receive)) (my|the|a|our) (refund|money|deposit)\b/,
  /\bcobr\w* (dos veces|doble|de mas|mal|demasiado)\b|\bcobro (doble|indebido|duplicado)\b/,
  /\bcobrad[oa]s? (duas vezes|em dobro|a mais|errado)\b|\bcobranca (indevida|duplicada|dupla|errada)\b|\bcobraram (duas vezes|a mais|em dobro)\b/,
  /\b(dicaj|dikenakan caj|caj|dipotong|ditolak)\b[^.?!]{0,20}\b(dua kali|berganda|lebih|salah)\b/,
  /\b(tru tien|tinh tien|thu tien|bi tru)\b[^.?!]{0,20}\b(hai lan|2 lan|gap doi|sai|nhieu hon)\b/,
];

// Asking how refunds work (a policy, a hypothetical) rather than asking for one: the assistant answers from the policy.
const REFUND_INFORMATIONAL: RegExp[] = [
  /\b(polic(y|ies)|politica|polisi|chinh sach|refundable|reembolsable|reembolsavel|terms|conditions)\b/,
  /\b(if|in case|when|once) (i|we|you|my|our|the|someone|somebody|a guest|a customer)\b|\bwhat happens if\b/,
  /\bdo you (offer|give|do|provide|allow|accept)\b[^.?!]{0,15}\brefund/,
  /\bhow (long|do|does)\b[^.?!]{0,25}\brefunds?\b/,
  /\b(si|se) (cancelo|cancelar|eu cancelar|cancelamos|cancelarmos)\b|\b(jika|kalau) (saya |kami )?(batal|membatalkan)\b|\bneu (toi )?huy\b/,
];

const MEDICAL: RegExp[] = [
  /\b(allerg\w*|alerg\w*|anaphyla\w*|epipen|reaction|rash|hives|infection|infected|bleed\w*|pregnan\w*|breast ?feed\w*|medication|medicine|meds|prescribed|antibiotic\w*|blood thinner\w*|symptoms?|swollen|swelling|itch\w*|blister\w*|injur\w*|painful|hurting|fever|vomit\w*|throwing up|dizzy|faint\w*|food poisoning|unwell|asthma\w*|diabet\w*|epilep\w*|seizure|side effects?|coeliac|celiac|intoleran\w*)\b/,
  // A burn, a pain or a hurt felt, not asked about ("does waxing hurt?", "pain-free", "fat burning").
  /(?<!\b(fat|calorie|calories) )\bburn(ed|t|s|ing)?\b|\bpain\b(?![- ]free)|(?<!\b(does|do|will|would|did|can) (it|this|that|waxing|threading|laser|a tattoo|the \w+) )\bhurts?\b/,
  /\bprescription\b(?! (glasses|lenses|sunglasses|goggles|frames|eyewear))/,
  /\bsick\b(?!\s+of)|\b(feel|feeling|felt|fell|got|getting) (ill|sick|unwell)\b/,
  /\b(is|are|would|will) (it|this|that|they|these|those) (be )?(really |actually )?(safe|dangerous|harmful)\b/,
  /\bsafe (for|to (use|take|eat|drink|apply|have|do|get)|during|while|with)\b/,
  /\b(alergi\w*|alergic\w*|reaccion|sarpullido|embarazada|embarazo|lactancia|medicament\w*|sintomas?|dolor|herida|lesion|hinchad[oa]|picazon|quemadura|intoxicacion|es seguro)\b/,
  /\b(reacao|gravida|gravidez|amamenta\w*|remedio|dor|ferida|lesao|inchad[oa]|coceira|queimadura|intoxicacao|e seguro)\b/,
  /\b(alahan|ruam|hamil|mengandung|menyusu|ubat|sakit|gatal|bengkak|cedera|luka|melecur|keracunan)\b|\b(adakah|apakah)\b[^.?!]{0,20}\bselamat\b|\bselamat (ke|tak|untuk)\b/,
  /\b(di ung|phat ban|mang thai|co thai|uong thuoc|thuoc khang sinh|trieu chung|bi dau|bi sung|sung len|ngua|bi thuong|ngo doc|co an toan)\b/,
];

const LEGAL: RegExp[] = [
  /\b(lawyer|attorney|solicitor|suing|lawsuit|legal action|legal advice|small claims|court case|trading standards|ombudsman|gdpr|data protection|libel|defamation)\b/,
  // "Sue" is also a name: the verb comes after someone who will do it.
  /\b(will|to|gonna|i'll|we'll|i|we|can|could|should|might|and)\s+sue\b|\bsued\b/,
  /\b(call|calling|contact|phone|report (you |this |it |them )?to) the police\b|\bpolice report\b/,
  /\b(take|taking|see) (you|this|them|it|u) (to|in) court\b|\bin court\b/,
  /\bconsumer (protection|rights|council|affairs|tribunal)\b|\breport (you|u|this|your|the business|the hotel|the shop|the salon)\b/,
  /\bdelete (all )?(of )?my (data|information|info|details|personal)\b/,
  /\b(abogad[oa]|demandar\w*|denuncia\w*|accion (legal|judicial)|juzgado|defensa del consumidor|profeco)\b/,
  /\b(advogad[oa]|processar|processarei|processo judicial|acao judicial|procon|reclame aqui|juizado)\b/,
  /\b(peguam|saman|mahkamah|tindakan undang-undang|tribunal tuntutan|(lapor|panggil|report) polis)\b|\blapor(kan)? (kamu|anda|syarikat|awak)\b/,
  /\b(luat su|toa an|khieu kien|(bao|goi) cong an)\b|\b(se|toi) kien\b|\bkien (cac|ban|cong|khach|cua)\b/,
];

const any = (patterns: RegExp[], text: string) => patterns.some((p) => p.test(text));

/** Whether a refund or the money is disputed or asked for, rather than the policy asked about. */
function isBillingDispute(text: string): boolean {
  if (any(BILLING_DISPUTE, text)) return true;
  return REFUND_WORDS.test(text) && !any(REFUND_INFORMATIONAL, text);
}

/**
 * The topic of a message that a person must handle, or null. First match wins, in this order: a person asked for
 * (their own words say so), then safety (a medical question outranks the complaint it comes with), legal threats,
 * money, and complaints.
 */
export function escalationTopic(text: string): EscalationTopic | null {
  const folded = fold(text);
  if (any(HUMAN_REQUEST, folded)) return "human_request";
  if (any(MEDICAL, folded)) return "medical";
  if (any(LEGAL, folded)) return "legal";
  if (isBillingDispute(folded)) return "billing";
  if (any(COMPLAINT, folded) || (DAMAGED.test(folded) && !HYPOTHETICAL.test(folded))) return "complaint";
  return null;
}

// ---------------------------------------------------------------------------------------------------------------------
// Small talk

export type SmallTalk = "greeting" | "thanks" | "goodbye";

const phrases = (list: string) => list.split("|").map((p) => p.trim().split(/\s+/));
const GREETINGS = phrases(
  "hi|hii|hello|helo|hellow|hallo|halo|hey|heyy|heya|hiya|yo|howdy|hai|good morning|good afternoon|good evening|good day|morning|evening|greetings|hi again|hello again|" +
    "anyone there|anybody there|someone there|somebody there|is anyone there|is anybody there|is someone there|are you there|you there|u there|hello anyone|" +
    "hola|buenos dias|buenas tardes|buenas noches|buenas|ola|oi|bom dia|boa tarde|boa noite|bonjour|salut|guten tag|" +
    "selamat pagi|selamat petang|selamat tengah hari|selamat malam|selamat sejahtera|assalamualaikum|salam|xin chao|chao|chao ban|chao anh|chao chi|chao em",
);
const THANKS = phrases(
  "thanks|thank you|thank u|thankyou|thanku|thx|thnx|thanx|thks|ty|tysm|cheers|ta|much appreciated|appreciated|appreciate it|many thanks|" +
    "gracias|muchas gracias|mil gracias|obrigado|obrigada|muito obrigado|muito obrigada|valeu|merci|merci beaucoup|danke|danke schon|" +
    "terima kasih|terima kasih banyak|makasih|trima kasih|tq|cam on|cam on ban|cam on nhieu|cam on nhe|cam on a|cam on anh|cam on chi",
);
const GOODBYES = phrases(
  "bye|bye bye|byebye|byee|goodbye|good bye|see you|see ya|cya|see you soon|see you later|see you then|later|take care|good night|goodnight|" +
    "have a nice day|have a good day|have a great day|have a nice evening|have a good evening|have a good night|have a nice weekend|have a good weekend|have a lovely day|" +
    "adios|hasta luego|hasta pronto|hasta manana|chau|tchau|ate logo|ate mais|ate amanha|au revoir|tschuss|" +
    "selamat tinggal|selamat jalan|jumpa lagi|bye bye|tam biet|chao tam biet|hen gap lai",
);
// Words that come with small talk and carry no question: acknowledgements, intensifiers, addressees.
const FILLERS = phrases(
  "ok|okay|okey|okie|k|kk|alright|all right|great|perfect|awesome|cool|nice|lovely|brilliant|super|fine|good|wonderful|excellent|amazing|fantastic|" +
    "got it|understood|sounds good|that's all|thats all|that is all|that's it|thats it|nothing else|all good|no worries|" +
    "so much|very much|a lot|lots|again|for the help|for your help|for helping|for everything|for that|for the info|for the information|" +
    "guys|team|all|there|everyone|so|and|oh|ah|you|u|ya|you too|bro|mate|dear|sir|madam|for now|then|really|" +
    "vale|perfecto|genial|listo|muy amable|beleza|otimo|perfeito|ta bom|certo|baik|bagus|banyak|ya|nhieu|nhe|ban|a|vang|duoc roi|oke",
);
const ACKNOWLEDGEMENTS = new Set(["ok", "okay", "okey", "okie", "k", "kk", "alright", "great", "perfect", "awesome", "cool", "got it", "understood", "sounds good", "that's all", "thats all", "all good", "oke", "vale", "perfecto", "beleza", "otimo", "perfeito", "ta bom", "baik", "duoc roi"]);

type Phrase = { words: string[]; kind: SmallTalk | "filler" };
const PHRASES: Phrase[] = [
  ...GOODBYES.map((words) => ({ words, kind: "goodbye" as const })),
  ...THANKS.map((words) => ({ words, kind: "thanks" as const })),
  ...GREETINGS.map((words) => ({ words, kind: "greeting" as const })),
  ...FILLERS.map((words) => ({ words, kind: "filler" as const })),
].sort((a, b) => b.words.length - a.words.length);

/**
 * Whether the whole message is small talk, and which: every word belongs to a greeting, a thank-you, a goodbye or
 * the acknowledgements that come with them ("ok, thanks, bye!"). A question beside it ("thanks, what time is
 * checkout?") makes it a question. A goodbye outranks thanks, thanks a greeting; a bare "ok" is taken as thanks.
 */
export function smallTalk(text: string): SmallTalk | null {
  if (text.length > 120) return null;
  const words = fold(text)
    .replace(/[^\p{L}\p{N}'\s]+/gu, " ")
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0) return null;
  const kinds = new Set<SmallTalk>();
  let acknowledged = false;
  let i = 0;
  while (i < words.length) {
    const found = PHRASES.find((p) => p.words.every((w, j) => words[i + j] === w));
    if (!found) return null;
    if (found.kind === "filler") acknowledged ||= ACKNOWLEDGEMENTS.has(found.words.join(" "));
    else kinds.add(found.kind);
    i += found.words.length;
  }
  if (kinds.has("goodbye")) return "goodbye";
  if (kinds.has("thanks")) return "thanks";
  if (kinds.has("greeting")) return "greeting";
  return acknowledged ? "thanks" : null;
}

// ---------------------------------------------------------------------------------------------------------------------
// Opening hours, or the time of something else

// The business itself, as customers name it.
// Not "the restaurant", "the bar" or "the pool": in a hotel those are facilities with hours of their own.
const BUSINESS =
  "(you|u|ya|ye|y'all|you guys|you all|we|it|the (shop|store|salon|clinic|office|business|studio|boutique|pharmacy|place|bakery|practice|surgery|centre|center|hotel|guesthouse|guest house|hostel|b&b))";
const OPEN_VERB = "(open|opened|opening|opens|close|closing|closes|closed|shut|shutting)";

// Words that may stand before "opening times" without naming another thing's ("spa opening times" is the spa's):
// determiners, pronouns, question words, prepositions, and the days and seasons the hours are asked for.
const BEFORE_OPENING =
  "(your|the|their|our|what|what's|whats|are|is|of|for|on|about|over|during|at|in|and|usual|normal|regular|current|new|today's|todays|tomorrow's|" +
  "weekend|weekday|holiday|holidays|bank|public|christmas|easter|summer|winter|spring|autumn|monday|tuesday|wednesday|thursday|friday|saturday|sunday|please|pls|hi|hello)";

const BUSINESS_HOURS: RegExp[] = [
  new RegExp(`(^\\W*|\\b${BEFORE_OPENING}\\W+)(opening|business|working|trading|operating) (hours|times)\\b`),
  /\b(office|shop|store|salon|clinic) (hours|times)\b|\byour (hours|times|schedule)\b/,
  /^\W*(hours|opening|open|opening hours)\W*(please|pls|plz)?\W*$/,
  new RegExp(`\\b${BUSINESS}\\s+(still\\s+|even\\s+|usually\\s+|normally\\s+)?${OPEN_VERB}\\b`),
  new RegExp(`\\b(are|r|is)\\s+${BUSINESS}\\b[^.?!]{0,20}\\b${OPEN_VERB}\\b`),
  // "Open on Sunday?", "closed on bank holidays?": no subject, so the business.
  /^\W*(are you |r u )?(open|opened|closed|close|shut)\b(?!\s+(a|an|the|my)\b)/,
  /\bhorarios?( de (funcionamento|apertura|atencion|atendimento|abertura))?\b(?!\s+(del?|da|do|das|dos)\s)/,
  /\b(abren|abres|cierran|cierras|estan abiertos|esta abierto|abrem|fecham|estao abertos|voces abrem)\b|\b(la tienda|el salon|la clinica|la oficina|a loja|o salao|a clinica|o escritorio) (abre|cierra|fecha)\b/,
  // When the customer may come by is when the business is open ("how late can I drop in?").
  /\b(what time|when|how late|how early|until when|till when|until what time)\b[^.?!]{0,15}\b(i|we)\s+(can\s+|could\s+)?(come|drop|pop|stop by|walk in|visit|call|ring|phone)\b(?! (to|for) (check|pick|collect))/,
  /\bwaktu (operasi|perniagaan|buka|pejabat)\b|\b(kedai|premis|klinik|salon|pejabat|kamu|anda|awak)\b[^.?!]{0,12}\b(buka|tutup)\b/,
  /\b(gio mo cua|mo cua|dong cua|gio lam viec)\b/,
];

const TIME_OF_SOMETHING: RegExp[] = [
  /\b(what time|which time|at what time|from what time|until when|till when|til when|how late|how early|when)\b/,
  new RegExp(`\\b(is|are|does|do|will|when|till|until)\\s+(the|your|a)\\s+[\\p{L} -]{2,24}?\\s+${OPEN_VERB}\\b`, "u"),
  /\b[\p{L}-]+ (hours|times)\b/u,
  /\b(a que hora|a que horas|que horas|cuando|quando|pukul berapa|jam berapa|bila|may gio|luc may gio|bao gio|khi nao)\b/,
];

/**
 * What a question asks about time: "business" for the business's own opening hours (the opening_hours tool answers),
 * "other" for the time of something else (breakfast, check-out, a class, the pool: the knowledge answers), null when
 * it asks no time at all. The business is asked about when it is the subject ("are you open", "when does the shop
 * close") or named by its hours ("opening times"); anything else timed is something else.
 */
export function hoursQuestion(text: string): "business" | "other" | null {
  const folded = fold(text);
  if (any(BUSINESS_HOURS, folded)) return "business";
  if (any(TIME_OF_SOMETHING, folded)) return "other";
  return null;
}
