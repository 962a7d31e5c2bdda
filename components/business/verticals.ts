import { Building2, Dumbbell, GraduationCap, Hotel, Scissors, Stethoscope, Store, type LucideIcon } from "lucide-react";

export const VERTICALS = ["salon", "clinic", "hotel", "retail", "academy", "fitness", "other"] as const;
export type Vertical = (typeof VERTICALS)[number];

export const VERTICAL_INFO: Record<Vertical, { label: string; example: string; icon: LucideIcon }> = {
  salon: { label: "Salon", example: "Hair, beauty, spa", icon: Scissors },
  clinic: { label: "Clinic", example: "Dental, physio, vets", icon: Stethoscope },
  hotel: { label: "Hotel", example: "B&Bs, guest houses", icon: Hotel },
  retail: { label: "Shop", example: "Boutiques, stores", icon: Store },
  academy: { label: "Academy", example: "Tutoring, classes", icon: GraduationCap },
  fitness: { label: "Gym & fitness", example: "Gyms, studios", icon: Dumbbell },
  other: { label: "Something else", example: "Any other business", icon: Building2 },
};

export function isVertical(value: string): value is Vertical {
  return (VERTICALS as readonly string[]).includes(value);
}

export function verticalLabel(value: string): string {
  return isVertical(value) ? VERTICAL_INFO[value].label : value;
}
