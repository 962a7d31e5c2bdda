"use client";

import { Toaster as Sonner } from "sonner";
import { useTheme } from "@/components/theme/use-theme";

export function Toaster() {
  const { resolved } = useTheme();
  return (
    <Sonner
      theme={resolved}
      position="top-center"
      closeButton
      richColors
      // Sonner sets its own system font stack on the container; inherit Inter from <body> instead.
      style={{ fontFamily: "inherit" }}
      containerAriaLabel="Notifications"
    />
  );
}
