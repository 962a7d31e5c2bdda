import { log } from "@/lib/log";
import { queueReembedding, runKnowledgeJobs } from "./indexing";

const globalForWorker = globalThis as unknown as {
  __frontdeskKnowledgeWorker?: { timer: NodeJS.Timeout; running: boolean; again: boolean };
};

/** Runs the queue now, or right after the run in progress, in this process. */
export function kickKnowledgeWorker(): void {
  const state = globalForWorker.__frontdeskKnowledgeWorker;
  if (!state) {
    // No loop in this process (a hosted function): work through the queue once; the scheduler covers retries.
    void runKnowledgeJobs({ max: 5 }).catch((error: unknown) => log.error("knowledge.worker_failed", { error }));
    return;
  }
  if (state.running) {
    state.again = true;
    return;
  }
  void tick();
}

async function tick() {
  const state = globalForWorker.__frontdeskKnowledgeWorker;
  if (!state || state.running) return;
  state.running = true;
  try {
    do {
      state.again = false;
      await runKnowledgeJobs();
    } while (state.again);
  } catch (error) {
    log.error("knowledge.worker_failed", { error });
  } finally {
    state.running = false;
  }
}

/**
 * The in-process worker of a long-running server: polls the job table (retries come due on their own), and, once at
 * start, queues re-embedding of anything indexed by another embedding model.
 */
export function startKnowledgeWorker(intervalMs = 2_000): void {
  if (globalForWorker.__frontdeskKnowledgeWorker) return;
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  globalForWorker.__frontdeskKnowledgeWorker = { timer, running: false, again: false };
  queueReembedding()
    .then((queued) => {
      if (queued > 0) log.info("knowledge.reembedding_queued", { documents: queued });
    })
    .catch((error: unknown) => log.error("knowledge.reembedding_failed", { error }));
}

export function stopKnowledgeWorker(): void {
  const state = globalForWorker.__frontdeskKnowledgeWorker;
  if (state) clearInterval(state.timer);
  globalForWorker.__frontdeskKnowledgeWorker = undefined;
}
