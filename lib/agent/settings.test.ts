import { describe, expect, it } from "vitest";
import { aiSettingsPatch } from "./settings";

const issues = (input: unknown) => {
  const result = aiSettingsPatch.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("aiSettingsPatch", () => {
  it("accepts catalogue models, null for the default, and the offline model", () => {
    expect(aiSettingsPatch.parse({ primaryModel: "openai:gpt-4o-mini", fallbackModel: "offline" })).toEqual({ primaryModel: "openai:gpt-4o-mini", fallbackModel: "offline" });
    expect(aiSettingsPatch.parse({ primaryModel: null, fallbackModel: null })).toEqual({ primaryModel: null, fallbackModel: null });
  });

  it("refuses models outside the catalogue and a fallback equal to the main model", () => {
    expect(issues({ primaryModel: "openai:gpt-999" })).toEqual(["primaryModel: choose one of the listed models"]);
    expect(issues({ primaryModel: "x".repeat(200) })[0]).toMatch(/^primaryModel:/);
    expect(issues({ primaryModel: "offline", fallbackModel: "offline" })).toEqual(["fallbackModel: the fallback must differ from the main model"]);
  });

  it("bounds the threshold and the daily budget", () => {
    expect(aiSettingsPatch.parse({ confidenceThreshold: 0.65 }).confidenceThreshold).toBe(0.65);
    expect(issues({ confidenceThreshold: 1.2 })).toEqual(["confidenceThreshold: between 0 and 1"]);
    expect(issues({ confidenceThreshold: -0.1 })).toEqual(["confidenceThreshold: between 0 and 1"]);
    expect(issues({ dailyTokenBudget: 500 })).toEqual(["dailyTokenBudget: at least 1,000 tokens"]);
    expect(issues({ dailyTokenBudget: 1500.5 })).toEqual(["dailyTokenBudget: a whole number"]);
    expect(issues({ dailyTokenBudget: 200_000_000 })).toEqual(["dailyTokenBudget: at most 100,000,000 tokens"]);
  });

  it("strips invisible characters from the instructions the prompt will carry, and refuses unknown fields", () => {
    expect(aiSettingsPatch.parse({ instructions: "  Always greet by name.\u200b\u{E0041}\u{E0042} " }).instructions).toBe("Always greet by name.");
    expect(issues({ instructions: "x".repeat(2001) })).toEqual(["instructions: at most 2,000 characters"]);
    expect(issues({ tokensUsedToday: 0 })[0]).toMatch(/tokensUsedToday/);
  });
});
