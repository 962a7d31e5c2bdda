"use client";

import { Eye, EyeOff } from "lucide-react";
import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { InputProps } from "@/components/ui/input";

/** A password input with a show/hide toggle. */
export function PasswordField({
  id,
  label,
  error,
  hint,
  ...props
}: Omit<InputProps, "type"> & { id: string; label: string; error?: string | null; hint?: ReactNode }) {
  const [visible, setVisible] = useState(false);
  return (
    <TextField
      id={id}
      label={label}
      error={error}
      hint={hint}
      type={visible ? "text" : "password"}
      spellCheck={false}
      autoCapitalize="none"
      {...props}
      trailing={
        <Button
          variant="ghost"
          size="icon"
          aria-label={visible ? "Hide password" : "Show password"}
          aria-pressed={visible}
          aria-controls={id}
          onClick={() => setVisible((v) => !v)}
        >
          {visible ? <EyeOff aria-hidden="true" /> : <Eye aria-hidden="true" />}
        </Button>
      }
    />
  );
}
