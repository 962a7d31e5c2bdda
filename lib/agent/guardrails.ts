import { randomBytes } from "node:crypto";

/** A customer message may be at most this long (the widget and the API say so before anything is stored). */
export const MAX_CUSTOMER_MESSAGE_CHARS = 4000;
/** Replies are capped: a runaway model must not fill the customer's screen (or the token budget). */
export const MAX_REPLY_CHARS = 1800;
export const MAX_REPLY_TOKENS = 600;

// Tag characters (U+E0000–E007F) smuggle invisible instructions to models; zero-width and bidi controls hide text from
// the people reading the conversation. None of them carries meaning a front desk needs.
const INVISIBLE = /[\u{E0000}-\u{E007F}\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD\u180E]/gu;
// Control characters other than tab and newline.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Removes invisible and control characters from text that comes from outside (customers, tools, knowledge). */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, "").replace(CONTROL, "").replace(/\r\n?/g, "\n");
}

/** A fresh secret marker for one system prompt: if it ever appears in a reply, the reply is leaking the prompt. */
export function makeCanary(): string {
  return `FD-CANARY-${randomBytes(9).toString("hex")}`;
}

export const LEAK_REFUSAL = "Sorry, I can't share that. Is there anything else I can help you with about our services?";

/**
 * Filters a streamed reply before it reaches the customer: holds back enough of the tail that a canary split across
 * deltas is still caught, stops at the length cap, and once the canary is seen sends nothing more. The caller sends
 * what `push` and `end` return; `leaked` says the reply must be replaced by the refusal.
 */
export class ReplyGuard {
  private text = "";
  private sent = 0;
  leaked = false;
  truncated = false;

  constructor(
    private readonly canary: string,
    private readonly secrets: readonly string[] = [],
    private readonly maxChars = MAX_REPLY_CHARS,
  ) {}

  private get markers(): string[] {
    return [this.canary, ...this.secrets.filter((s) => s.length >= 12)];
  }

  private get holdBack(): number {
    return Math.max(...this.markers.map((m) => m.length)) - 1;
  }

  /** Adds a delta; returns the text that is now safe to send (possibly ""). */
  push(delta: string): string {
    if (this.leaked || this.truncated) return "";
    this.text += delta;
    if (this.markers.some((m) => this.text.includes(m))) {
      this.leaked = true;
      return "";
    }
    if (this.text.length > this.maxChars) {
      this.truncated = true;
      this.text = cutAtWord(this.text, this.maxChars);
      return this.flush();
    }
    const safeEnd = Math.max(this.sent, this.text.length - this.holdBack);
    const out = this.text.slice(this.sent, safeEnd);
    this.sent = safeEnd;
    return out;
  }

  /** Call at the end of the stream: the held-back tail, unless the reply leaked. */
  end(): string {
    if (this.leaked) return "";
    return this.flush();
  }

  private flush(): string {
    const out = this.text.slice(this.sent);
    this.sent = this.text.length;
    return out;
  }

  /** What the customer actually received (and what is stored). */
  get delivered(): string {
    return this.leaked ? LEAK_REFUSAL : this.text.slice(0, this.sent);
  }
}

function cutAtWord(text: string, max: number): string {
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${space > max * 0.8 ? cut.slice(0, space) : cut}…`;
}
