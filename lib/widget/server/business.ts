import { and, eq } from "drizzle-orm";
import { withServiceRole, type Db } from "@/lib/db";
import { businesses, widgetSettings } from "@/lib/db/schema";
import { ApiError } from "@/lib/http/errors";

export type WidgetBusiness = {
  business: typeof businesses.$inferSelect;
  settings: typeof widgetSettings.$inferSelect;
};

export const widgetKeyPattern = /^pk_[0-9a-f]{32}$/;

/**
 * The business behind a public widget key: the narrow service lookup every widget request starts from (the key is the
 * only thing a visitor's browser can prove). Unknown and malformed keys are the same 404.
 */
export async function businessByWidgetKey(key: string, db?: Db): Promise<WidgetBusiness> {
  if (!widgetKeyPattern.test(key)) throw new ApiError(404, "not_found", "This chat widget key is not valid");
  const find = (tx: Db) =>
    tx
      .select({ business: businesses, settings: widgetSettings })
      .from(businesses)
      .innerJoin(widgetSettings, eq(widgetSettings.businessId, businesses.id))
      .where(and(eq(businesses.widgetKey, key)));
  const [row] = db ? await find(db) : await withServiceRole(find);
  if (!row) throw new ApiError(404, "not_found", "This chat widget key is not valid");
  return row;
}
