import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for OpenAI's Chat Completions API (and so for every OpenAI-compatible server): tests script the
 * turns it answers with and read back the requests it received. It speaks both the JSON and the streaming (SSE) form,
 * streams text a word per chunk and tool calls with their arguments split across chunks, as the real API does.
 */

export type ScriptedToolCall = { id: string; name: string; arguments: Record<string, unknown> };

export type ScriptedTurn = {
  /** The assistant's text, streamed a word per chunk. */
  text?: string;
  toolCalls?: ScriptedToolCall[];
  /** Answer with this HTTP status and an OpenAI error body instead of a completion. */
  status?: number;
  errorMessage?: string;
  /** Wait this long before answering at all (no headers either): a model that does not answer. */
  delayMs?: number;
  usage?: { promptTokens: number; completionTokens: number };
};

/** The subset of a Chat Completions request the tests look at. */
export type ChatCompletionsRequest = {
  model: string;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  messages: { role: string; content?: unknown; tool_calls?: { id: string; function: { name: string; arguments: string } }[]; tool_call_id?: string }[];
  tools?: { type: string; function: { name: string; description?: string; parameters: Record<string, unknown> } }[];
};

export type RecordedRequest = {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: ChatCompletionsRequest;
  /** The client hung up before the answer was complete (an aborted or timed-out call). */
  abandoned: boolean;
};

export type FakeOpenAIServer = {
  /** The base URL to configure (OPENAI_BASE_URL, LLM_COMPATIBLE_BASE_URL): requests go to `${baseUrl}/chat/completions`. */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Queues turns; each request takes the next one. A request with none left gets a 500 that names the problem. */
  script(...turns: ScriptedTurn[]): void;
  /** Turns scripted but not yet asked for. */
  pending(): number;
  /** Forgets the recorded requests and any turns left (between tests). */
  reset(): void;
  close(): Promise<void>;
};

const DEFAULT_USAGE = { promptTokens: 11, completionTokens: 7 };

export async function startFakeOpenAIServer(): Promise<FakeOpenAIServer> {
  const queue: ScriptedTurn[] = [];
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let completions = 0;

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) return sendError(res, 404, `no route for ${req.method} ${req.url}`);
    const body = JSON.parse(raw) as ChatCompletionsRequest;
    const record: RecordedRequest = { method: req.method, path: req.url, headers: req.headers, body, abandoned: false };
    requests.push(record);
    res.on("close", () => (record.abandoned = !res.writableFinished));
    const turn = queue.shift();
    if (!turn) return sendError(res, 500, "fake OpenAI server: no scripted turn left for this request");
    if (turn.delayMs) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => (timers.delete(timer), resolve()), turn.delayMs);
        timers.add(timer);
      });
      if (res.destroyed) return;
    }
    if (turn.status) return sendError(res, turn.status, turn.errorMessage ?? `scripted ${turn.status}`);
    completions += 1;
    const id = `chatcmpl-fake-${completions}`;
    if (body.stream) streamTurn(res, { id, model: body.model, turn, includeUsage: Boolean(body.stream_options?.include_usage) });
    else sendJson(res, 200, completion(id, body.model, turn));
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...turns) => void queue.push(...turns),
    pending: () => queue.length,
    reset: () => {
      queue.length = 0;
      requests.length = 0;
    },
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

const readBody = async (req: IncomingMessage) => {
  let raw = "";
  for await (const chunk of req) raw += chunk;
  return raw;
};

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, message: string) {
  const type = status === 429 ? "rate_limit_error" : status >= 500 ? "server_error" : "invalid_request_error";
  sendJson(res, status, { error: { message, type, param: null, code: null } });
}

const usageOf = (turn: ScriptedTurn) => {
  const { promptTokens, completionTokens } = turn.usage ?? DEFAULT_USAGE;
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
};

const finishReasonOf = (turn: ScriptedTurn) => (turn.toolCalls?.length ? "tool_calls" : "stop");

function completion(id: string, model: string, turn: ScriptedTurn) {
  const toolCalls = turn.toolCalls?.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: JSON.stringify(c.arguments) } }));
  return {
    id,
    object: "chat.completion",
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, message: { role: "assistant", content: turn.text ?? null, ...(toolCalls ? { tool_calls: toolCalls } : {}) }, finish_reason: finishReasonOf(turn) }],
    usage: usageOf(turn),
  };
}

/** Splits a string into `parts` pieces of about the same length, so a JSON document arrives in fragments. */
function fragments(text: string, parts: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / parts));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function streamTurn(res: ServerResponse, { id, model, turn, includeUsage }: { id: string; model: string; turn: ScriptedTurn; includeUsage: boolean }) {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  const send = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created: 1_700_000_000, model, choices, ...extra })}\n\n`);
  const delta = (d: Record<string, unknown>, finish: string | null = null) => send([{ index: 0, delta: d, finish_reason: finish }]);

  delta({ role: "assistant", content: turn.text === undefined ? null : "" });
  if (turn.text) for (const word of turn.text.split(/(?<=\s)/)) delta({ content: word });
  turn.toolCalls?.forEach((call, index) => {
    delta({ tool_calls: [{ index, id: call.id, type: "function", function: { name: call.name, arguments: "" } }] });
    for (const piece of fragments(JSON.stringify(call.arguments), 3)) delta({ tool_calls: [{ index, function: { arguments: piece } }] });
  });
  delta({}, finishReasonOf(turn));
  if (includeUsage) send([], { usage: usageOf(turn) });
  res.end("data: [DONE]\n\n");
}
