import type {
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4FunctionTool,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
} from "@ai-sdk/provider";
import { stepCountIs, streamText, tool } from "ai";
import { convertReadableStreamToArray } from "ai/test";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { OFFLINE_CHAT_MODEL, offlineChatModel } from "./offline-chat-model";

const NOT_SURE = "I'm not sure about that — a member of our team will be able to help.";

const fn = (name: string): LanguageModelV4FunctionTool => ({ type: "function", name, inputSchema: { type: "object", properties: {} } });
const AGENT_TOOLS = [fn("search_knowledge"), fn("capture_lead"), fn("escalate_to_human")];

const user = (text: string): LanguageModelV4Prompt[number] => ({ role: "user", content: [{ type: "text", text }] });

type Passage = { n: number; title: string; heading: string; text: string };
const PETS: Passage = { n: 1, title: "Policies", heading: "Pets", text: "Well-behaved dogs are welcome in the salon." };
const PRICES: Passage = { n: 2, title: "Services and prices", heading: "Cuts", text: "- Women's cut and blow-dry: €48 (about 60 minutes)\n- Men's cut: €28" };
const PARKING: Passage = { n: 3, title: "Directions", heading: "Parking", text: "Free parking behind the building." };

/** A turn after the tools ran: the customer's question, the model's calls and the results that came back. */
function afterTools(question: string, results: { toolName: string; value: unknown }[], history: LanguageModelV4Prompt = []): LanguageModelV4Prompt {
  return [
    { role: "system", content: "You are the front desk of a salon." },
    ...history,
    user(question),
    {
      role: "assistant",
      content: results.map((r, i) => ({ type: "tool-call" as const, toolCallId: `c${i}`, toolName: r.toolName, input: {} })),
    },
    {
      role: "tool",
      content: results.map((r, i) => ({ type: "tool-result" as const, toolCallId: `c${i}`, toolName: r.toolName, output: { type: "json" as const, value: r.value as never } })),
    },
  ];
}

const searchResult = (...passages: Passage[]) => ({ toolName: "search_knowledge", value: { passages, found: passages.length > 0 } });

async function generate(prompt: LanguageModelV4Prompt | string, tools: LanguageModelV4FunctionTool[] = AGENT_TOOLS) {
  const options: LanguageModelV4CallOptions = { prompt: typeof prompt === "string" ? [user(prompt)] : prompt, tools };
  const result = await offlineChatModel().doGenerate(options);
  const text = result.content.flatMap((c) => (c.type === "text" ? [c.text] : [])).join("");
  const calls = result.content.flatMap((c: LanguageModelV4Content) => (c.type === "tool-call" ? [{ toolName: c.toolName, input: JSON.parse(c.input) as unknown }] : []));
  return { text, calls, finishReason: result.finishReason.unified, result };
}

