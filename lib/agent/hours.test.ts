import { describe, expect, it } from "vitest";
import { describeOpeningHours, hoursState } from "./hours";

const salon = {
  mon: [{ open: "09:00", close: "17:00" }],
  tue: [{ open: "09:00", close: "12:00" }, { open: "13:00", close: "19:00" }],
  sat: [{ open: "10:00", close: "14:00" }],
};

describe("hoursState", () => {
  it("is open inside an interval, in the business's time zone", () => {
    // 2026-11-23 is a Monday; 10:30 in Lisbon is 10:30 UTC in November.
    const state = hoursState(salon, "Europe/Lisbon", new Date("2026-11-23T10:30:00Z"));
    expect(state).toMatchObject({ openNow: true, afterHoursLine: null, todayLabel: "Today 9:00–17:00", localTime: "10:30" });
  });

  it("uses the business's zone, not the server's", () => {
    // 10:30 UTC is 05:30 in New York: closed, opens at 9:00 the same day.
    const state = hoursState(salon, "America/New_York", new Date("2026-11-23T10:30:00Z"));
    expect(state.openNow).toBe(false);
    expect(state.afterHoursLine).toBe("We're closed right now — our team will reply from 9:00.");
  });

  it("names tomorrow or the weekday of the next opening", () => {
    expect(hoursState(salon, "UTC", new Date("2026-11-23T18:00:00Z")).nextOpenLabel).toBe("tomorrow at 9:00");
    expect(hoursState(salon, "UTC", new Date("2026-11-24T20:00:00Z")).nextOpenLabel).toBe("Saturday at 10:00");
    expect(hoursState(salon, "UTC", new Date("2026-11-29T12:00:00Z")).nextOpenLabel).toBe("tomorrow at 9:00");
  });

  it("handles a lunch break as closed and the closing minute as closed", () => {
    expect(hoursState(salon, "UTC", new Date("2026-11-24T12:30:00Z"))).toMatchObject({ openNow: false, nextOpenLabel: "13:00" });
    expect(hoursState(salon, "UTC", new Date("2026-11-23T17:00:00Z")).openNow).toBe(false);
  });

  it("promises nothing when no hours are set", () => {
    const state = hoursState({}, "UTC", new Date("2026-11-23T10:00:00Z"));
    expect(state).toMatchObject({ openNow: false, nextOpenLabel: null, afterHoursLine: null, todayLabel: "Closed today" });
  });
});

describe("describeOpeningHours", () => {
  it("lists every day, closed ones too", () => {
    const text = describeOpeningHours(salon);
    expect(text).toContain("Tuesday: 9:00–12:00, 13:00–19:00");
    expect(text).toContain("Sunday: closed");
    expect(text.split("\n")).toHaveLength(7);
  });
});
