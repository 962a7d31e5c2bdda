// The chat inside the widget's iframe: a small vanilla bundle (no framework), talking to /api/widget/* on its own
// origin. It keeps the visitor's token in the iframe's storage, so a returning visitor sees their conversation.
import { readableTextColour } from "../colour";
import { renderMarkdown } from "./markdown";
import { newMessageId } from "./ids";
import { keepLive } from "./live";
import { acceptedFromParent, embedderOrigin, targetOriginFor, type FrameToParent } from "./parent-origin";
import { SseParser, type ReplyMeta, type Source } from "./stream";
import { chatStyles } from "./styles";

type FrameConfig = {
  key: string;
  businessName: string;
  color: string;
  position: "right" | "left";
  greeting: string;
  avatarUrl: string | null;
  privacyNotice: string;
  linkHosts: string[];
  hours: { openNow: boolean; afterHoursLine: string | null; todayLabel: string };
  parentOrigin: string | null;
};
type Status = ReplyMeta["status"];
type Message = { id: string; role: "customer" | "ai" | "agent" | "system"; content: string; sources: Source[]; quickReplies: string[] };
type Session = { token: string; email: string | null; conversation: { status: Status; consented: boolean } | null; messages: Message[] };

const MAX = 4000;
const config = JSON.parse(document.getElementById("frontdesk-config")!.textContent!) as FrameConfig;
const parentOrigin = embedderOrigin({ permitted: config.parentOrigin, ancestorOrigins: location.ancestorOrigins, referrer: document.referrer });
// Kept per embedding site too: where a browser shares this frame's storage between sites, another site embedding the
// chat never finds this site's visitor token.
const storageKey = `frontdesk:${config.key}${parentOrigin ? ` ${parentOrigin}` : ""}`;
/** Tells the embedding page something: the token only when it is the confirmed page (see `targetOriginFor`). */
const tellParent = (message: FrameToParent) => {
  const target = targetOriginFor(message, parentOrigin);
  // Opened on its own (a staff-reply email's link), the frame has no page to tell.
  if (target && parent !== window) parent.postMessage(message, target);
};

// Props are plain DOM properties (textContent, ariaLabel, hidden...); typed loosely to keep the compiler fast.
const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, unknown> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};
const store = {
  get: () => {
    try {
      return localStorage.getItem(storageKey);
    } catch {
      return null;
    }
  },
  set: (value: string) => {
    try {
      localStorage.setItem(storageKey, value);
    } catch {
      // Storage blocked (private mode, third-party storage off): the chat works, it just will not be remembered.
    }
  },
};

let token = "";
const SESSION_PATH = "/api/widget/session";
let status: Status = "ai";
let consented = config.privacyNotice === "";
let sending = false;
let lastId: string | null = null;
/** Staff replies on screen: the live stream and the catch-up read may both bring one. */
const shownReplies = new Set<string>();
let emailKnown = false;

document.documentElement.style.setProperty("--brand", config.color);
document.documentElement.style.setProperty("--on-brand", readableTextColour(config.color));
document.head.appendChild(el("style", { textContent: chatStyles }));

const closeButton = el("button", { type: "button", className: "icon", ariaLabel: "Close chat", textContent: "×" });
const header = el(
  "header",
  {},
  config.avatarUrl ? el("img", { src: config.avatarUrl, alt: "", width: 36, height: 36 }) : el("span", { className: "avatar", textContent: config.businessName.slice(0, 1) }),
  el("div", { className: "who" }, el("h1", { textContent: config.businessName }), el("p", { textContent: config.hours.todayLabel })),
  closeButton,
);
const log = el("div", { className: "log", role: "log", ariaLive: "polite", ariaLabel: "Conversation", tabIndex: 0 });
const typing = el("div", { className: "typing", role: "status", hidden: true }, el("span", { className: "sr", textContent: `${config.businessName} is typing` }), el("i"), el("i"), el("i"));
const chips = el("div", { className: "chips" });
const input = el("textarea", { rows: 1, maxLength: MAX, placeholder: "Write a message…", ariaLabel: "Your message" });
const counter = el("span", { className: "counter", ariaLive: "polite" });
const send = el("button", { type: "submit", className: "send", textContent: "Send" });
const composer = el("form", { className: "composer" }, input, send);
const person = el("button", { type: "button", className: "link", textContent: "Talk to a person" });
const emailForm = el(
  "form",
  { className: "email", hidden: true },
  el("label", { htmlFor: "fd-email", textContent: "Leave your email and we'll reply there too" }),
  el("div", { className: "row" }, el("input", { id: "fd-email", type: "email", required: true, autocomplete: "email", placeholder: "you@example.com" }), el("button", { type: "submit", textContent: "Save" })),
);
const consent = el(
  "div",
  { className: "consent", hidden: consented },
  el("p", { textContent: config.privacyNotice }),
  el("button", { type: "button", className: "primary", textContent: "Accept and start" }),
);
const footer = el("footer", {}, chips, consent, composer, el("div", { className: "meta" }, person, counter), emailForm);
document.getElementById("app")!.append(header, log, typing, footer);

