import { WifiOff } from "lucide-react";
import type { Metadata } from "next";
import { LogoMark } from "@/components/brand/logo";
import { RetryButton } from "@/components/pwa/retry-button";

export const metadata: Metadata = { title: "You're offline", robots: { index: false } };

/** Served by the service worker when a page cannot be fetched; static, so it can be cached at install. */
export default function OfflinePage() {
  return (
    <main id="main" className="flex min-h-dvh flex-col items-center justify-center px-6 py-16 text-center">
      <LogoMark className="size-12" />
      <span className="mt-8 flex size-16 items-center justify-center rounded-full bg-secondary text-heading" aria-hidden="true">
        <WifiOff className="size-8" />
      </span>
      <h1 className="mt-6 text-h2 text-heading">You&apos;re offline</h1>
      <p className="mt-2 max-w-sm text-body text-muted-foreground">
        Frontdesk needs a connection to load this page. Check your Wi-Fi or mobile data, then try again.
      </p>
      <div className="mt-8">
        <RetryButton />
      </div>
    </main>
  );
}
