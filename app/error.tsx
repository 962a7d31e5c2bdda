"use client";

import { TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useEffect } from "react";
import { Button, buttonVariants } from "@/components/ui/button";

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <main id="main" className="flex min-h-[70dvh] flex-col items-center justify-center px-6 py-16 text-center">
      <span className="flex size-16 items-center justify-center rounded-full bg-warning-soft text-warning" aria-hidden="true">
        <TriangleAlert className="size-8" />
      </span>
      <h1 className="mt-6 text-h2 text-heading">Something went wrong</h1>
      <p className="mt-2 max-w-md text-body text-muted-foreground">
        This page could not be shown. Try again; if it keeps happening, come back in a few minutes.
      </p>
      {digest ? (
        <p className="mt-3 text-body-sm text-muted-foreground">
          Reference: <span className="font-mono">{digest}</span>
        </p>
      ) : null}
      <div className="mt-8 flex flex-col gap-3 sm:flex-row">
        <Button onClick={() => retry()}>Try again</Button>
        <Link href="/" className={buttonVariants({ variant: "outline" })}>
          Go to Frontdesk
        </Link>
      </div>
    </main>
  );
}
