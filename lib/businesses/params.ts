import { z } from "zod";

export const businessParams = z.object({ businessId: z.uuid() });
export const memberParams = z.object({ businessId: z.uuid(), userId: z.uuid() });
export const invitationParams = z.object({ businessId: z.uuid(), invitationId: z.uuid() });
export const conversationParams = z.object({ businessId: z.uuid(), conversationId: z.uuid() });
export const itemParams = z.object({ businessId: z.uuid(), id: z.uuid() });
