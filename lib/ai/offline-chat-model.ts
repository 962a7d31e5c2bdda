import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from "@ai-sdk/provider";
import { composeAnswer, type Passage } from "@/lib/agent/answer";
import { hasTopicWords } from "@/lib/agent/support";
import { detectIntent, withoutContactDetails } from "@/lib/agent/intent";
import { linesFor } from "@/lib/agent/lines";
import { detectLanguageOf, LANGUAGE_NAMES } from "@/lib/knowledge/language";

export const OFFLINE_CHAT_MODEL = "offline-extractive-v1";

type ToolCall = { toolName: string; input: Record<string, unknown> };
type Turn = { text: string; toolCalls: ToolCall[] };

type ToolResult = { toolName: string; value: unknown };

const userText = (message: LanguageModelV4Prompt[number]) =>
  message.role === "user" ? message.content.flatMap((p) => (p.type === "text" ? [p.text] : [])).join(" ") : "";

/** The customer's latest message and the tool results this turn has produced since. */
function readTurn(prompt: LanguageModelV4Prompt): { question: string; results: ToolResult[] } {
  let lastUser = -1;
  prompt.forEach((m, i) => {
    if (m.role === "user") lastUser = i;
  });
  const results: ToolResult[] = [];
  for (const message of prompt.slice(lastUser + 1)) {
    if (message.role !== "tool") continue;
    for (const part of message.content) {
      if (part.type !== "tool-result") continue;
      const output = part.output;
      results.push({ toolName: part.toolName, value: output.type === "json" || output.type === "text" ? output.value : null });
    }
  }
  return { question: lastUser >= 0 ? userText(prompt[lastUser]!).trim() : "", results };
}

const asRecord = (value: unknown): Record<string, unknown> => (value && typeof value === "object" ? (value as Record<string, unknown>) : {});

function passagesOf(value: unknown): Passage[] {
  const list = asRecord(value).passages;
  if (!Array.isArray(list)) return [];
  return list.flatMap((p) => {
    const r = asRecord(p);
    return typeof r.n === "number" && typeof r.text === "string"
      ? [{ n: r.n, title: String(r.title ?? ""), heading: String(r.heading ?? ""), text: r.text }]
      : [];
  });
}

/**
 * What the offline model does with a prompt. It follows the same loop a hosted model does: first it picks tools from
 * the customer's words (a person, a contact to save, or a knowledge search), then, once the results are in, it writes
 * an extractive answer from the passages with their citations, or hands off when nothing relevant came back.
 */
function decide(options: LanguageModelV4CallOptions): Turn {
  const offered = new Set((options.tools ?? []).map((t) => t.name));
  const { question, results } = readTurn(options.prompt);
  const { intent, contact } = detectIntent(question);
  // What is searched for and answered: the question without the contact details that came with it.
  const bare = withoutContactDetails(question) || question;
  // "Where are you?" names no topic in words the passages would share: the intent supplies it.
  const topic = !hasTopicWords(bare) && intent === "location" ? `${bare} address` : bare;
  // Its fixed lines are in the customer's language; what it quotes is in the knowledge's.
  const asked = detectLanguageOf(bare);
  const lines = linesFor(asked.language);
  const escalate = (reason: string, summary: string): Turn =>
    offered.has("escalate_to_human")
      ? { text: "", toolCalls: [{ toolName: "escalate_to_human", input: { reason, summary: summary.slice(0, 1000) } }] }
      : { text: lines.notSure, toolCalls: [] };

  if (results.length === 0) {
    if (intent === "human_request") return escalate("customer_request", `Asked for a person: ${question}`);
    const calls: ToolCall[] = [];
    if ((contact.email || contact.phone) && offered.has("capture_lead")) {
      calls.push({ toolName: "capture_lead", input: { ...contact, intent: question.slice(0, 200) || "Wants to be contacted" } });
    }
    if (intent === "greeting" && calls.length === 0) return { text: lines.greeting, toolCalls: [] };
    if (intent === "thanks" && calls.length === 0) return { text: lines.thanks, toolCalls: [] };
    if (intent === "goodbye" && calls.length === 0) return { text: lines.goodbye, toolCalls: [] };
    if (intent === "hours" && offered.has("opening_hours")) calls.push({ toolName: "opening_hours", input: {} });
    const asksSomething = intent !== "lead" || /\?/.test(question);
    if (asksSomething && offered.has("search_knowledge")) calls.push({ toolName: "search_knowledge", input: { query: topic.slice(0, 500) } });
    if (calls.length === 0 && !offered.has("search_knowledge")) return escalate("no_answer", `Asked: ${question}`);
    return { text: "", toolCalls: calls };
  }

  const said: string[] = [];
  for (const result of results) {
    const message = asRecord(result.value).message;
    if ((result.toolName === "capture_lead" || result.toolName === "escalate_to_human") && typeof message === "string") said.push(message);
  }
  const searched = results.filter((r) => r.toolName === "search_knowledge");
  const handedOff = results.some((r) => r.toolName === "escalate_to_human");
  // The opening hours come from the business's profile: they answer an hours question even when no passage does.
  const hoursLine = results.flatMap((r) => {
    const value = asRecord(r.value);
    return r.toolName === "opening_hours" && value.known === true && typeof value.message === "string" ? [value.message] : [];
  })[0];
  if (hoursLine && !handedOff) said.unshift(hoursLine);
  if (searched.length > 0 && !handedOff) {
    const passages = searched.flatMap((r) => passagesOf(r.value));
    // The customer's own words are answered: the word a search needed ("address") would count as theirs.
    const answer = composeAnswer(bare, passages);
    // It can only quote, and the knowledge is in the business's language: a question asked in another language than
    // English is answered only from passages in that language (judged on the cited passages whole, not on a short
    // quote or an address); otherwise a person answers, and the hand-off line is in the customer's language. An
    // English question, or one with no telling word ("wifi pw?"), is answered as before.
    const quoted = answer ? detectLanguageOf(passages.filter((p) => answer.cited.includes(p.n)).map((p) => `${p.title}\n${p.text}`).join("\n")) : null;
    const foreign = quoted !== null && asked.confident && asked.language !== "en" && quoted.language !== asked.language;
    if (!answer || foreign) {
      if (said.length > 0) return { text: said.join("\n\n"), toolCalls: [] };
      const summary = foreign
        ? `Asked in ${LANGUAGE_NAMES[asked.language]}, and the knowledge that answers it is in ${LANGUAGE_NAMES[quoted.language]}: ${question}`
        : `The knowledge base has no answer to: ${question}`;
      return escalate("no_answer", summary);
    }
    // The offer to arrange something (a room, an appointment) is a quick reply that follows the business's vertical
    // (lib/agent/answer.ts), not a line here: this model does not know what the business does.
    said.splice(hoursLine ? 1 : 0, 0, answer.text);
  }
  return { text: said.join("\n\n") || lines.anythingElse, toolCalls: [] };
}

