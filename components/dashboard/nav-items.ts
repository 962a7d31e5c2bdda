import {
  BookOpen,
  CalendarDays,
  ChartColumn,
  Contact,
  Inbox,
  Package,
  Settings,
  type LucideIcon,
} from "lucide-react";

export type SectionKey = "inbox" | "leads" | "bookings" | "knowledge" | "inventory" | "analytics" | "settings";

export const SECTIONS: { key: SectionKey; label: string; icon: LucideIcon; summary: string }[] = [
  { key: "inbox", label: "Inbox", icon: Inbox, summary: "Conversations with your customers" },
  { key: "leads", label: "Leads", icon: Contact, summary: "People the assistant captured" },
  { key: "bookings", label: "Bookings", icon: CalendarDays, summary: "Appointments and reservations" },
  { key: "knowledge", label: "Knowledge", icon: BookOpen, summary: "What the assistant knows" },
  { key: "inventory", label: "Inventory", icon: Package, summary: "Products, services and stock" },
  { key: "analytics", label: "Analytics", icon: ChartColumn, summary: "What the assistant achieved" },
  { key: "settings", label: "Settings", icon: Settings, summary: "Business details, team and email" },
];

/** The four sections with their own tab on phones; the rest live under "More". */
export const PHONE_TABS: SectionKey[] = ["inbox", "leads", "bookings", "knowledge"];

export function sectionHref(businessId: string, key: SectionKey | "more"): string {
  return `/b/${businessId}/${key}`;
}

export function isActive(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}
