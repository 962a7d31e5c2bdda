import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { adasSalon, apiAs, createBusinessVia, expectAccessible, person, signInUi } from "./support";

// Where the screenshots go for a person to look at: never into the repository.
const SHOTS = process.env.PLAYGROUND_SCREENSHOTS ?? "/tmp";

const VISITING = "# Parking\n\nFree parking behind the building, entrance on Rua do Norte.\n\n# Pets\n\nWell-behaved dogs are welcome in the salon.";

async function addArticle(api: APIRequestContext, businessId: string, title: string, body: string) {
  const created = await api.post(`/api/businesses/${businessId}/knowledge`, { data: { kind: "article", title, body, category: "location" } });
  expect(created.status(), await created.text()).toBe(201);
  const { document } = (await created.json()) as { document: { id: string } };
  await expect
    .poll(async () => ((await (await api.get(`/api/businesses/${businessId}/knowledge/${document.id}`)).json()) as { document: { status: string } }).document.status, {
      timeout: 30_000,
    })
    .toBe("ready");
}

async function ask(page: Page, question: string) {
  await page.getByLabel("Ask a question the way a customer would").fill(question);
  await page.getByRole("button", { name: "Ask", exact: true }).click();
  await expect(page.getByRole("heading", { name: "What a customer would read" })).toBeVisible();
}

const reply = (page: Page) => page.getByRole("region", { name: "What a customer would read" });

test.describe("the knowledge playground", () => {
  test("shows the reply a customer would get, its verdict and sources, then passages with matches that mean something", async ({ page, baseURL }) => {
    const ada = person("Ada Lovelace");
    const api = await apiAs(baseURL!, ada);
    const salon = await createBusinessVia(api, adasSalon);
    await addArticle(api, salon, "Visiting us", VISITING);
    await signInUi(page, ada);

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/b/${salon}/knowledge/playground`);
    await expectAccessible(page);

    // An answerable question: the reply as the widget would send it, confident, citing its passage.
    await ask(page, "Is there parking?");
    await expect(reply(page).getByLabel("The assistant's reply")).toContainText("Free parking behind the building");
    await expect(reply(page)).toContainText("Confident");
    await expect(reply(page).getByRole("link", { name: /\[1\] Visiting us/ })).toBeVisible();
    const first = page.getByRole("article").first();
    await expect(first).toContainText("Strong match");
    await expect(first).toContainText("Quoted in the reply as [1]");
    await expect(first).not.toContainText("%");
    await expectAccessible(page);
    await page.screenshot({ path: `${SHOTS}/h5-playground-1280.png`, fullPage: true });

    // A passage that holds one of two words: a partial match, and no warning that nothing shares a word.
    await ask(page, "How much does parking cost?");
    await expect(page.getByRole("article").first()).toContainText("Partial match");
    await expect(page.getByRole("article").first().getByRole("list", { name: "Words of your question" })).toContainText("cost (not in this passage)");
    await expect(page.getByText(/None of these holds a word/)).toHaveCount(0);

    // A request for a person, and a question the knowledge cannot answer: handed to the team, saying why.
    await ask(page, "I want to talk to a person");
    await expect(reply(page)).toContainText("Would pass to your team");
    await expect(reply(page)).toContainText("asks for a person");
    await ask(page, "Do you repair bicycle gearboxes?");
    await expect(reply(page)).toContainText("Unsure — would pass to your team");
    await expect(reply(page).getByRole("link", { name: "Answer it in an FAQ" })).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: `${SHOTS}/h5-playground-handoff-1280.png`, fullPage: true });

    // On a phone: nothing wider than the screen, and still accessible.
    await page.setViewportSize({ width: 375, height: 800 });
    await ask(page, "Is there parking?");
    await expect(reply(page)).toContainText("Confident");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectAccessible(page);
    await page.screenshot({ path: `${SHOTS}/h5-playground-375.png`, fullPage: true });

    // Nothing the previews did reached the inbox.
    const inbox = (await (await api.get(`/api/businesses/${salon}/conversations?view=all`)).json()) as { items: unknown[] };
    expect(inbox.items).toEqual([]);
  });

  test("says what went wrong when the preview fails, and keeps the question", async ({ page, baseURL }) => {
    const ada = person("Ada Lovelace");
    const api = await apiAs(baseURL!, ada);
    const salon = await createBusinessVia(api, adasSalon);
    await signInUi(page, ada);
    await page.goto(`/b/${salon}/knowledge/playground`);

    await page.getByRole("button", { name: "Ask", exact: true }).click();
    await expect(page.getByText("Type a question first.")).toBeVisible();

    await page.route("**/knowledge/preview-answer", (route) =>
      route.fulfill({
        status: 429,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "rate_limited", message: "That's a lot of questions at once: try again in 12 seconds." } }),
      }),
    );
    await page.getByLabel("Ask a question the way a customer would").fill("Is there parking?");
    await page.getByRole("button", { name: "Ask", exact: true }).click();
    await expect(page.getByText("try again in 12 seconds")).toBeVisible();
    await expect(page.getByLabel("Ask a question the way a customer would")).toHaveValue("Is there parking?");
    await expectAccessible(page);
  });
});