const countTokens = (text: string) => Math.ceil(text.length / 4);

function usageOf(options: LanguageModelV4CallOptions, output: string): LanguageModelV4Usage {
  const input = countTokens(JSON.stringify(options.prompt));
  const out = countTokens(output);
  return { inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: out, text: out, reasoning: 0 } };
}

/**
 * The model of the embedded mode and the tests: deterministic, local, free, behind the AI SDK's language-model
 * interface so the agent runs the same pipeline (tools, streaming, usage) as with a hosted model. It never repeats
 * its instructions: it only ever quotes the customer's passages and the tools' messages.
 */
export function offlineChatModel(): LanguageModelV4 {
  let calls = 0;
  const build = (options: LanguageModelV4CallOptions) => {
    const turn = decide(options);
    calls += 1;
    const toolCalls = turn.toolCalls.map((call, i) => ({
      type: "tool-call" as const,
      toolCallId: `call_${calls}_${i + 1}`,
      toolName: call.toolName,
      input: JSON.stringify(call.input),
    }));
    return { turn, toolCalls, usage: usageOf(options, turn.text + JSON.stringify(turn.toolCalls)) };
  };
  return {
    specificationVersion: "v4",
    provider: "offline",
    modelId: OFFLINE_CHAT_MODEL,
    supportedUrls: {},
    async doGenerate(options) {
      const { turn, toolCalls, usage } = build(options);
      const content: LanguageModelV4Content[] = [...(turn.text ? [{ type: "text" as const, text: turn.text }] : []), ...toolCalls];
      return {
        content,
        finishReason: toolCalls.length ? { unified: "tool-calls", raw: "tool_calls" } : { unified: "stop", raw: "stop" },
        usage,
        warnings: [],
      };
    },
    async doStream(options) {
      const { turn, toolCalls, usage } = build(options);
      const parts: LanguageModelV4StreamPart[] = [{ type: "stream-start", warnings: [] }];
      if (turn.text) {
        parts.push({ type: "text-start", id: "text" });
        for (const word of turn.text.split(/(?<=\s)/)) parts.push({ type: "text-delta", id: "text", delta: word });
        parts.push({ type: "text-end", id: "text" });
      }
      parts.push(...toolCalls);
      parts.push({
        type: "finish",
        finishReason: toolCalls.length ? { unified: "tool-calls", raw: "tool_calls" } : { unified: "stop", raw: "stop" },
        usage,
      });
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        start(controller) {
          for (const part of parts) controller.enqueue(part);
          controller.close();
        },
      });
      return { stream };
    },
  };
}
