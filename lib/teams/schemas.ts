import { z } from "zod";
import { memberRoles } from "@/lib/db/schema";

export const roleSchema = z.enum(memberRoles, { message: "role must be owner, admin or agent" });

export const invitationInputSchema = z.strictObject({
  role: roleSchema,
  email: z.email("enter a valid email").max(320).optional(),
  expiresInDays: z.number().int().min(1, "at least 1 day").max(30, "at most 30 days").default(7),
});
export type InvitationInput = z.infer<typeof invitationInputSchema>;

export const roleChangeSchema = z.strictObject({ role: roleSchema });
export const inviteTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, "malformed invitation token");
