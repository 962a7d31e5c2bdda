"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";
import { inboxFormat, type InboxFormat } from "./format";

const FormatContext = createContext<InboxFormat | null>(null);

/** The business's locale and time zone, set once by the inbox layout for every time the inbox shows. */
export function InboxFormatProvider({ locale, timeZone, children }: { locale: string; timeZone: string; children: ReactNode }) {
  const format = useMemo(() => inboxFormat(locale, timeZone), [locale, timeZone]);
  return <FormatContext value={format}>{children}</FormatContext>;
}

export function useInboxFormat(): InboxFormat {
  const format = useContext(FormatContext);
  if (!format) throw new Error("useInboxFormat needs an InboxFormatProvider");
  return format;
}
