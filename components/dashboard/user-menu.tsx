"use client";

import { SignOutButton } from "@/components/auth/sign-out-button";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { Dropdown } from "@/components/ui/dropdown";

export function initials(fullName: string, email: string): string {
  const parts = fullName.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? `${parts[0]?.[0] ?? ""}${parts[parts.length - 1]?.[0] ?? ""}` : (parts[0]?.slice(0, 2) ?? email.slice(0, 2));
  return letters.toUpperCase();
}

export function UserMenu({ user }: { user: { fullName: string; email: string } }) {
  return (
    <Dropdown
      align="end"
      buttonLabel={`Account: ${user.fullName || user.email}`}
      buttonClassName="size-11 justify-center rounded-full p-0"
      buttonContent={
        <span
          aria-hidden="true"
          className="flex size-9 items-center justify-center rounded-full bg-secondary text-body-sm font-semibold text-secondary-foreground"
        >
          {initials(user.fullName, user.email)}
        </span>
      }
    >
      <div className="px-2 pt-1 pb-3">
        <p className="truncate font-semibold text-heading">{user.fullName || "Your account"}</p>
        <p className="truncate text-body-sm text-muted-foreground">{user.email}</p>
      </div>
      <div className="border-t border-border px-2 py-3">
        <ThemeToggle />
      </div>
      <div className="border-t border-border pt-2">
        <SignOutButton size="sm" className="w-full justify-start px-2" />
      </div>
    </Dropdown>
  );
}