function bubble(message: Pick<Message, "role" | "content" | "sources">): HTMLElement {
  const node = el("div", { className: `msg ${message.role}` });
  const label = message.role === "customer" ? "You" : message.role === "agent" ? "Team" : message.role === "system" ? "" : config.businessName;
  if (label) node.appendChild(el("span", { className: "sr", textContent: `${label}: ` }));
  const body = el("div", { className: "body" });
  if (message.role === "customer") body.textContent = message.content;
  else body.appendChild(renderMarkdown(message.content, config.linkHosts));
  node.appendChild(body);
  if (message.sources.length) showSources(node, message.sources);
  log.appendChild(node);
  log.scrollTop = log.scrollHeight;
  return node;
}

function showSources(node: HTMLElement, sources: Source[]) {
  const list = el("ul", { className: "sources", ariaLabel: "Sources" });
  for (const s of sources) list.appendChild(el("li", { textContent: `[${s.n}] ${s.title}` }));
  node.append(el("p", { className: "sources-label", textContent: "Sources" }), list);
}

function showChips(replies: string[]) {
  chips.replaceChildren(...replies.map((text) => {
    const chip = el("button", { type: "button", textContent: text });
    chip.addEventListener("click", () => (/person/i.test(text) ? void askForPerson() : void sendMessage(text)));
    return chip;
  }));
}

function setStatus(next: Status) {
  status = next;
  const withPeople = status === "needs_human" || status === "human";
  // Handed back to the AI (or resolved), the visitor may ask for a person again.
  person.hidden = withPeople;
  if (withPeople && !emailKnown) emailForm.hidden = false;
}

function note(text: string, role: Message["role"] = "system") {
  bubble({ role, content: text, sources: [] });
}

async function api<T>(path: string, body?: unknown): Promise<{ ok: true; data: T } | { ok: false; status: number; message: string }> {
  try {
    // Everything but the session itself needs the visitor's token: a fast visitor's first click waits for it.
    if (path !== SESSION_PATH && !(await sessionReady)) return { ok: false, status: 0, message: "The chat could not start. Please reload the page." };
    const response = await fetch(path, {
      method: body === undefined ? "GET" : "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.ok) return { ok: true, data: (await response.json()) as T };
    const error = ((await response.json().catch(() => ({}))) as { error?: { message?: string } }).error;
    return { ok: false, status: response.status, message: error?.message ?? "Something went wrong. Please try again." };
  } catch {
    return { ok: false, status: 0, message: "You seem to be offline. Check your connection and try again." };
  }
}

/** Sends a message; `fromComposer` clears the box only once the message is really on its way. */
async function sendMessage(text: string, { clientMessageId = newMessageId(), retrying = false, fromComposer = false } = {}) {
  const trimmed = text.trim();
  if (!trimmed || sending) return;
  if (!consented) return consent.querySelector("button")!.focus();
  if (fromComposer) {
    input.value = "";
    counter.textContent = "";
  }
  sending = true;
  send.disabled = true;
  chips.replaceChildren();
  if (!retrying) bubble({ role: "customer", content: trimmed, sources: [] });
  typing.hidden = false;
  let reply: HTMLElement | null = null;
  let textSoFar = "";
  try {
    if (!(await sessionReady)) return;
    const response = await fetch("/api/widget/messages", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ text: trimmed, clientMessageId, ...(config.privacyNotice ? { consent: true } : {}) }),
    });
    if (!response.ok || !response.body) {
      const error = ((await response.json().catch(() => ({}))) as { error?: { message?: string } }).error;
      note(error?.message ?? "Sorry, your message could not be sent.");
      return;
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = new SseParser();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const chunk of parser.push(value)) {
        if (chunk.type === "text-delta") {
          typing.hidden = true;
          textSoFar += chunk.delta;
          reply ??= bubble({ role: "ai", content: "", sources: [] });
          reply.querySelector(".body")!.replaceChildren(renderMarkdown(textSoFar, config.linkHosts));
          log.scrollTop = log.scrollHeight;
        } else if (chunk.type === "data-reply") {
          if (chunk.data.messageId) lastId = chunk.data.messageId;
          if (reply && chunk.data.sources.length) showSources(reply, chunk.data.sources);
          showChips(chunk.data.quickReplies);
          setStatus(chunk.data.status);
        }
      }
    }
  } catch {
    const retry = el("button", { type: "button", className: "link", textContent: "Retry" });
    const line = bubble({ role: "system", content: "Your message could not be sent.", sources: [] });
    line.appendChild(retry);
    retry.addEventListener("click", () => {
      line.remove();
      void sendMessage(trimmed, { clientMessageId, retrying: true });
    });
  } finally {
    typing.hidden = true;
    sending = false;
    send.disabled = false;
  }
}

