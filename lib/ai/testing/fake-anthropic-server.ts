import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ScriptedToolCall } from "./fake-openai-server";

/**
 * A local stand-in for Anthropic's Messages API (streaming): tests script the turns it answers with (text, tool calls)
 * and read back the requests it received. Text streams a word per event and tool inputs arrive as `input_json_delta`
 * fragments, as the real API sends them.
 */

export type AnthropicTurn = { text?: string; toolCalls?: ScriptedToolCall[] };

/** The subset of a Messages request the tests look at. */
export type MessagesRequest = {
  model: string;
  stream?: boolean;
  system?: string | { type: string; text: string }[];
  messages: { role: string; content: string | { type: string; text?: string; content?: unknown; tool_use_id?: string; name?: string; input?: unknown }[] }[];
  tools?: { name: string; description?: string; input_schema: Record<string, unknown> }[];
};

export type FakeAnthropicServer = {
  baseUrl: string;
  requests: { path?: string; headers: IncomingMessage["headers"]; body: MessagesRequest }[];
  script(...turns: AnthropicTurn[]): void;
  pending(): number;
  close(): Promise<void>;
};

export async function startFakeAnthropicServer(): Promise<FakeAnthropicServer> {
  const queue: AnthropicTurn[] = [];
  const requests: FakeAnthropicServer["requests"] = [];
  let served = 0;
  const server = createServer(async (req, res) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const body = JSON.parse(raw) as MessagesRequest;
    requests.push({ path: req.url, headers: req.headers, body });
    const turn = queue.shift();
    if (!turn) {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ type: "error", error: { type: "api_error", message: "fake Anthropic server: no scripted turn left" } }));
      return;
    }
    served += 1;
    streamTurn(res, `msg_fake_${served}`, body.model, turn);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...turns) => void queue.push(...turns),
    pending: () => queue.length,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function streamTurn(res: ServerResponse, id: string, model: string, turn: AnthropicTurn) {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const event = (type: string, data: Record<string, unknown>) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  event("message_start", { message: { id, type: "message", role: "assistant", model, content: [], stop_reason: null, usage: { input_tokens: 40, output_tokens: 1 } } });
  let index = 0;
  if (turn.text) {
    event("content_block_start", { index, content_block: { type: "text", text: "" } });
    for (const word of turn.text.split(/(?<=\s)/)) event("content_block_delta", { index, delta: { type: "text_delta", text: word } });
    event("content_block_stop", { index });
    index += 1;
  }
  for (const call of turn.toolCalls ?? []) {
    event("content_block_start", { index, content_block: { type: "tool_use", id: call.id, name: call.name, input: {} } });
    const json = JSON.stringify(call.arguments);
    const half = Math.ceil(json.length / 2);
    for (const partial of [json.slice(0, half), json.slice(half)]) event("content_block_delta", { index, delta: { type: "input_json_delta", partial_json: partial } });
    event("content_block_stop", { index });
    index += 1;
  }
  event("message_delta", { delta: { stop_reason: turn.toolCalls?.length ? "tool_use" : "end_turn", stop_sequence: null }, usage: { output_tokens: 12 } });
  event("message_stop", {});
  res.end();
}
