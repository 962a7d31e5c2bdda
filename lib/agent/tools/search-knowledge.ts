import { tool } from "ai";
import { z } from "zod";
import { withServiceRole } from "@/lib/db";
import { detectLanguageOf } from "@/lib/knowledge/language";
import { searchKnowledge } from "@/lib/knowledge/search";
import { stripInvisible } from "../guardrails";
import { hasTopicWords, passageSupport } from "../support";
import type { AgentToolFactory } from "./types";

/** Passages the model is shown per search: enough to answer, few enough to keep the prompt (and the bill) small. */
const PASSAGES_PER_SEARCH = 4;
/** Below this support the passages are not about the question: the model is told nothing relevant was found. */
export const MIN_SUPPORT = 0.34;

export const searchKnowledgeTool: AgentToolFactory = (context) =>
  tool({
    description:
      "Search the business's knowledge base (services, prices, policies, FAQ, directions). Use it before answering any question about the business. Cite passages as [n].",
    inputSchema: z.object({ query: z.string().trim().min(1).max(500).describe("What to look up, in the customer's words") }),
    execute: async ({ query }) => {
      const { results } = await withServiceRole((tx) => searchKnowledge(tx, { businessId: context.businessId, query, limit: PASSAGES_PER_SEARCH }));
      const { state } = context;
      const passages = results.map((result) => {
        const known = [...state.passages.values()].find((p) => p.chunkId === result.chunkId);
        const n = known?.n ?? state.passages.size + 1;
        if (!known) state.passages.set(n, { n, title: result.title, documentId: result.documentId, chunkId: result.chunkId });
        state.headings.set(n, `${result.title} ${result.headingPath.join(" ")}`);
        return { n, documentId: result.documentId, title: result.title, heading: result.headingPath.join(" › "), text: stripInvisible(result.content) };
      });
      // Support is measured against the customer's own question as well as the model's query: a model that searches
      // for something else must not make an unrelated passage look relevant.
      const asked = passageSupport(context.question, passages);
      // A question with no content words of its own ("Where are you?") cannot vouch for the query; the query's support
      // counts then, capped so that only a cited answer clears the default threshold.
      // So can a question in another language than the passages ("¿A qué hora es el desayuno?" on English
      // knowledge): its words cannot match theirs, and a hosted model searches in the passages' language.
      const speaks = detectLanguageOf(context.question);
      const written = detectLanguageOf(passages.map((p) => p.text).join("\n"));
      const otherLanguage = speaks.confident && written.confident && speaks.language !== written.language;
      const support = !hasTopicWords(context.question)
        ? Math.min(passageSupport(query, passages), 0.7)
        : otherLanguage
          ? Math.max(asked, Math.min(passageSupport(query, passages), 0.7))
          : Math.max(asked, Math.min(passageSupport(query, passages), asked + 0.2));
      state.support = Math.max(state.support ?? 0, support);
      return { passages, found: support >= MIN_SUPPORT && passages.length > 0 };
    },
  });
