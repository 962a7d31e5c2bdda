import { isLanguage, type Language } from "@/lib/knowledge/language";
import type { OpeningHours } from "@/lib/db/schema";
import { describeOpeningHours, type HoursState, type Weekday } from "./hours";

/**
 * The assistant's fixed lines (what it says without quoting the knowledge: the hand-off, the hours, greetings and
 * thanks, "I'm not sure", the quick replies) in every language the app detects (lib/knowledge/language.ts). They are
 * written by hand, short and in the register a front desk uses; the offline model and the pipeline pick them by the
 * customer's language, so a Spanish question is handed off in Spanish even when the knowledge is English.
 */

type NextOpen = NonNullable<HoursState["nextOpen"]>;

/** What the assistant can offer to arrange through the team: a booking request, by what the business sells. */
export type Offer = "stay" | "appointment" | "stock" | "class";

type Lines = {
  days: Record<Weekday, string>;
  closed: string;
  handoffOpen: string;
  /** A person takes over while nobody is in: when they will answer, and how the answer can reach the customer. */
  handoffClosed: (next: NextOpen, days: Record<Weekday, string>) => string;
  greeting: string;
  thanks: string;
  goodbye: string;
  notSure: string;
  anythingElse: string;
  didntCatch: string;
  leadSaved: string;
  openNow: (today: string) => string;
  closedNow: (next: NextOpen, days: Record<Weekday, string>) => string;
  hoursHeading: string;
  talkToPerson: string;
  offers: Record<Offer, string>;
};

