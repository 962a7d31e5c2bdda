import { vi } from "vitest";
import { resetConfigForTests } from "@/lib/config";

/** Every variable that decides which chat providers are configured. */
const AI_ENV = [
  "OPENAI_API_KEY",
  "OPENAI_BASE_URL",
  "ANTHROPIC_API_KEY",
  "ANTHROPIC_BASE_URL",
  "LLM_COMPATIBLE_BASE_URL",
  "LLM_COMPATIBLE_API_KEY",
  "LLM_COMPATIBLE_MODELS",
] as const;

export type AiEnv = Partial<Record<(typeof AI_ENV)[number], string>>;

/**
 * Configures exactly the given providers (whatever the machine's environment holds) and forgets the parsed config.
 * Pair it with `restoreAiEnv` in afterEach.
 */
export function setAiEnv(env: AiEnv): void {
  for (const name of AI_ENV) vi.stubEnv(name, env[name]);
  resetConfigForTests();
}

export function restoreAiEnv(): void {
  vi.unstubAllEnvs();
  resetConfigForTests();
}
