import { Compass } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { LogoMark } from "@/components/brand/logo";
import { buttonVariants } from "@/components/ui/button";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <main id="main" className="flex min-h-dvh flex-col items-center justify-center px-6 py-16 text-center">
      <LogoMark className="size-12" />
      <span className="mt-8 flex size-16 items-center justify-center rounded-full bg-secondary text-heading" aria-hidden="true">
        <Compass className="size-8" />
      </span>
      <p className="mt-6 text-caption tracking-widest text-muted-foreground uppercase">Error 404</p>
      <h1 className="mt-2 text-h2 text-heading">We couldn&apos;t find that page</h1>
      <p className="mt-2 max-w-md text-body text-muted-foreground">
        The link may be old or mistyped, or the page belongs to a business you are not a member of.
      </p>
      <Link href="/" className={buttonVariants({ className: "mt-8" })}>
        Go to Frontdesk
      </Link>
    </main>
  );
}
