import { describe, expect, it } from "vitest";

import { chunkDocument } from "../chunking";
import { faqToText, KnowledgeInputError, parseFaqCsv, parseKnowledgeFile } from "./index";

function csvError(text: string): KnowledgeInputError {
  try {
    parseFaqCsv(text);
  } catch (error) {
    if (error instanceof KnowledgeInputError) return error;
    throw error;
  }
  throw new Error("expected parseFaqCsv to throw");
}

const csvFile = (text: string) => ({ name: "faq.csv", bytes: new TextEncoder().encode(text) });

describe("parseFaqCsv", () => {
  it("reads quoted commas, quotes and line breaks, with the line each row starts on", () => {
    const csv = [
      "question,answer",
      '"Do you take cards, cash or both?","Both. We take ""all"" cards,',
      'and cash."',
      "",
      "Is there parking?,Yes behind the building",
    ].join("\r\n");
    expect(parseFaqCsv(csv)).toEqual({
      entries: [
        { line: 2, question: "Do you take cards, cash or both?", answer: 'Both. We take "all" cards,\nand cash.' },
        { line: 5, question: "Is there parking?", answer: "Yes behind the building" },
      ],
      errors: [],
    });
  });

  it("accepts header synonyms in any case, extra columns, semicolons and a BOM", () => {
    expect(parseFaqCsv("\uFEFFCategory;Q;Response\nHair;How long is a cut?;45 minutes\n")).toEqual({
      entries: [{ line: 2, question: "How long is a cut?", answer: "45 minutes" }],
      errors: [],
    });
    expect(parseFaqCsv("QUESTIONS,Answers\nA?,B\n").entries).toEqual([{ line: 2, question: "A?", answer: "B" }]);
    expect(parseFaqCsv("question,a,\nA?,B,\n").entries).toEqual([{ line: 2, question: "A?", answer: "B" }]);
  });

  it("names the columns found and the ones expected when the header is wrong", () => {
    const error = csvError("Title,Body\nx,y\n");
    expect(error.code).toBe("invalid_csv");
    expect(error.message).toBe(
      'The first row must name a "question" column and an "answer" column, but this file has "Title", "Body". ' +
        'Rename the columns to "question" and "answer" and upload it again.',
    );
  });

  it("refuses broken quoting for the whole file, naming the line", () => {
    const error = csvError('question,answer\nA?,B\n"Unclosed?,C\nD?,E\n');
    expect(error.code).toBe("invalid_csv");
    expect(error.message).toMatch(/^Line 3 has a quotation mark that is never closed or is out of place\./);
    expect(csvError('question,answer\nA?,B\n\n"Bad"x,C\n').message).toMatch(/^Line 4 /);
  });

  it("reports row problems with their file lines and keeps the good rows", () => {
    const csv = [
      "question,answer",
      '"Multi',
      'line?",Fine', // line 2-3
      ",No question", // 4
      "No answer?,", // 5
      "Too, many, fields", // 6
      "Too few", // 7
      `${"x".repeat(501)},Long question`, // 8
      `Long answer?,${"y".repeat(5001)}`, // 9
      "Last?,<b>Bold</b> <script>alert(1)</script>yes", // 10
    ].join("\n");
    const { entries, errors } = parseFaqCsv(csv);
    expect(entries).toEqual([
      { line: 2, question: "Multi line?", answer: "Fine" },
      { line: 10, question: "Last?", answer: "Bold yes" },
    ]);
    expect(errors).toEqual([
      { line: 4, message: "The question is empty." },
      { line: 5, message: "The answer is empty." },
      { line: 6, message: expect.stringMatching(/^This row has 3 columns but the header has 2\./) },
      { line: 7, message: expect.stringMatching(/^This row has 1 column but the header has 2\./) },
      { line: 8, message: "The question is 501 characters long; the limit is 500." },
      { line: 9, message: "The answer is 5,001 characters long; the limit is 5,000." },
    ]);
  });

  it("refuses more than 2,000 rows", () => {
    const rows = Array.from({ length: 2001 }, (_, i) => `Q${i}?,A${i}`);
    expect(csvError(["question,answer", ...rows].join("\n")).code).toBe("invalid_csv");
    expect(parseFaqCsv(["question,answer", ...rows.slice(0, 2000)].join("\n")).entries).toHaveLength(2000);
  });
});

describe("faqToText", () => {
  it("writes Q:/A: pairs that the chunker splits one pair a chunk", () => {
    const text = faqToText([
      { question: "Do you\ndo nails?", answer: "Yes.\n\nGel and acrylic." },
      { question: "Parking?", answer: "Behind the building." },
    ]);
    expect(text).toBe("Q: Do you do nails?\nA: Yes.\n\nGel and acrylic.\n\nQ: Parking?\nA: Behind the building.");
    const chunks = chunkDocument({ title: "FAQ", kind: "faq", text });
    expect(chunks.map((c) => [c.headingPath, c.text])).toEqual([
      [["Do you do nails?"], "Do you do nails?\n\nYes.\n\nGel and acrylic."],
      [["Parking?"], "Parking?\n\nBehind the building."],
    ]);
  });
});

describe("CSV upload", () => {
  it("becomes an FAQ with its entries", async () => {
    const parsed = await parseKnowledgeFile(csvFile("question,answer\nOpen Sundays?,No\n"));
    expect(parsed).toEqual({
      title: "FAQ",
      kind: "faq",
      format: "csv",
      text: "Q: Open Sundays?\nA: No",
      faqEntries: [{ question: "Open Sundays?", answer: "No" }],
    });
  });

  it("is refused while rows have problems, listing the first ones", async () => {
    const error = await parseKnowledgeFile(csvFile("question,answer\nA?,\nB?,ok\nC?,\n")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnowledgeInputError);
    expect(error).toMatchObject({
      code: "invalid_csv",
      message:
        "2 rows have problems. Line 2: The answer is empty. Line 4: The answer is empty. " +
        "Fix them and upload the file again, or import only the rows without problems.",
    });
  });

  it("is refused when it has a header and no rows", async () => {
    await expect(parseKnowledgeFile(csvFile("question,answer\n"))).rejects.toMatchObject({ code: "invalid_csv" });
  });
});
