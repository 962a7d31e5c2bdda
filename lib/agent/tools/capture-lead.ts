import { randomUUID } from "node:crypto";
import { tool } from "ai";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { withServiceRole } from "@/lib/db";
import { contacts, leads } from "@/lib/db/schema";
import { linesFor } from "../lines";
import type { AgentToolFactory } from "./types";

const email = z.email().max(320);
const phone = z.string().trim().regex(/^\+?[\d\s().-]{7,40}$/, "not a phone number").transform((p) => p.replace(/[^\d+]/g, ""));

export const captureLeadInput = z.object({
  name: z.string().trim().max(200).optional(),
  email: email.optional(),
  phone: phone.optional(),
  intent: z.string().trim().min(1).max(200).describe("What the customer wants, e.g. 'Balayage next Friday'"),
  details: z.string().trim().max(2000).optional(),
});


/**
 * Saves what the customer told us about themselves and what they want. One lead per contact (a second capture
 * updates it), and the contact card gets the name, email and phone too, so staff see who they are talking to.
 */
export const captureLeadTool: AgentToolFactory = (context) =>
  tool({
    description:
      "Save the customer's contact details and what they want when they share a name, email or phone number, or ask to be contacted. Never invent details.",
    inputSchema: captureLeadInput,
    execute: async (input) => {
      if (!input.email && !input.phone) {
        return { saved: false, message: "Ask the customer for an email address or phone number so the team can reach them." };
      }
      const { contactId, conversationId } = context;
      if (contactId === null || conversationId === null) {
        // A preview has no contact to save the details to: the turn goes on as it would, and nothing is written.
        context.state.leadId = randomUUID();
        return { saved: true, leadId: context.state.leadId, message: linesFor(context.language).leadSaved };
      }
      const leadId = await withServiceRole(async (tx) => {
        const { businessId, channel } = context;
        await tx
          .update(contacts)
          .set({
            ...(input.name ? { name: input.name } : {}),
            ...(input.email ? { email: input.email.toLowerCase() } : {}),
            ...(input.phone ? { phone: input.phone } : {}),
          })
          .where(and(eq(contacts.businessId, businessId), eq(contacts.id, contactId)));
        const id = randomUUID();
        const [row] = await tx
          .insert(leads)
          .values({
            id,
            businessId,
            contactId,
            conversationId,
            channel,
            name: input.name ?? "",
            email: input.email?.toLowerCase() ?? null,
            phone: input.phone ?? null,
            intent: input.intent,
            details: input.details ?? "",
          })
          .onConflictDoUpdate({
            target: [leads.businessId, leads.contactId],
            set: {
              conversationId,
              intent: input.intent,
              name: sql`coalesce(nullif(excluded.name, ''), ${leads.name})`,
              email: sql`coalesce(excluded.email, ${leads.email})`,
              phone: sql`coalesce(excluded.phone, ${leads.phone})`,
              details: sql`coalesce(nullif(excluded.details, ''), ${leads.details})`,
            },
          })
          .returning({ id: leads.id });
        return row?.id ?? id;
      });
      context.state.leadId = leadId;
      return { saved: true, leadId, message: linesFor(context.language).leadSaved };
    },
  });
