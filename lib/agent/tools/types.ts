import type { Tool } from "ai";
import type { Channel, MessageSource } from "@/lib/db/schema";
import type { HandoffReason } from "@/lib/conversations/handoff";
import type { OpeningHours } from "@/lib/db/schema";
import type { HoursState } from "../hours";

/** What one turn's tools learned, read by the pipeline afterwards to score and store the reply. */
export type TurnState = {
  /** Passages the model was shown, by citation number. */
  passages: Map<number, MessageSource>;
  /** Each passage's title and heading, by citation number: what a quoted sentence is about (the reply's fit). */
  headings: Map<number, string>;
  /** Best support of a search this turn (0..1), null when nothing was searched. */
  support: number | null;
  handoff: { reason: HandoffReason; message: string } | null;
  leadId: string | null;
  /** A tool answered from the business's own profile (its opening hours): a fact, not a retrieved passage. */
  answeredFromProfile: boolean;
};

/**
 * What a tool may know about the turn. The business id comes from the verified widget key or webhook signature, never
 * from the model: every tool reaches only this business's data whatever the model asks for.
 */
export type ToolContext = {
  businessId: string;
  /**
   * The stored conversation and its contact, which a tool may act on (hand it off, save a lead). Null when an owner
   * previews an answer in the knowledge playground: there is no conversation, so a tool says what it would do and
   * writes nothing.
   */
  conversationId: string | null;
  contactId: string | null;
  channel: Channel;
  /** The customer's message this turn answers. */
  question: string;
  /** The customer's language ("es"), for the lines a tool hands back to be shown as they are (lib/agent/lines.ts). */
  language: string;
  hours: HoursState;
  /** The business's weekly hours (its profile), in its own time zone. */
  openingHours: OpeningHours;
  state: TurnState;
};

/** A tool of the agent: later capabilities (bookings, inventory, rules) add factories to the registry. */
export type AgentToolFactory = (context: ToolContext) => Tool;

export const newTurnState = (): TurnState => ({ passages: new Map(), headings: new Map(), support: null, handoff: null, leadId: null, answeredFromProfile: false });
