import { describe, expect, it } from "vitest";
import { businessInputSchema, businessUpdateSchema, openingHoursSchema } from "./schemas";

const valid = {
  name: "Ada's Salon",
  vertical: "salon",
  timeZone: "Europe/Lisbon",
  currency: "EUR",
  openingHours: {
    mon: [],
    tue: [
      { open: "09:00", close: "13:00" },
      { open: "14:00", close: "19:00" },
    ],
  },
};

describe("businessInputSchema", () => {
  it("accepts a business with split shifts and closed days, defaulting the locale", () => {
    const parsed = businessInputSchema.parse(valid);
    expect(parsed.locale).toBe("en");
    expect(parsed.openingHours.tue).toHaveLength(2);
  });
  it("names each bad field", () => {
    const result = businessInputSchema.safeParse({ ...valid, vertical: "bakery", timeZone: "Mars/Olympus", currency: "EURO" });
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((i) => i.path.join("."));
    expect(fields).toEqual(expect.arrayContaining(["vertical", "timeZone", "currency"]));
  });
  it("rejects an unknown currency code that looks right", () => {
    expect(businessInputSchema.safeParse({ ...valid, currency: "ZZZ" }).success).toBe(false);
  });
  it("rejects unknown keys instead of ignoring them", () => {
    expect(businessInputSchema.safeParse({ ...valid, widgetKey: "pk_mine" }).success).toBe(false);
  });
});

describe("openingHoursSchema", () => {
  it("rejects overlapping intervals and closing before opening", () => {
    expect(
      openingHoursSchema.safeParse({
        wed: [
          { open: "09:00", close: "14:00" },
          { open: "13:00", close: "18:00" },
        ],
      }).success,
    ).toBe(false);
    expect(openingHoursSchema.safeParse({ thu: [{ open: "18:00", close: "09:00" }] }).success).toBe(false);
  });
  it("accepts a day that runs to midnight and rejects a bad weekday", () => {
    expect(openingHoursSchema.safeParse({ fri: [{ open: "18:00", close: "24:00" }] }).success).toBe(true);
    expect(openingHoursSchema.safeParse({ funday: [] }).success).toBe(false);
  });
});

describe("businessUpdateSchema", () => {
  it("needs at least one field", () => {
    expect(businessUpdateSchema.safeParse({}).success).toBe(false);
    expect(businessUpdateSchema.safeParse({ name: "Bob's Bikes" }).success).toBe(true);
  });
});
