import type { ToolSet } from "ai";
import { captureLeadTool } from "./capture-lead";
import { escalateToHumanTool } from "./escalate-to-human";
import { openingHoursTool } from "./opening-hours";
import { searchKnowledgeTool } from "./search-knowledge";
import type { AgentToolFactory, ToolContext } from "./types";

/**
 * The agent's tools by the name the model calls them. A later capability (bookings, inventory, house rules) adds its
 * factory here; the pipeline builds whatever is registered and never names a tool itself.
 */
export const agentToolRegistry: Record<string, AgentToolFactory> = {
  search_knowledge: searchKnowledgeTool,
  opening_hours: openingHoursTool,
  capture_lead: captureLeadTool,
  escalate_to_human: escalateToHumanTool,
};

export function buildAgentTools(context: ToolContext, registry = agentToolRegistry): ToolSet {
  return Object.fromEntries(Object.entries(registry).map(([name, make]) => [name, make(context)]));
}

export { newTurnState, type ToolContext, type TurnState } from "./types";
