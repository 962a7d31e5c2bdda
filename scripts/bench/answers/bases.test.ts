// Checks the cases can be passed at all, never how the agent does on them: a fact no file states would be a miss
// whatever the assistant did, and a held-out notice left in an upload would be read by the assistant.
import { describe, expect, it } from "vitest";
import { BASES, ownerFile } from "./bases";
import { amountsNotInKnowledge, knownText } from "./judge";

describe.each(BASES.map((b) => [b.name, b] as const))("bench:answers base %s", (_name, base) => {
  const files = base.files.map((f) => ownerFile(base, f.file));

  it("has the issue's minimum of cases of each kind", () => {
    const count = (kind: string) => base.cases.filter((c) => c.kind === kind).length;
    expect(count("answerable")).toBeGreaterThanOrEqual(40);
    expect(count("unanswerable")).toBeGreaterThanOrEqual(10);
    expect(count("escalation")).toBeGreaterThanOrEqual(15);
    expect(count("smalltalk")).toBeGreaterThanOrEqual(3);
    expect(new Set(base.cases.map((c) => c.q)).size).toBe(base.cases.length);
  });

  it("states every fact an answerable case expects somewhere in its files", () => {
    const text = files.join("\n");
    const impossible = base.cases.flatMap((c) => (c.kind === "answerable" ? c.facts.filter((f) => !new RegExp(f, "i").test(text)).map((f) => `${c.q}: /${f}/`) : []));
    expect(impossible).toEqual([]);
  });

  it("uploads no held-out notice or bench comment", () => {
    for (const text of files) expect(text).not.toMatch(/HELD-OUT|bench:answers|<!--/);
  });
});

describe("knownText", () => {
  it("counts the profile's opening hours as known, so a hand-off line naming them is not an invention", () => {
    const known = knownText(["Rooms from €68."], { mon: [{ open: "09:30", close: "13:30" }] });
    expect(amountsNotInKnowledge("Our team will reply from tomorrow at 9:30.", known)).toEqual([]);
    expect(amountsNotInKnowledge("Our team will reply from tomorrow at 9:30.", "Rooms from €68.")).toEqual(["9:30"]);
  });
});