const LINES: Record<Language, Lines> = {
  en: {
    days: { mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday", fri: "Friday", sat: "Saturday", sun: "Sunday" },
    closed: "closed",
    handoffOpen: "I've asked a member of our team to join — they'll reply here shortly.",
    handoffClosed: (n, d) =>
      `I've passed this to our team. We're closed right now, so they'll reply from ${n.inDays === 0 ? n.time : n.inDays === 1 ? `tomorrow at ${n.time}` : `${d[n.day]} at ${n.time}`}. You can leave your email so the answer reaches you.`,
    greeting: "Hello! How can I help you today?",
    thanks: "You're welcome! Is there anything else I can help with?",
    goodbye: "Thanks for getting in touch. Goodbye!",
    notSure: "I'm not sure about that — a member of our team will be able to help.",
    anythingElse: "Is there anything else I can help you with?",
    didntCatch: "Sorry, I didn't catch that. Could you rephrase your question?",
    leadSaved: "Thanks — I've passed your details to the team and they'll be in touch.",
    openNow: (today) => `We're open now (today ${today}).`,
    closedNow: (n, d) => `We're closed right now and open again ${n.inDays === 0 ? `at ${n.time}` : n.inDays === 1 ? `tomorrow at ${n.time}` : `${d[n.day]} at ${n.time}`}.`,
    hoursHeading: "Our opening hours:",
    talkToPerson: "Talk to a person",
    offers: {
      stay: "Ask the team to check availability",
      appointment: "Ask the team for an appointment",
      stock: "Ask the team to check stock",
      class: "Ask the team about a class",
    },
  },
  es: {
    days: { mon: "lunes", tue: "martes", wed: "miércoles", thu: "jueves", fri: "viernes", sat: "sábado", sun: "domingo" },
    closed: "cerrado",
    handoffOpen: "He pedido a alguien de nuestro equipo que se una a la conversación; te responderá aquí en breve.",
    handoffClosed: (n, d) =>
      `He pasado tu consulta a nuestro equipo. Ahora estamos cerrados, así que te responderán ${esWhen(n, d)}. Puedes dejar tu correo electrónico para que te llegue la respuesta.`,
    greeting: "¡Hola! ¿En qué puedo ayudarte?",
    thanks: "¡De nada! ¿Puedo ayudarte en algo más?",
    goodbye: "Gracias por escribirnos. ¡Hasta pronto!",
    notSure: "No estoy seguro de eso; alguien de nuestro equipo podrá ayudarte.",
    anythingElse: "¿Puedo ayudarte en algo más?",
    didntCatch: "Perdona, no te he entendido. ¿Puedes escribir tu pregunta de otra forma?",
    leadSaved: "Gracias, he pasado tus datos al equipo y se pondrán en contacto contigo.",
    openNow: (today) => `Ahora estamos abiertos (hoy ${today}).`,
    closedNow: (n, d) => `Ahora estamos cerrados; volvemos a abrir ${esWhen(n, d)}.`,
    hoursHeading: "Nuestro horario:",
    talkToPerson: "Hablar con una persona",
    offers: {
      stay: "Pedir al equipo que consulte la disponibilidad",
      appointment: "Pedir una cita al equipo",
      stock: "Pedir al equipo que consulte si hay existencias",
      class: "Preguntar al equipo por una clase",
    },
  },
  pt: {
    days: { mon: "segunda-feira", tue: "terça-feira", wed: "quarta-feira", thu: "quinta-feira", fri: "sexta-feira", sat: "sábado", sun: "domingo" },
    closed: "fechado",
    handoffOpen: "Pedi a uma pessoa da nossa equipe para entrar na conversa — ela vai responder aqui em breve.",
    handoffClosed: (n, d) =>
      `Passei sua pergunta para a nossa equipe. Estamos fechados agora, então a resposta chega ${ptWhen(n, d)}. Você pode deixar seu e-mail para receber a resposta.`,
    greeting: "Olá! Como posso ajudar?",
    thanks: "De nada! Posso ajudar em mais alguma coisa?",
    goodbye: "Obrigado pelo contacto. Até breve!",
    notSure: "Não tenho certeza sobre isso — alguém da nossa equipe poderá ajudar.",
    anythingElse: "Posso ajudar em mais alguma coisa?",
    didntCatch: "Desculpe, não entendi. Pode reformular a pergunta?",
    leadSaved: "Obrigado! Passei seus dados para a equipe e eles vão entrar em contato.",
    openNow: (today) => `Estamos abertos agora (hoje ${today}).`,
    closedNow: (n, d) => `Estamos fechados agora e abrimos de novo ${ptWhen(n, d)}.`,
    hoursHeading: "Nosso horário:",
    talkToPerson: "Falar com uma pessoa",
    offers: {
      stay: "Pedir à equipe para verificar a disponibilidade",
      appointment: "Pedir à equipe para marcar um horário",
      stock: "Pedir à equipe para verificar o estoque",
      class: "Perguntar à equipe sobre uma aula",
    },
  },
  fr: {
    days: { mon: "lundi", tue: "mardi", wed: "mercredi", thu: "jeudi", fri: "vendredi", sat: "samedi", sun: "dimanche" },
    closed: "fermé",
    handoffOpen: "J'ai demandé à un membre de notre équipe de vous rejoindre — il vous répondra ici sous peu.",
    handoffClosed: (n, d) =>
      `J'ai transmis votre question à notre équipe. Nous sommes fermés pour le moment : vous aurez une réponse ${n.inDays === 0 ? "" : n.inDays === 1 ? "demain " : `${d[n.day]} `}dès ${n.time}. Vous pouvez laisser votre e-mail pour recevoir la réponse.`,
    greeting: "Bonjour ! Comment puis-je vous aider ?",
    thanks: "Avec plaisir ! Puis-je vous aider pour autre chose ?",
    goodbye: "Merci de nous avoir écrit. À bientôt !",
    notSure: "Je ne suis pas sûr de la réponse — un membre de notre équipe pourra vous aider.",
    anythingElse: "Puis-je vous aider pour autre chose ?",
    didntCatch: "Désolé, je n'ai pas bien compris. Pouvez-vous reformuler votre question ?",
    leadSaved: "Merci ! J'ai transmis vos coordonnées à l'équipe, qui vous recontactera.",
    openNow: (today) => `Nous sommes ouverts en ce moment (aujourd'hui ${today}).`,
    closedNow: (n, d) => `Nous sommes fermés pour le moment et rouvrons ${n.inDays === 0 ? "" : n.inDays === 1 ? "demain " : `${d[n.day]} `}à ${n.time}.`,
    hoursHeading: "Nos horaires :",
    talkToPerson: "Parler à une personne",
    offers: {
      stay: "Demander à l'équipe de vérifier les disponibilités",
      appointment: "Demander un rendez-vous à l'équipe",
      stock: "Demander à l'équipe de vérifier le stock",
      class: "Demander à l'équipe pour un cours",
    },
  },
  de: {
    days: { mon: "Montag", tue: "Dienstag", wed: "Mittwoch", thu: "Donnerstag", fri: "Freitag", sat: "Samstag", sun: "Sonntag" },
    closed: "geschlossen",
    handoffOpen: "Ich habe jemanden aus unserem Team dazugeholt – Sie bekommen hier gleich eine Antwort.",
    handoffClosed: (n, d) =>
      `Ich habe Ihre Frage an unser Team weitergegeben. Wir haben gerade geschlossen, Sie bekommen ${n.inDays === 0 ? "" : n.inDays === 1 ? "morgen " : `am ${d[n.day]} `}ab ${n.time} eine Antwort. Hinterlassen Sie gern Ihre E-Mail-Adresse, damit die Antwort Sie erreicht.`,
    greeting: "Hallo! Wie kann ich Ihnen helfen?",
    thanks: "Gern geschehen! Kann ich sonst noch helfen?",
    goodbye: "Danke für Ihre Nachricht. Auf Wiedersehen!",
    notSure: "Da bin ich mir nicht sicher – jemand aus unserem Team kann Ihnen weiterhelfen.",
    anythingElse: "Kann ich sonst noch helfen?",
    didntCatch: "Entschuldigung, das habe ich nicht verstanden. Können Sie Ihre Frage anders formulieren?",
    leadSaved: "Danke! Ich habe Ihre Kontaktdaten an unser Team weitergegeben, es meldet sich bei Ihnen.",
    openNow: (today) => `Wir haben gerade geöffnet (heute ${today}).`,
    closedNow: (n, d) => `Wir haben gerade geschlossen und öffnen wieder ${n.inDays === 0 ? "" : n.inDays === 1 ? "morgen " : `am ${d[n.day]} `}um ${n.time}.`,
    hoursHeading: "Unsere Öffnungszeiten:",
    talkToPerson: "Mit einer Person sprechen",
    offers: {
      stay: "Das Team nach freien Zimmern fragen",
      appointment: "Beim Team einen Termin anfragen",
      stock: "Das Team fragen, ob es vorrätig ist",
      class: "Das Team nach einem Kurs fragen",
    },
  },
  it: {
    days: { mon: "lunedì", tue: "martedì", wed: "mercoledì", thu: "giovedì", fri: "venerdì", sat: "sabato", sun: "domenica" },
    closed: "chiuso",
    handoffOpen: "Ho chiesto a una persona del nostro team di unirsi alla chat: ti risponderà qui a breve.",
    handoffClosed: (n, d) =>
      `Ho passato la tua domanda al nostro team. Ora siamo chiusi, quindi ti risponderanno ${itDay(n, d)}${n.time.startsWith("1:") ? "dall'" : "dalle "}${n.time}. Puoi lasciare la tua email per ricevere la risposta.`,
    greeting: "Ciao! Come posso aiutarti?",
    thanks: "Prego! Posso aiutarti in qualcos'altro?",
    goodbye: "Grazie per averci scritto. A presto!",
    notSure: "Non ne sono sicuro: una persona del nostro team potrà aiutarti.",
    anythingElse: "Posso aiutarti in qualcos'altro?",
    didntCatch: "Scusa, non ho capito. Puoi riformulare la domanda?",
    leadSaved: "Grazie! Ho passato i tuoi dati al team, ti contatteranno presto.",
    openNow: (today) => `Ora siamo aperti (oggi ${today}).`,
    closedNow: (n, d) => `Ora siamo chiusi e riapriamo ${itDay(n, d)}${n.time.startsWith("1:") ? "all'" : "alle "}${n.time}.`,
    hoursHeading: "I nostri orari:",
    talkToPerson: "Parla con una persona",
    offers: {
      stay: "Chiedi al team di verificare la disponibilità",
      appointment: "Chiedi un appuntamento al team",
      stock: "Chiedi al team se è disponibile",
      class: "Chiedi al team informazioni su un corso",
    },
  },
  ms: {
    days: { mon: "Isnin", tue: "Selasa", wed: "Rabu", thu: "Khamis", fri: "Jumaat", sat: "Sabtu", sun: "Ahad" },
    closed: "tutup",
    handoffOpen: "Saya telah meminta seorang kakitangan kami menyertai perbualan ini — mereka akan membalas di sini sebentar lagi.",
    handoffClosed: (n, d) =>
      `Saya telah menyerahkan soalan anda kepada pasukan kami. Kami tutup sekarang, jadi mereka akan membalas mulai ${msWhen(n, d)}. Anda boleh tinggalkan e-mel supaya jawapannya sampai kepada anda.`,
    greeting: "Hai! Apa yang boleh saya bantu?",
    thanks: "Sama-sama! Ada apa-apa lagi yang boleh saya bantu?",
    goodbye: "Terima kasih kerana menghubungi kami. Selamat tinggal!",
    notSure: "Saya kurang pasti tentang itu — kakitangan kami boleh membantu anda.",
    anythingElse: "Ada apa-apa lagi yang boleh saya bantu?",
    didntCatch: "Maaf, saya kurang faham. Boleh anda tanya dengan cara lain?",
    leadSaved: "Terima kasih! Saya telah menyerahkan butiran anda kepada pasukan kami dan mereka akan menghubungi anda.",
    openNow: (today) => `Kami dibuka sekarang (hari ini ${today}).`,
    closedNow: (n, d) => `Kami tutup sekarang dan akan dibuka semula ${n.inDays === 0 ? "pada " : ""}${msWhen(n, d)}.`,
    hoursHeading: "Waktu operasi kami:",
    talkToPerson: "Bercakap dengan kakitangan",
    offers: {
      stay: "Minta pasukan semak kekosongan bilik",
      appointment: "Minta pasukan aturkan temu janji",
      stock: "Minta pasukan semak stok",
      class: "Tanya pasukan tentang kelas",
    },
  },
  vi: {
    days: { mon: "Thứ Hai", tue: "Thứ Ba", wed: "Thứ Tư", thu: "Thứ Năm", fri: "Thứ Sáu", sat: "Thứ Bảy", sun: "Chủ Nhật" },
    closed: "đóng cửa",
    handoffOpen: "Tôi đã nhờ một nhân viên của chúng tôi tham gia — họ sẽ trả lời bạn tại đây trong giây lát.",
    handoffClosed: (n, d) =>
      `Tôi đã chuyển câu hỏi của bạn cho đội ngũ của chúng tôi. Hiện chúng tôi đang đóng cửa, nhân viên sẽ trả lời bạn từ ${viWhen(n, d)}. Bạn có thể để lại email để nhận câu trả lời.`,
    greeting: "Xin chào! Tôi có thể giúp gì cho bạn?",
    thanks: "Không có gì ạ! Bạn cần hỗ trợ thêm gì không?",
    goodbye: "Cảm ơn bạn đã liên hệ. Hẹn gặp lại!",
    notSure: "Tôi chưa chắc về điều này — nhân viên của chúng tôi sẽ giúp bạn.",
    anythingElse: "Bạn cần hỗ trợ thêm gì không?",
    didntCatch: "Xin lỗi, tôi chưa hiểu ý bạn. Bạn có thể hỏi theo cách khác không?",
    leadSaved: "Cảm ơn bạn! Tôi đã chuyển thông tin của bạn cho đội ngũ của chúng tôi, họ sẽ liên hệ với bạn.",
    openNow: (today) => `Hiện chúng tôi đang mở cửa (hôm nay ${today}).`,
    closedNow: (n, d) => `Hiện chúng tôi đang đóng cửa và sẽ mở lại lúc ${viWhen(n, d)}.`,
    hoursHeading: "Giờ mở cửa:",
    talkToPerson: "Nói chuyện với nhân viên",
    offers: {
      stay: "Nhờ nhân viên kiểm tra phòng trống",
      appointment: "Nhờ nhân viên đặt lịch hẹn",
      stock: "Nhờ nhân viên kiểm tra hàng còn không",
      class: "Hỏi nhân viên về lớp học",
    },
  },
};

// "a la 1:00" but "a las 9:00"; "à 1:00" but "às 9:00": the article follows the hour.
function esWhen(n: NextOpen, d: Record<Weekday, string>) {
  const at = `${n.time.startsWith("1:") ? "a la" : "a las"} ${n.time}`;
  return n.inDays === 0 ? at : n.inDays === 1 ? `mañana ${at}` : `el ${d[n.day]} ${at}`;
}
function ptWhen(n: NextOpen, d: Record<Weekday, string>) {
  const at = `${n.time.startsWith("1:") ? "à" : "às"} ${n.time}`;
  const on = n.day === "sat" || n.day === "sun" ? "no" : "na";
  return n.inDays === 0 ? at : n.inDays === 1 ? `amanhã ${at}` : `${on} ${d[n.day]} ${at}`;
}
const itDay = (n: NextOpen, d: Record<Weekday, string>) => (n.inDays === 0 ? "" : n.inDays === 1 ? "domani " : `${d[n.day]} `);
const msWhen = (n: NextOpen, d: Record<Weekday, string>) =>
  n.inDays === 0 ? `pukul ${n.time}` : n.inDays === 1 ? `esok, pukul ${n.time}` : `hari ${d[n.day]}, pukul ${n.time}`;
const viWhen = (n: NextOpen, d: Record<Weekday, string>) => (n.inDays === 0 ? n.time : n.inDays === 1 ? `${n.time} ngày mai` : `${n.time} ${d[n.day]}`);

/** The lines in the customer's language; English for a language the app does not detect. */
export function linesFor(language: string): Omit<Lines, "handoffClosed" | "closedNow"> {
  return LINES[isLanguage(language) ? language : "en"];
}

/** What the customer is told when a person takes over: honest about when that will be, in their language. */
export function handoffLine(hours: HoursState, language = "en"): string {
  const lines = LINES[isLanguage(language) ? language : "en"];
  if (hours.openNow || hours.nextOpen === null) return lines.handoffOpen;
  return lines.handoffClosed(hours.nextOpen, lines.days);
}

/** The opening-hours answer from the business's profile: open now or when it opens next, then the week. */
export function openingHoursLine(hours: HoursState, openingHours: OpeningHours, language = "en"): string {
  const lines = LINES[isLanguage(language) ? language : "en"];
  const now =
    hours.openNow || hours.nextOpen === null ? lines.openNow(hours.todayIntervals.join(", ")) : lines.closedNow(hours.nextOpen, lines.days);
  const week = describeOpeningHours(openingHours, { days: lines.days, closed: lines.closed });
  return `${now} ${lines.hoursHeading}\n${week
    .split("\n")
    .map((line) => `- ${line}`)
    .join("\n")}`;
}

/**
 * What a business of this vertical can ask its team to arrange: a hotel checks availability, a salon or clinic gives
 * an appointment, a shop checks stock, a school or gym a class. Nothing for a business of another kind. Bookings are
 * not a feature yet, so the offer is to pass the request to a person, never to book.
 */
export function offerFor(vertical: string): Offer | null {
  switch (vertical) {
    case "hotel":
      return "stay";
    case "salon":
    case "clinic":
      return "appointment";
    case "retail":
      return "stock";
    case "academy":
    case "fitness":
      return "class";
    default:
      return null;
  }
}

const normalise = (text: string) => text.normalize("NFC").trim().replace(/\s+/g, " ").replace(/[.!?]+$/, "").toLowerCase();
const OFFER_LABELS = new Map<string, { offer: Offer; language: Language }>(
  (Object.entries(LINES) as [Language, Lines][]).flatMap(([language, lines]) =>
    (Object.entries(lines.offers) as [Offer, string][]).map(([offer, label]) => [normalise(label), { offer, language }]),
  ),
);

/**
 * The offer a message is (a quick reply's exact words, in any language) and the language of those words, or null for
 * anything else the customer wrote.
 */
export function offerAskedFor(text: string): { offer: Offer; language: Language } | null {
  return OFFER_LABELS.get(normalise(text)) ?? null;
}

const PERSON_LABELS = new Map<string, Language>((Object.entries(LINES) as [Language, Lines][]).map(([language, lines]) => [normalise(lines.talkToPerson), language]));

/**
 * The language of the "Talk to a person" chip when a message is its exact words: the chip must hand off in every
 * language, also in those whose own ways of asking for a person the intent patterns do not know.
 */
export function personAskedFor(text: string): Language | null {
  return PERSON_LABELS.get(normalise(text)) ?? null;
}

/** For the staff member's hand-off summary, which is written in the app's language. */
export const OFFER_SUMMARIES: Record<Offer, string> = {
  stay: "Would like the team to check availability",
  appointment: "Would like an appointment",
  stock: "Would like the team to check stock",
  class: "Would like to join a class",
};
