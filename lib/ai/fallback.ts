import { APICallError, type LanguageModelV4, type LanguageModelV4CallOptions, type LanguageModelV4StreamPart, type LanguageModelV4Usage } from "@ai-sdk/provider";
import type { ResolvedChatModel } from "./models";

export type AttemptOutcome = "ok" | "error" | "timeout" | "rate_limited";
export type Attempt = {
  id: string;
  provider: string;
  outcome: AttemptOutcome;
  latencyMs: number;
  usage?: { inputTokens: number; outputTokens: number };
  error?: string;
};

/** Every model of the chain failed: the caller hands the customer to a person (the message is kept for the sweeper). */
export class AllModelsFailedError extends Error {
  constructor(readonly attempts: Attempt[]) {
    super(`every model failed: ${attempts.map((a) => `${a.id} ${a.outcome}`).join(", ")}`);
  }
}

class AttemptTimeout extends Error {}

const flatUsage = (usage: LanguageModelV4Usage) => ({ inputTokens: usage.inputTokens.total ?? 0, outputTokens: usage.outputTokens.total ?? 0 });

function classify(error: unknown): AttemptOutcome {
  if (error instanceof AttemptTimeout) return "timeout";
  if (APICallError.isInstance(error) && error.statusCode === 429) return "rate_limited";
  return "error";
}

/** Error messages go to logs and the usage table; a provider's message may echo a key's prefix, so it is trimmed. */
const describe = (error: unknown) => messageOf(error).replace(/(sk|key)-[\w-]{6,}/gi, "$1-…").slice(0, 200);

/** Providers put plain objects in a stream's error parts (`{ type, message }`, or Anthropic's `{ error: { message } }`). */
function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error !== null) {
    const record = error as { message?: unknown; error?: { message?: unknown; type?: unknown }; type?: unknown };
    if (typeof record.message === "string") return record.message;
    if (typeof record.error?.message === "string") return record.error.message;
    try {
      return JSON.stringify(error);
    } catch {
      return Object.prototype.toString.call(error);
    }
  }
  return String(error);
}

/** Parts a provider sends before the model has said anything: an error after them can still move to the next model. */
const PREAMBLE = new Set<LanguageModelV4StreamPart["type"]>(["stream-start", "response-metadata", "raw"]);

/**
 * The business's models as one AI SDK model: each call goes to the first; an error, a rate limit or no answer within
 * `timeoutMs` (no first stream part, for streams) moves on to the next. Once a stream has started, an error ends it:
 * the customer has seen part of a reply, and mixing two models' words would be worse than the retry the sweeper does.
 * The caller's abort stops the chain. Each attempt is reported to `onAttempt` (the usage log).
 */
export function withFallback(
  chain: ResolvedChatModel[],
  { timeoutMs, onAttempt, signal }: { timeoutMs: number; onAttempt?: (attempt: Attempt) => void; signal?: AbortSignal },
): LanguageModelV4 {
  if (chain.length === 0) throw new Error("withFallback needs at least one model");
  const report = (attempt: Attempt) => onAttempt?.(attempt);

  async function attemptEach<T>(run: (model: ResolvedChatModel, options: { abortSignal: AbortSignal }) => Promise<T>): Promise<T> {
    const attempts: Attempt[] = [];
    for (const entry of chain) {
      if (signal?.aborted) throw signal.reason ?? new Error("aborted");
      const controller = new AbortController();
      const onAbort = () => controller.abort(signal?.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            controller.abort(new AttemptTimeout(`no answer from ${entry.id} within ${timeoutMs} ms`));
            reject(new AttemptTimeout(`no answer from ${entry.id} within ${timeoutMs} ms`));
          }, timeoutMs);
        });
        return await Promise.race([run(entry, { abortSignal: controller.signal }), timeout]);
      } catch (error) {
        if (signal?.aborted) throw error;
        const attempt: Attempt = { id: entry.id, provider: entry.provider, outcome: classify(error), latencyMs: Math.round(performance.now() - started), error: describe(error) };
        attempts.push(attempt);
        report(attempt);
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      }
    }
    throw new AllModelsFailedError(attempts);
  }

  const first = chain[0]!;
  return {
    specificationVersion: "v4",
    provider: "fallback",
    modelId: chain.map((m) => m.id).join(" → "),
    supportedUrls: first.model.supportedUrls,

    doGenerate: (options: LanguageModelV4CallOptions) =>
      attemptEach(async (entry, { abortSignal }) => {
        const started = performance.now();
        const result = await entry.model.doGenerate({ ...options, abortSignal });
        // A model that answers after its time ran out (ignoring the abort) was already reported as a timeout.
        if (abortSignal.aborted) throw abortSignal.reason;
        report({ id: entry.id, provider: entry.provider, outcome: "ok", latencyMs: Math.round(performance.now() - started), usage: flatUsage(result.usage) });
        return result;
      }),

    doStream: (options: LanguageModelV4CallOptions) =>
      attemptEach(async (entry, { abortSignal }) => {
        const started = performance.now();
        const result = await entry.model.doStream({ ...options, abortSignal });
        const reader = result.stream.getReader();
        // The model's first real part decides whether it answers; until then (its preamble: stream-start, metadata)
        // an error or silence still moves on to the next model, and nothing has reached the customer.
        const preamble: LanguageModelV4StreamPart[] = [];
        let head = await reader.read();
        while (!head.done && PREAMBLE.has(head.value.type)) {
          preamble.push(head.value);
          head = await reader.read();
        }
        if (!head.done && head.value.type === "error") {
          void reader.cancel().catch(() => {});
          throw head.value.error;
        }
        if (abortSignal.aborted) throw abortSignal.reason;
        let reported = false;
        const finish = (usage?: LanguageModelV4Usage, error?: unknown) => {
          if (reported) return;
          reported = true;
          report({
            id: entry.id,
            provider: entry.provider,
            outcome: error ? "error" : "ok",
            latencyMs: Math.round(performance.now() - started),
            usage: usage ? flatUsage(usage) : undefined,
            ...(error ? { error: describe(error) } : {}),
          });
        };
        const stream = new ReadableStream<LanguageModelV4StreamPart>({
          start(controller) {
            for (const part of preamble) controller.enqueue(part);
            if (head.done) {
              finish();
              controller.close();
              return;
            }
            controller.enqueue(head.value);
            if (head.value.type === "finish") finish(head.value.usage);
          },
          async pull(controller) {
            try {
              const { done, value } = await reader.read();
              if (done) {
                finish();
                controller.close();
                return;
              }
              if (value.type === "finish") finish(value.usage);
              if (value.type === "error") finish(undefined, value.error);
              controller.enqueue(value);
            } catch (error) {
              finish(undefined, error);
              controller.error(error);
            }
          },
          cancel(reason) {
            finish();
            return reader.cancel(reason);
          },
        });
        return { ...result, stream };
      }),
  };
}
