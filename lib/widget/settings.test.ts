import { describe, expect, it } from "vitest";
import { widgetSettingsPatch } from "./settings";

const issues = (input: unknown) => {
  const result = widgetSettingsPatch.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("widgetSettingsPatch", () => {
  it("normalises origins to scheme://host[:port], dropping duplicates and default ports", () => {
    const parsed = widgetSettingsPatch.parse({
      allowedOrigins: ["https://Lumen-Hair.example/", "https://lumen-hair.example", "http://localhost:8080", "https://shop.example:443"],
    });
    expect(parsed.allowedOrigins).toEqual(["https://lumen-hair.example", "http://localhost:8080", "https://shop.example"]);
  });

  it("refuses origins with a path, other schemes and the wildcard, naming the value", () => {
    expect(issues({ allowedOrigins: ["https://example.com/contact"] })).toEqual([
      'allowedOrigins.0: "https://example.com/contact" is not a website origin such as https://example.com (no path)',
    ]);
    expect(issues({ allowedOrigins: ["ftp://example.com"] })[0]).toContain("not a website origin");
    expect(issues({ allowedOrigins: ["example.com"] })[0]).toContain("not a website origin");
    expect(issues({ allowedOrigins: ["*"] })).toEqual(["allowedOrigins.0: leave the list empty to allow any website"]);
    expect(issues({ allowedOrigins: Array.from({ length: 51 }, (_, i) => `https://s${i}.example`) })).toEqual(["allowedOrigins: at most 50 websites"]);
  });

  it("takes hex colours in lower case and refuses anything else", () => {
    expect(widgetSettingsPatch.parse({ color: " #4F46E5 " }).color).toBe("#4f46e5");
    expect(issues({ color: "red" })).toEqual(["color: use a hex colour such as #4f46e5"]);
    expect(issues({ color: "#fff" })).toEqual(["color: use a hex colour such as #4f46e5"]);
  });

  it("accepts only https avatars, or null to remove it", () => {
    expect(widgetSettingsPatch.parse({ avatarUrl: "https://cdn.example/ada.png" }).avatarUrl).toBe("https://cdn.example/ada.png");
    expect(widgetSettingsPatch.parse({ avatarUrl: null }).avatarUrl).toBeNull();
    expect(issues({ avatarUrl: "http://cdn.example/ada.png" })).toEqual(["avatarUrl: use an https:// image address"]);
    expect(issues({ avatarUrl: "javascript:alert(1)" })).toEqual(["avatarUrl: use an https:// image address"]);
  });

  it("bounds the texts and refuses unknown fields", () => {
    expect(issues({ greeting: "   " })).toEqual(["greeting: a greeting is required"]);
    expect(issues({ greeting: "x".repeat(501) })).toEqual(["greeting: at most 500 characters"]);
    expect(issues({ launcherLabel: "x".repeat(41) })).toEqual(["launcherLabel: at most 40 characters"]);
    expect(issues({ privacyNotice: "x".repeat(2001) })).toEqual(["privacyNotice: at most 2,000 characters"]);
    expect(issues({ position: "top" })[0]).toMatch(/^position:/);
    expect(issues({ widgetKey: "pk_mine" })[0]).toMatch(/widgetKey/);
    expect(widgetSettingsPatch.parse({ privacyNotice: "" }).privacyNotice).toBe("");
  });
});
