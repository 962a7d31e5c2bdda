import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { rowsOf, type Db } from "@/lib/db";
import { businesses, widgetSettings } from "@/lib/db/schema";

const origin = z
  .string()
  .trim()
  .refine((value) => value !== "*", "leave the list empty to allow any website")
  .transform((value, ctx) => {
    try {
      const url = new URL(value);
      const bare = value.replace(/\/$/, "");
      if ((url.protocol === "https:" || url.protocol === "http:") && url.origin === bare.toLowerCase().replace(/:443$|(?<=^http:\/\/[^/]+):80$/, "")) return url.origin;
    } catch {
      // reported below
    }
    ctx.addIssue({ code: "custom", message: `"${value}" is not a website origin such as https://example.com (no path)` });
    return z.NEVER;
  });

export const widgetSettingsPatch = z.strictObject({
  color: z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, "use a hex colour such as #4f46e5").transform((c) => c.toLowerCase()).optional(),
  position: z.enum(["right", "left"]).optional(),
  greeting: z.string().trim().min(1, "a greeting is required").max(500, "at most 500 characters").optional(),
  launcherLabel: z.string().trim().min(1, "a label is required").max(40, "at most 40 characters").optional(),
  avatarUrl: z.union([z.url({ protocol: /^https$/, message: "use an https:// image address" }).max(2000), z.null()]).optional(),
  allowedOrigins: z.array(origin).max(50, "at most 50 websites").transform((list) => [...new Set(list)]).optional(),
  privacyNotice: z.string().trim().max(2000, "at most 2,000 characters").optional(),
});
export type WidgetSettingsPatch = z.infer<typeof widgetSettingsPatch>;

export type WidgetSettingsView = {
  color: string;
  position: "right" | "left";
  greeting: string;
  launcherLabel: string;
  avatarUrl: string | null;
  allowedOrigins: string[];
  privacyNotice: string;
  widgetKey: string;
  snippet: string;
};

export const embedSnippet = (key: string) => `<script src="${getConfig().appUrl}/widget.js" data-key="${key}" async></script>`;

export async function getWidgetSettings(db: Db, { businessId }: { businessId: string }): Promise<WidgetSettingsView | null> {
  const [row] = await db
    .select({ settings: widgetSettings, key: businesses.widgetKey })
    .from(widgetSettings)
    .innerJoin(businesses, eq(businesses.id, widgetSettings.businessId))
    .where(eq(widgetSettings.businessId, businessId));
  if (!row) return null;
  const { color, position, greeting, launcherLabel, avatarUrl, allowedOrigins, privacyNotice } = row.settings;
  return { color, position, greeting, launcherLabel, avatarUrl, allowedOrigins, privacyNotice, widgetKey: row.key, snippet: embedSnippet(row.key) };
}

/** Saves the changes (RLS lets owners and admins only); null when nothing was updated. */
export async function updateWidgetSettings(db: Db, { businessId, patch }: { businessId: string; patch: WidgetSettingsPatch }) {
  if (Object.keys(patch).length > 0) {
    const updated = await db.update(widgetSettings).set(patch).where(and(eq(widgetSettings.businessId, businessId))).returning({ id: widgetSettings.businessId });
    if (updated.length === 0) return null;
  }
  return getWidgetSettings(db, { businessId });
}

/** Draws a new public key; sites with the old snippet stop showing the widget and its visitor sessions end. */
export async function regenerateWidgetKey(db: Db, { businessId }: { businessId: string }): Promise<{ widgetKey: string; snippet: string }> {
  const [row] = rowsOf(await db.execute(sql`select public.regenerate_widget_key(${businessId}::uuid) as key`));
  const widgetKey = String(row?.key);
  return { widgetKey, snippet: embedSnippet(widgetKey) };
}
