import { tool } from "ai";
import { z } from "zod";
import { hoursQuestion } from "../escalation-topics";
import { describeOpeningHours } from "../hours";
import { openingHoursLine } from "../lines";
import type { AgentToolFactory } from "./types";

/**
 * The business's opening hours and whether it is open now, from its profile (Settings → General): the one fact every
 * customer asks and the knowledge base rarely holds. The hours come from the verified business, never from the model.
 */
export const openingHoursTool: AgentToolFactory = (context) =>
  tool({
    description:
      "The business's own opening hours for each day of the week, whether it is open right now, and when it next opens. Not for the time of anything else (a meal, check-in or check-out, a class, a facility): search the knowledge for those.",
    inputSchema: z.object({}),
    execute: async () => {
      const { hours, openingHours } = context;
      // The weekly hours do not answer "what time is breakfast?": whichever model called this, the answer must come
      // from the knowledge, and the profile's certainty must not lend it confidence.
      if (hoursQuestion(context.question) === "other") {
        return { known: false as const, message: null, note: "The customer asks the time of something other than the business's opening hours: search the knowledge instead." };
      }
      if (hours.nextOpenLabel === null) return { known: false as const, message: null };
      context.state.answeredFromProfile = true;
      const week = describeOpeningHours(openingHours);
      // The offline model shows this line as it is: in the customer's language.
      const message = openingHoursLine(hours, openingHours, context.language);
      return { known: true as const, openNow: hours.openNow, today: hours.todayLabel, nextOpen: hours.nextOpenLabel, week, message };
    },
  });
