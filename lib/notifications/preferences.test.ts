import { describe, expect, it } from "vitest";
import { preferencesSchema, type NotificationPreferences } from "./api";
import { availableForHandoffs, defaultPreferences, deliveryFor, inQuietHours, localMinutes, preferencesFromRow } from "./preferences";

const base = (overrides: Partial<NotificationPreferences> = {}): NotificationPreferences => ({ ...defaultPreferences("Europe/London"), ...overrides });
const overnight = (timeZone: string) => base({ quietStart: "22:00", quietEnd: "07:00", timeZone });

describe("default preferences", () => {
  it("toast and push everything, email only handoffs and escalations, on duty, no quiet hours", () => {
    const prefs = defaultPreferences("Europe/Lisbon");
    expect(prefs).toMatchObject({ quietStart: null, quietEnd: null, timeZone: "Europe/Lisbon", onDuty: true });
    expect(Object.entries(prefs.channels).filter(([, c]) => c.email).map(([type]) => type)).toEqual(["handoff", "sla_escalation"]);
    expect(Object.values(prefs.channels).every((c) => c.toast && c.push)).toBe(true);
    // Each call gets its own copy: editing one person's preferences never changes the defaults.
    prefs.channels.handoff.push = false;
    expect(defaultPreferences("UTC").channels.handoff.push).toBe(true);
  });

  it("fills a stored row's gaps with the defaults and reads Postgres times", () => {
    const prefs = preferencesFromRow(
      { channels: { mention: { toast: false }, retired_type: { push: false } }, quietStart: "22:30:00", quietEnd: "06:45:00", timeZone: "Asia/Tokyo", onDuty: false },
      "Europe/London",
    );
    expect(prefs.channels.mention).toEqual({ toast: false, push: true, email: false });
    expect(prefs.channels.handoff).toEqual({ toast: true, push: true, email: true });
    expect(prefs).toMatchObject({ quietStart: "22:30", quietEnd: "06:45", timeZone: "Asia/Tokyo", onDuty: false });
    expect(Object.keys(prefs.channels)).not.toContain("retired_type");
  });

  it("falls back to the business's zone when the stored one is unknown or unset", () => {
    const row = { channels: {}, quietStart: null, quietEnd: null, onDuty: true };
    expect(preferencesFromRow({ ...row, timeZone: "Mars/Olympus" }, "America/Chicago").timeZone).toBe("America/Chicago");
    expect(preferencesFromRow({ ...row, timeZone: null }, "America/Chicago").timeZone).toBe("America/Chicago");
    expect(preferencesFromRow(null, "America/Chicago")).toEqual(defaultPreferences("America/Chicago"));
  });
});

describe("preferences schema", () => {
  const valid = defaultPreferences("Europe/London");

  it("accepts complete preferences with an overnight quiet window", () => {
    expect(preferencesSchema.safeParse({ ...valid, quietStart: "22:00", quietEnd: "07:00" }).success).toBe(true);
  });

  it("names what is wrong", () => {
    const issues = (value: unknown) => preferencesSchema.safeParse(value).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];
    expect(issues({ ...valid, timeZone: "Europe/Atlantis" })).toEqual(["timeZone: choose a time zone such as Europe/London"]);
    expect(issues({ ...valid, quietStart: "22:00" })).toEqual(["quietEnd: set both ends of the quiet hours, or neither"]);
    expect(issues({ ...valid, quietStart: "7:00", quietEnd: "08:00" })).toEqual(["quietStart: use a 24-hour time such as 22:00"]);
    expect(issues({ ...valid, quietStart: "24:00", quietEnd: "08:00" })).toEqual(["quietStart: use a 24-hour time such as 22:00"]);
    expect(issues({ ...valid, quietStart: "08:00", quietEnd: "08:00" })).toEqual(["quietEnd: quiet hours must end at another time than they start"]);
    const { handoff: _dropped, ...partial } = valid.channels;
    expect(issues({ ...valid, channels: partial })[0]).toMatch(/^channels\.handoff/);
  });
});

