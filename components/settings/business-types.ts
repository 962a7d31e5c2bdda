import type { OpeningHours } from "@/components/business/opening-hours";

/** The business fields the settings screens read (a structural subset of the backend's Business). */
export type BusinessProfile = {
  id: string;
  name: string;
  vertical: string;
  timeZone: string;
  currency: string;
  locale: string | null;
  openingHours: OpeningHours;
};

export type TeamRole = "owner" | "admin" | "agent";