describe("offlineChatModel", () => {
  it("is a v4 language model of its own provider", () => {
    const model = offlineChatModel();
    expect([model.specificationVersion, model.provider, model.modelId]).toEqual(["v4", "offline", OFFLINE_CHAT_MODEL]);
    expect(OFFLINE_CHAT_MODEL).toBe("offline-extractive-v1");
  });

  describe("first step: choosing tools from the customer's words", () => {
    it("searches the knowledge base for a question, with the question as the query", async () => {
      const { text, calls, finishReason } = await generate("Can I bring my dog?");
      expect(text).toBe("");
      expect(calls).toEqual([{ toolName: "search_knowledge", input: { query: "Can I bring my dog?" } }]);
      expect(finishReason).toBe("tool-calls");
    });

    it("searches for a booking request too (booking is not handed off by itself)", async () => {
      const { calls } = await generate("Can I book an appointment for Friday at 3pm?");
      expect(calls).toEqual([{ toolName: "search_knowledge", input: { query: "Can I book an appointment for Friday at 3pm?" } }]);
    });

    it("caps the query at 500 characters", async () => {
      const long = `What about ${"very ".repeat(200)}long questions?`;
      const { calls } = await generate(long);
      expect((calls[0]!.input as { query: string }).query).toBe(long.slice(0, 500));
    });

    it("answers a greeting or thanks itself, without tools", async () => {
      expect(await generate("Hello!")).toMatchObject({ text: "Hello! How can I help you today?", calls: [], finishReason: "stop" });
      expect(await generate("Thanks a lot")).toMatchObject({ text: "You're welcome! Is there anything else I can help with?", calls: [], finishReason: "stop" });
    });

    it("hands a request for a person to escalate_to_human", async () => {
      const { text, calls } = await generate("Can I talk to a real person please?");
      expect(text).toBe("");
      expect(calls).toEqual([{ toolName: "escalate_to_human", input: { reason: "customer_request", summary: "Asked for a person: Can I talk to a real person please?" } }]);
    });

    it("says a person will help when it is asked for one but cannot escalate", async () => {
      const { text, calls } = await generate("I want to speak to a human", [fn("search_knowledge")]);
      expect(text).toBe(NOT_SURE);
      expect(calls).toEqual([]);
    });

    it("saves contact details with capture_lead, and does not search a statement", async () => {
      const message = "I'm Ada Lovelace, my email is Ada@Example.com";
      const { calls } = await generate(message);
      expect(calls).toEqual([{ toolName: "capture_lead", input: { email: "ada@example.com", name: "Ada Lovelace", intent: message } }]);
    });

    it("saves contact details and searches when the message also asks something", async () => {
      const message = "How much is a men's cut? Text me on +351 912 345 678";
      const { calls } = await generate(message);
      expect(calls).toEqual([
        { toolName: "capture_lead", input: { phone: "+351 912 345 678", intent: message } },
        { toolName: "search_knowledge", input: { query: "How much is a men's cut?" } },
      ]);
    });

    it("asks for the opening hours, and searches too (holiday closures), for an hours question", async () => {
      const { calls } = await generate("What time do you open on Saturday?", [...AGENT_TOOLS, fn("opening_hours")]);
      expect(calls).toEqual([
        { toolName: "opening_hours", input: {} },
        { toolName: "search_knowledge", input: { query: "What time do you open on Saturday?" } },
      ]);
    });

    it("searches the knowledge only, without the opening hours, for the time of something else", async () => {
      for (const question of ["What time is breakfast?", "is the pool open late?", "when is check out"]) {
        const { calls } = await generate(question, [...AGENT_TOOLS, fn("opening_hours")]);
        expect(calls, question).toEqual([{ toolName: "search_knowledge", input: { query: question } }]);
      }
    });

    it("answers a goodbye, and thanks in other languages, itself, without tools", async () => {
      expect(await generate("thanks, bye")).toMatchObject({ text: "Thanks for getting in touch. Goodbye!", calls: [] });
      // Thanked in the customer's own language, with the translated line.
      const thanked: [string, string][] = [
        ["ok cheers", "You're welcome! Is there anything else I can help with?"],
        ["gracias", "¡De nada! ¿Puedo ayudarte en algo más?"],
        ["terima kasih", "Sama-sama! Ada apa-apa lagi yang boleh saya bantu?"],
        ["cảm ơn", "Không có gì ạ! Bạn cần hỗ trợ thêm gì không?"],
        ["obrigado", "De nada! Posso ajudar em mais alguma coisa?"],
      ];
      for (const [thanks, line] of thanked) {
        expect(await generate(thanks), thanks).toMatchObject({ text: line, calls: [] });
      }
      expect(await generate("adiós, gracias")).toMatchObject({ text: "Gracias por escribirnos. ¡Hasta pronto!", calls: [] });
    });

    it("searches for the address when a location question names nothing else", async () => {
      const { calls } = await generate("Where are you?");
      expect(calls).toEqual([{ toolName: "search_knowledge", input: { query: "Where are you? address" } }]);
    });

    it("hands off when it has no search tool to answer with", async () => {
      const withEscalation = await generate("Do you sell gift cards?", [fn("escalate_to_human")]);
      expect(withEscalation.calls).toEqual([{ toolName: "escalate_to_human", input: { reason: "no_answer", summary: "Asked: Do you sell gift cards?" } }]);
      const withNothing = await generate("Do you sell gift cards?", []);
      expect(withNothing).toMatchObject({ text: NOT_SURE, calls: [] });
    });

    it("reads only the latest customer message, not earlier turns", async () => {
      const history: LanguageModelV4Prompt = [
        user("Can I bring my dog?"),
        { role: "assistant", content: [{ type: "text", text: "Well-behaved dogs are welcome in the salon. [1]" }] },
      ];
      const { text, calls } = await generate([...history, user("Hi there")]);
      expect(text).toBe("Hello! How can I help you today?");
      expect(calls).toEqual([]);
    });
  });

  describe("second step: answering from the tools' results", () => {
    it("quotes the relevant passage with its citation, and nothing unrelated", async () => {
      const { text, calls, finishReason } = await generate(afterTools("Can I bring my dog?", [searchResult(PRICES, PETS, PARKING)]));
      expect(text).toBe("Well-behaved dogs are welcome in the salon. [1]");
      expect(calls).toEqual([]);
      expect(finishReason).toBe("stop");
    });

    it("quotes the matching list item for a price question, and offers nothing it cannot arrange", async () => {
      // The offer follows the business's vertical as a quick reply (lib/agent/answer.ts): this model does not know
      // whether it speaks for a salon or a hotel, so it never asks "Would you like to book an appointment?".
      const { text } = await generate(afterTools("How much is a men's cut?", [searchResult(PETS, PRICES)]));
      expect(text).toBe("Men's cut: €28. [2]");
    });

    it("does not offer a booking for other questions", async () => {
      const { text } = await generate(afterTools("Is there parking?", [searchResult(PARKING)]));
      expect(text).toBe("Free parking behind the building. [3]");
    });

    it("escalates when no passage is relevant, instead of guessing", async () => {
      const question = "Do you repair bicycles?";
      const { text, calls } = await generate(afterTools(question, [searchResult(PETS, PRICES)]));
      expect(text).toBe("");
      expect(calls).toEqual([{ toolName: "escalate_to_human", input: { reason: "no_answer", summary: `The knowledge base has no answer to: ${question}` } }]);
      const cannotEscalate = await generate(afterTools(question, [searchResult()]), [fn("search_knowledge")]);
      expect(cannotEscalate).toMatchObject({ text: NOT_SURE, calls: [] });
    });

    it("escalates when the search itself failed", async () => {
      const prompt = afterTools("Can I bring my dog?", [searchResult()]);
      const toolMessage = prompt.at(-1)!;
      if (toolMessage.role !== "tool" || toolMessage.content[0]!.type !== "tool-result") throw new Error("unexpected prompt");
      toolMessage.content[0]!.output = { type: "error-text", value: "database unavailable" };
      const { calls } = await generate(prompt);
      expect(calls.map((c) => c.toolName)).toEqual(["escalate_to_human"]);
    });

    it("adds the lead tool's message after the answer, and says only that when the search found nothing", async () => {
      const lead = { toolName: "capture_lead", value: { saved: true, leadId: "l1", message: "Thanks — I've passed your details to the team and they'll be in touch." } };
      const question = "Are well-behaved dogs welcome? I'm on 912345678";
      const both = await generate(afterTools(question, [lead, searchResult(PETS)]));
      expect(both.text).toBe("Well-behaved dogs are welcome in the salon. [1]\n\nThanks — I've passed your details to the team and they'll be in touch.");
      const noAnswer = await generate(afterTools("Do you repair bicycles? My email is ada@example.com", [lead, searchResult(PETS)]));
      expect(noAnswer).toMatchObject({ text: "Thanks — I've passed your details to the team and they'll be in touch.", calls: [] });
    });

    it("answers a question that came with contact details as if they were not there", async () => {
      const lead = { toolName: "capture_lead", value: { saved: true, leadId: "l1", message: "Thanks — I'll pass your details on." } };
      const { text } = await generate(afterTools("Can I bring my dog? My email is ada@example.com", [lead, searchResult(PRICES, PETS)]));
      expect(text).toBe("Well-behaved dogs are welcome in the salon. [1]\n\nThanks — I'll pass your details on.");
    });

    it("answers with the opening hours even when no passage is relevant, and puts them first", async () => {
      const hours = { toolName: "opening_hours", value: { known: true, message: "We're open now (today 9:00–19:00). Our opening hours:\n- Monday: closed" } };
      const only = await generate(afterTools("When are you open?", [hours, searchResult(PRICES)]));
      expect(only).toMatchObject({ text: "We're open now (today 9:00–19:00). Our opening hours:\n- Monday: closed", calls: [] });
      const unknown = await generate(afterTools("When are you open?", [{ toolName: "opening_hours", value: { known: false, message: null } }, searchResult(PRICES)]));
      expect(unknown.calls.map((c) => c.toolName)).toEqual(["escalate_to_human"]);
    });

    it("relays the hand-off message and ignores search results once handed off", async () => {
      const handoff = { toolName: "escalate_to_human", value: { handedOff: true, message: "I've asked a member of our team to join — they'll reply here shortly." } };
      const { text, calls } = await generate(afterTools("Can I bring my dog? I want to talk to a person", [searchResult(PETS), handoff]));
      expect(text).toBe("I've asked a member of our team to join — they'll reply here shortly.");
      expect(calls).toEqual([]);
    });

    it("falls back to a neutral line when tools returned nothing it can say", async () => {
      const { text } = await generate(afterTools("Hello", [{ toolName: "some_other_tool", value: { ok: true } }]));
      expect(text).toBe("Is there anything else I can help you with?");
    });
  });

  describe("determinism, streaming and usage", () => {
    it("gives the same answer to the same prompt, from any instance", async () => {
      const prompt = afterTools("How much is a men's cut?", [searchResult(PETS, PRICES)]);
      const a = await generate(prompt);
      const b = await generate(prompt);
      expect(b.result).toEqual(a.result);
    });

    it("numbers its tool calls per call of one instance", async () => {
      const model = offlineChatModel();
      const options: LanguageModelV4CallOptions = { prompt: [user("How much is a cut? I'm on 912 345 678")], tools: AGENT_TOOLS };
      const first = await model.doGenerate(options);
      const second = await model.doGenerate(options);
      const ids = (content: LanguageModelV4Content[]) => content.flatMap((c) => (c.type === "tool-call" ? [c.toolCallId] : []));
      expect(ids(first.content)).toEqual(["call_1_1", "call_1_2"]);
      expect(ids(second.content)).toEqual(["call_2_1", "call_2_2"]);
    });

    it("streams its text word by word, then the finish with usage", async () => {
      const prompt = afterTools("Can I bring my dog?", [searchResult(PETS)]);
      const { stream } = await offlineChatModel().doStream({ prompt, tools: AGENT_TOOLS });
      const parts = await convertReadableStreamToArray(stream);
      const answer = "Well-behaved dogs are welcome in the salon. [1]";
      const output = Math.ceil((answer + "[]").length / 4);
      const input = Math.ceil(JSON.stringify(prompt).length / 4);
      expect(parts).toEqual<LanguageModelV4StreamPart[]>([
        { type: "stream-start", warnings: [] },
        { type: "text-start", id: "text" },
        ...["Well-behaved ", "dogs ", "are ", "welcome ", "in ", "the ", "salon. ", "[1]"].map((delta) => ({ type: "text-delta" as const, id: "text", delta })),
        { type: "text-end", id: "text" },
        {
          type: "finish",
          finishReason: { unified: "stop", raw: "stop" },
          usage: { inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: output, text: output, reasoning: 0 } },
        },
      ]);
    });

    it("streams tool calls without text", async () => {
      const { stream } = await offlineChatModel().doStream({ prompt: [user("Where are you?")], tools: AGENT_TOOLS });
      const parts = await convertReadableStreamToArray(stream);
      expect(parts.map((p) => p.type)).toEqual(["stream-start", "tool-call", "finish"]);
      expect(parts[1]).toEqual({ type: "tool-call", toolCallId: "call_1_1", toolName: "search_knowledge", input: JSON.stringify({ query: "Where are you? address" }) });
      expect(parts[2]).toMatchObject({ finishReason: { unified: "tool-calls", raw: "tool_calls" } });
    });

    it("charges about a token per four characters, in and out", async () => {
      const prompt: LanguageModelV4Prompt = [user("Hello")];
      const { result } = await generate(prompt);
      const input = Math.ceil(JSON.stringify(prompt).length / 4);
      const output = Math.ceil("Hello! How can I help you today?[]".length / 4);
      expect(result.usage).toEqual({ inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: output, text: output, reasoning: 0 } });
      expect(output).toBe(9);
    });
  });

  it("runs the agent loop under streamText: searches, reads the results, answers with a citation", async () => {
    const search = vi.fn(async ({ query }: { query: string }) => ({ passages: query.toLowerCase().includes("dog") ? [PRICES, PETS] : [], found: true }));
    const result = streamText({
      model: offlineChatModel(),
      system: "You are the front desk of a salon.",
      messages: [{ role: "user", content: "Are dogs allowed in the salon?" }],
      tools: { search_knowledge: tool({ description: "Search", inputSchema: z.object({ query: z.string() }), execute: search }) },
      stopWhen: stepCountIs(4),
      maxRetries: 0,
    });
    expect(await result.text).toBe("Well-behaved dogs are welcome in the salon. [1]");
    expect(search).toHaveBeenCalledTimes(1);
    expect(search.mock.calls[0]![0]).toEqual({ query: "Are dogs allowed in the salon?" });
    const steps = await result.steps;
    expect(steps.map((s) => s.finishReason)).toEqual(["tool-calls", "stop"]);
    expect((await result.totalUsage).outputTokens).toBeGreaterThan(0);
  });

  describe("the customer's language", () => {
    const HABITACIONES: Passage = { n: 4, title: "Habitaciones", heading: "Desayuno", text: "El desayuno se sirve de 7:00 a 10:30 en el comedor, y está incluido en el precio." };
    const BREAKFAST: Passage = { n: 5, title: "Rooms", heading: "Breakfast", text: "Breakfast is served from 7:00 to 10:30 in the dining room and is included in the rate." };

    it("greets and thanks in the customer's language", async () => {
      expect(await generate("Hola")).toMatchObject({ text: "¡Hola! ¿En qué puedo ayudarte?", calls: [] });
      expect(await generate("Gracias")).toMatchObject({ text: "¡De nada! ¿Puedo ayudarte en algo más?", calls: [] });
    });

    it("hands a question to the team when the knowledge that answers it is in another language", async () => {
      // Each shares "wifi" with the passage, enough to quote it: an English sentence the customer did not ask in.
      const WIFI: Passage = { n: 7, title: "Internet", heading: "Wifi", text: "Wifi is free in every room; the password is on your key card." };
      for (const [question, language] of [
        ["¿El wifi es gratis?", "Spanish"],
        ["A senha do wifi, por favor", "Portuguese"],
        ["Wifi percuma?", "Malay"],
        ["Cho em hỏi wifi ạ?", "Vietnamese"],
      ] as const) {
        const { text, calls } = await generate(afterTools(question, [searchResult(WIFI)]));
        expect([question, text]).toEqual([question, ""]);
        expect(calls).toEqual([
          { toolName: "escalate_to_human", input: { reason: "no_answer", summary: `Asked in ${language}, and the knowledge that answers it is in English: ${question}` } },
        ]);
      }
    });

    it("says it is not sure in the customer's language when it cannot hand off", async () => {
      const { text } = await generate(afterTools("¿A qué hora es el desayuno?", [searchResult(BREAKFAST)]), [fn("search_knowledge")]);
      expect(text).toBe("No estoy seguro de eso; alguien de nuestro equipo podrá ayudarte.");
    });

    it("quotes a passage written in the customer's language", async () => {
      const { text, calls } = await generate(afterTools("¿A qué hora se sirve el desayuno?", [searchResult(HABITACIONES, BREAKFAST)]));
      expect(calls).toEqual([]);
      expect(text).toContain("El desayuno se sirve de 7:00 a 10:30");
      expect(text).toContain("[4]");
    });

    it("answers an English question, or one with no telling word, from the knowledge as before", async () => {
      expect((await generate(afterTools("What time is breakfast?", [searchResult(BREAKFAST)]))).text).toContain("[5]");
      const address: Passage = { n: 6, title: "Finding us", heading: "Address", text: "Rua da Rosa 87, 1200-383 Lisboa, in Bairro Alto." };
      expect((await generate(afterTools("Where are you?", [searchResult(address)]))).text).toContain("Rua da Rosa 87");
    });

    it("keeps a Spanish hours line from the profile and drops an English quote", async () => {
      const hours = { toolName: "opening_hours", value: { known: true, message: "Ahora estamos abiertos (hoy 9:00–19:00). Nuestro horario:\n- lunes: cerrado" } };
      const { text, calls } = await generate(afterTools("¿Hasta qué hora abren hoy?", [hours, searchResult(BREAKFAST)]));
      expect(calls).toEqual([]);
      expect(text).toBe("Ahora estamos abiertos (hoy 9:00–19:00). Nuestro horario:\n- lunes: cerrado");
    });
  });
});