describe("quiet hours", () => {
  it("cover an overnight window on both sides of midnight, start inclusive, end exclusive", () => {
    const prefs = overnight("UTC");
    expect(inQuietHours(prefs, new Date("2026-12-01T21:59:00Z"))).toBe(false);
    expect(inQuietHours(prefs, new Date("2026-12-01T22:00:00Z"))).toBe(true);
    expect(inQuietHours(prefs, new Date("2026-12-01T23:59:00Z"))).toBe(true);
    expect(inQuietHours(prefs, new Date("2026-12-02T00:00:00Z"))).toBe(true);
    expect(inQuietHours(prefs, new Date("2026-12-02T06:59:00Z"))).toBe(true);
    expect(inQuietHours(prefs, new Date("2026-12-02T07:00:00Z"))).toBe(false);
    expect(inQuietHours(prefs, new Date("2026-12-02T12:00:00Z"))).toBe(false);
  });

  it("cover a daytime window", () => {
    const prefs = base({ quietStart: "12:00", quietEnd: "13:30", timeZone: "UTC" });
    expect(inQuietHours(prefs, new Date("2026-12-01T11:59:00Z"))).toBe(false);
    expect(inQuietHours(prefs, new Date("2026-12-01T13:00:00Z"))).toBe(true);
    expect(inQuietHours(prefs, new Date("2026-12-01T13:30:00Z"))).toBe(false);
  });

  it("follow the person's own clock, not the server's", () => {
    // 05:00 UTC is 14:00 in Tokyo and midnight in New York (winter).
    const at = new Date("2026-12-01T05:00:00Z");
    expect(inQuietHours(overnight("Asia/Tokyo"), at)).toBe(false);
    expect(inQuietHours(overnight("America/New_York"), at)).toBe(true);
    // A half-hour zone: 16:30 UTC is 22:00 in Kolkata.
    expect(inQuietHours(overnight("Asia/Kolkata"), new Date("2026-12-01T16:30:00Z"))).toBe(true);
    expect(inQuietHours(overnight("Asia/Kolkata"), new Date("2026-12-01T16:29:00Z"))).toBe(false);
  });

  it("move with daylight saving time", () => {
    // London is UTC+0 in winter, UTC+1 in summer: 21:30 UTC is 21:30 local in January and 22:30 in July.
    const prefs = overnight("Europe/London");
    expect(inQuietHours(prefs, new Date("2026-01-15T21:30:00Z"))).toBe(false);
    expect(inQuietHours(prefs, new Date("2026-07-15T21:30:00Z"))).toBe(true);
    // The night the clocks go forward (29 March 2026, 01:00 UTC): 06:30 UTC is 07:30 BST, already past the window.
    expect(localMinutes("Europe/London", new Date("2026-03-29T06:30:00Z"))).toBe(7 * 60 + 30);
    expect(inQuietHours(prefs, new Date("2026-03-29T06:30:00Z"))).toBe(false);
    expect(inQuietHours(prefs, new Date("2026-03-29T05:30:00Z"))).toBe(true);
    // The night they go back (25 October 2026): 06:30 UTC is 06:30 GMT, still quiet.
    expect(inQuietHours(prefs, new Date("2026-10-25T06:30:00Z"))).toBe(true);
  });

  it("never apply without both ends", () => {
    expect(inQuietHours(base({ quietStart: null, quietEnd: null }), new Date("2026-12-01T23:00:00Z"))).toBe(false);
  });
});

describe("deliveryFor", () => {
  const night = new Date("2026-12-01T23:00:00Z");
  const day = new Date("2026-12-01T12:00:00Z");

  it("follows the person's channels for the type", () => {
    const prefs = base({ timeZone: "UTC" });
    prefs.channels.mention = { toast: true, push: false, email: true };
    expect(deliveryFor(prefs, "mention", day)).toEqual({ toast: true, sound: true, push: false, email: true });
    expect(deliveryFor(prefs, "handoff", day)).toEqual({ toast: true, sound: true, push: true, email: true });
    expect(deliveryFor(prefs, "sla_reminder", day)).toEqual({ toast: true, sound: true, push: true, email: false });
  });

  it("silences push, email and sound in quiet hours but keeps the toast on an open dashboard", () => {
    expect(deliveryFor(overnight("UTC"), "handoff", night)).toEqual({ toast: true, sound: false, push: false, email: false });
    expect(deliveryFor(overnight("UTC"), "handoff", day)).toEqual({ toast: true, sound: true, push: true, email: true });
  });

  it("never rings for a toast the person turned off", () => {
    const prefs = base({ timeZone: "UTC" });
    prefs.channels.handoff = { toast: false, push: true, email: false };
    expect(deliveryFor(prefs, "handoff", day)).toEqual({ toast: false, sound: false, push: true, email: false });
  });
});

describe("availableForHandoffs", () => {
  it("needs on duty and outside quiet hours", () => {
    const night = new Date("2026-12-01T23:00:00Z");
    expect(availableForHandoffs(base({ timeZone: "UTC" }), night)).toBe(true);
    expect(availableForHandoffs(base({ timeZone: "UTC", onDuty: false }), night)).toBe(false);
    expect(availableForHandoffs(overnight("UTC"), night)).toBe(false);
    expect(availableForHandoffs(overnight("Asia/Tokyo"), night)).toBe(true);
  });
});
