"use client";

import { useQueryClient } from "@tanstack/react-query";
import { LogOut } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { apiRequest, errorMessage, noContent } from "@/components/api/client";
import { Button, type ButtonProps } from "@/components/ui/button";

/** Ends the session, forgets every cached query of the signed-in user, and goes to sign-in. */
export function useSignOut(to = "/sign-in"): () => Promise<void> {
  const router = useRouter();
  const queryClient = useQueryClient();
  return async () => {
    await apiRequest("/api/auth/sign-out", noContent, { method: "POST" });
    queryClient.clear();
    router.replace(to);
    router.refresh();
  };
}

export function SignOutButton({ className, variant = "ghost", size = "md" }: Pick<ButtonProps, "className" | "variant" | "size">) {
  const signOut = useSignOut();
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant={variant}
      size={size}
      className={className}
      loading={pending}
      onClick={async () => {
        setPending(true);
        try {
          await signOut();
        } catch (error) {
          setPending(false);
          toast.error(errorMessage(error));
        }
      }}
    >
      {pending ? null : <LogOut aria-hidden="true" />}
      Sign out
    </Button>
  );
}
