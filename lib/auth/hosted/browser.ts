import { createBrowserClient } from "@supabase/ssr";
import type { SupabaseClient } from "@supabase/supabase-js";
import { z } from "zod";

const publicEnv = z.object({
  url: z.url(),
  key: z.string().min(1),
});

/**
 * The Supabase client for client components (Realtime), reading the same `sb-…-auth-token` cookies the server
 * writes. Null when the build has no Supabase project configured (embedded mode). One client per page.
 */
export function browserSupabase(): SupabaseClient | null {
  // Written out in full so Next.js inlines them into the client bundle.
  const parsed = publicEnv.safeParse({
    url: process.env.NEXT_PUBLIC_SUPABASE_URL,
    key: process.env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY || process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY,
  });
  if (!parsed.success) return null;
  return createBrowserClient(parsed.data.url, parsed.data.key, {
    cookieOptions: { secure: typeof location !== "undefined" && location.protocol === "https:" },
  });
}
