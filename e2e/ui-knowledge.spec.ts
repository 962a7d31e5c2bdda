import { expect, test } from "@playwright/test";
import { buildPdf } from "../lib/knowledge/parsers/test-fixtures";
import { adasSalon, apiAs, createBusinessVia, expectAccessible, person, signInUi } from "./support";

const FAQ_CSV = [
  "Question,Answer",
  '"Can I bring my dog?","Small dogs are welcome in the waiting area, on a lead."',
  '"Do you sell gift cards?","Yes, from 25 euros, valid for one year."',
  '"Missing answer",',
].join("\n");

test.describe("the knowledge base in the browser", () => {
  test("an owner uploads a PDF and an FAQ CSV, watches them index, and finds answers in the playground", async ({ page, baseURL }) => {
    const ada = person("Ada Lovelace");
    const api = await apiAs(baseURL!, ada);
    const salon = await createBusinessVia(api, adasSalon);
    await signInUi(page, ada);

    await page.goto(`/b/${salon}/knowledge`);
    await expect(page.getByRole("heading", { name: "Knowledge", exact: true })).toBeVisible();
    await expectAccessible(page);

    // A price list as a PDF.
    await page.goto(`/b/${salon}/knowledge/upload`);
    const pdf = await buildPdf([["Ada's Salon price list", "Balayage from 120 euros, about three hours."], ["Men's cut 25 euros."]]);
    await page.getByLabel("Choose a file").setInputFiles({ name: "price-list.pdf", mimeType: "application/pdf", buffer: Buffer.from(pdf) });
    await page.getByRole("button", { name: "Upload" }).click();
    await expect(page).toHaveURL(new RegExp(`/b/${salon}/knowledge$`));

    // An FAQ as CSV: previewed first, the broken row named, only valid rows imported.
    await page.goto(`/b/${salon}/knowledge/upload`);
    await page.getByLabel("Choose a file").setInputFiles({ name: "faq.csv", mimeType: "text/csv", buffer: Buffer.from(FAQ_CSV) });
    await expect(page.getByText(/line 4/i)).toBeVisible();
    await page.getByRole("button", { name: "Import 2 questions" }).click();
    await expect(page).toHaveURL(new RegExp(`/b/${salon}/knowledge$`));

    // Both items finish indexing while the list watches.
    const items = page.getByRole("main").getByRole("listitem");
    await expect(items).toHaveCount(2);
    await expect(items.getByRole("link", { name: /price list/i })).toBeVisible();
    await expect(items.getByRole("link", { name: /faq/i }).first()).toBeVisible();
    await expect(items.getByText("Ready", { exact: true })).toHaveCount(2, { timeout: 30_000 });
    await expectAccessible(page);

    // The playground finds the answer by the customer's own words and links to its source.
    await page.goto(`/b/${salon}/knowledge/playground`);
    const question = page.getByLabel("Ask a question the way a customer would");
    await question.fill("how much is balayage?");
    await page.getByRole("button", { name: "Ask" }).click();
    const first = page.getByRole("article").first();
    await expect(first).toContainText("Balayage from 120 euros");
    await expect(first).toContainText("price list", { ignoreCase: true });
    await expectAccessible(page);

    await question.fill("can i bring my dog");
    await page.getByRole("button", { name: "Ask" }).click();
    await expect(page.getByRole("article").first()).toContainText("Small dogs are welcome");
    await page.getByRole("article").first().getByRole("link").first().click();
    await expect(page).toHaveURL(/#chunk-\d+$/);
    await expect(page.getByText("Small dogs are welcome").first()).toBeVisible();
  });
});