async function askForPerson() {
  const result = await api<{ status: Status; message: string }>("/api/widget/handoff", config.privacyNotice ? { consent: true } : {});
  if (!result.ok) return note(result.message);
  note(result.data.message);
  setStatus(result.data.status);
}

/**
 * A message from the live stream or the catch-up read. Only staff replies are new to this page: the visitor's own
 * messages and the AI's answers arrived through the reply stream.
 */
function receive(message: Message) {
  lastId = message.id;
  if (message.role !== "agent" || shownReplies.has(message.id)) return;
  shownReplies.add(message.id);
  bubble(message);
}

/** Reads what came after the last message this page has: on every (re)connection, and while the stream is down. */
async function catchUp() {
  const result = await api<{ status: Status | null; messages: Message[] }>(`/api/widget/messages${lastId ? `?after=${lastId}` : ""}`);
  if (!result.ok) return;
  for (const message of result.data.messages) receive(message);
  if (result.data.status) setStatus(result.data.status);
}

/** Takes the session's token: kept in this frame's storage and handed to the embedding page's copy. */
function adopt(next: string) {
  // A new token is a new visitor: what came after the old one's last message is not theirs to read.
  if (token && next !== token) lastId = null;
  token = next;
  store.set(token);
  tellParent({ type: "frontdesk:token", token });
}

/**
 * The live stream refused the token (the widget key was replaced, or the token expired): the session is asked again,
 * as at the start, which resumes a token still good or issues a fresh one. False when the chat cannot go on.
 */
async function reauthorise(): Promise<boolean> {
  const result = await api<Session>(SESSION_PATH, { key: config.key, token });
  if (!result.ok) {
    note("This chat has ended. Please reload the page to start again.");
    return false;
  }
  adopt(result.data.token);
  return true;
}

async function start(): Promise<boolean> {
  // The greeting needs no session: it shows at once, above the history and anything sent meanwhile.
  note(config.greeting, "ai");
  if (!config.hours.openNow && config.hours.afterHoursLine) note(config.hours.afterHoursLine);
  const saved = store.get() ?? new URLSearchParams(location.hash.slice(1)).get("t");
  const result = await api<Session>(SESSION_PATH, { key: config.key, ...(saved ? { token: saved } : {}) });
  if (!result.ok) {
    note(result.message);
    return false;
  }
  adopt(result.data.token);
  emailKnown = result.data.email !== null;
  if (result.data.conversation?.consented) consented = true;
  consent.hidden = consented;
  for (const message of result.data.messages) {
    bubble(message);
    lastId = message.id;
    if (message.role === "agent") shownReplies.add(message.id);
  }
  setStatus(result.data.conversation?.status ?? "ai");
  const last = result.data.messages.at(-1);
  if (last?.role === "ai") showChips(last.quickReplies);
  return true;
}

composer.addEventListener("submit", (event) => {
  event.preventDefault();
  void sendMessage(input.value, { fromComposer: true });
});
input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    composer.requestSubmit();
  }
});
input.addEventListener("input", () => {
  const left = MAX - input.value.length;
  counter.textContent = left < 300 ? `${left} characters left` : "";
});
consent.querySelector("button")!.addEventListener("click", () => {
  consented = true;
  consent.hidden = true;
  input.focus();
});
person.addEventListener("click", () => void askForPerson());
emailForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const field = emailForm.querySelector("input")!;
  const result = await api<{ email: string }>("/api/widget/contact", { email: field.value.trim() });
  if (!result.ok) return note(result.message);
  emailKnown = true;
  emailForm.hidden = true;
  note(`Thanks — we'll also reply to ${result.data.email}.`);
});
const close = () => tellParent({ type: "frontdesk:close" });
closeButton.addEventListener("click", close);
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") close();
});
window.addEventListener("message", (event) => {
  if (acceptedFromParent(event, { parent, parentOrigin }) === "frontdesk:opened") (consented ? input : consent.querySelector("button")!).focus();
});
/** Settles when the visitor's session is open (true) or could not be (false, already said in the chat). */
const sessionReady = start();
void sessionReady.then((ok) => {
  if (!ok) return;
  keepLive({
    open: () => fetch("/api/widget/events", { headers: { authorization: `Bearer ${token}` }, cache: "no-store" }),
    reauthorise,
    onReady: catchUp,
    onEvent: ({ event, data }) => {
      if (event === "message") receive(JSON.parse(data) as Message);
      else if (event === "status") setStatus((JSON.parse(data) as { status: Status }).status);
    },
    poll: catchUp,
  });
});
