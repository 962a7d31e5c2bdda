import { eq } from "drizzle-orm";
import { z } from "zod";
import { defaultChatModelId, isKnownChatModelId, listChatModels } from "@/lib/ai/models";
import type { Db } from "@/lib/db";
import { aiSettings, businesses } from "@/lib/db/schema";
import { stripInvisible } from "./guardrails";
import { tokensUsedToday } from "./context";

const modelId = z.union([z.string().max(128).refine(isKnownChatModelId, "choose one of the listed models"), z.null()]);

export const aiSettingsPatch = z
  .strictObject({
    primaryModel: modelId.optional(),
    fallbackModel: modelId.optional(),
    confidenceThreshold: z.number().min(0, "between 0 and 1").max(1, "between 0 and 1").optional(),
    dailyTokenBudget: z.number().int("a whole number").min(1000, "at least 1,000 tokens").max(100_000_000, "at most 100,000,000 tokens").optional(),
    // Placed in the system prompt as the business's guidance: no control or invisible characters.
    instructions: z.string().max(2000, "at most 2,000 characters").transform((t) => stripInvisible(t).trim()).optional(),
  })
  .refine((p) => !p.primaryModel || p.primaryModel !== p.fallbackModel, { message: "the fallback must differ from the main model", path: ["fallbackModel"] });
export type AiSettingsPatch = z.infer<typeof aiSettingsPatch>;

export async function getAiSettings(db: Db, { businessId }: { businessId: string }) {
  const [row] = await db
    .select({ settings: aiSettings, timeZone: businesses.timeZone })
    .from(aiSettings)
    .innerJoin(businesses, eq(businesses.id, aiSettings.businessId))
    .where(eq(aiSettings.businessId, businessId));
  if (!row) return null;
  const { primaryModel, fallbackModel, confidenceThreshold, dailyTokenBudget, instructions } = row.settings;
  return {
    primaryModel,
    fallbackModel,
    confidenceThreshold,
    dailyTokenBudget,
    instructions,
    defaultModel: defaultChatModelId(),
    models: listChatModels().map(({ id, label, provider, available }) => ({ id, label, provider, available })),
    tokensUsedToday: await tokensUsedToday(db, { businessId, timeZone: row.timeZone }),
  };
}

export async function updateAiSettings(db: Db, { businessId, patch }: { businessId: string; patch: AiSettingsPatch }) {
  if (Object.keys(patch).length > 0) {
    const updated = await db.update(aiSettings).set(patch).where(eq(aiSettings.businessId, businessId)).returning({ id: aiSettings.businessId });
    if (updated.length === 0) return null;
  }
  return getAiSettings(db, { businessId });
}
