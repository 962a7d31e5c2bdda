"use client";

import type { CSSProperties } from "react";
import { Toaster as Sonner } from "sonner";
import { useTheme } from "@/components/theme/use-theme";

// Sonner sets its own system font stack on the container; inherit Inter from <body> instead. Its rich colours
// (green 27% on a pale green, about 4.3:1) fall short of WCAG AA, so toasts take the design tokens, which meet it in
// both themes.
const tone = (name: string, token: string) => ({
  [`--${name}-bg`]: `var(--${token}-soft)`,
  [`--${name}-text`]: `var(--${token})`,
  [`--${name}-border`]: `color-mix(in oklab, var(--${token}) 30%, transparent)`,
});
const TOAST_STYLE = {
  fontFamily: "inherit",
  ...tone("success", "success"),
  ...tone("info", "info"),
  ...tone("warning", "warning"),
  ...tone("error", "danger"),
} as CSSProperties;

export function Toaster() {
  const { resolved } = useTheme();
  return (
    <Sonner
      theme={resolved}
      position="top-center"
      closeButton
      richColors
      style={TOAST_STYLE}
      containerAriaLabel="Notifications"
    />
  );
}
