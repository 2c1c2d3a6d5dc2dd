// node test/e2e/ui.test.mjs BASE_URL WORKSPACE SHOT_DIR
// Drives the real VS Code workbench served by code-server (see test/e2e/run.sh) the way a user
// would. Each named step waits on what the page shows, never on a fixed delay; the timeouts are
// only upper bounds. Steps run in order and share the page; after a failure the remaining steps
// are skipped (and counted as failed), since they build on what came before.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [baseUrl, workspace, shotDir] = process.argv.slice(2);
if (!baseUrl || !workspace || !shotDir) {
  console.error('usage: node test/e2e/ui.test.mjs BASE_URL WORKSPACE SHOT_DIR');
  process.exit(2);
}

// The first activation starts the extension host and the language server, so allow for a slow machine.
const ACTIVATION_MS = 90_000;
const UI_MS = 30_000;

const POLICY_FOLDER = 'shop';
const POLICY_FILE = 'policies.yaml';
const TYPO = 'namespaceSelecter';
const TYPO_MESSAGE = `Unknown field "${TYPO}"`;
const TYPO_CODE = 'unknown-field';
// A selector's hover lists what it matches, so the schema description is checked on another field.
const DESCRIBED_FIELD = 'policyTypes';
const SELECTOR_FIELD = 'podSelector';

const startedAt = Date.now();
const elapsed = () => `${((Date.now() - startedAt) / 1000).toFixed(1)}s`;

/** @type {{ name: string, run: (page: import('playwright-core').Page) => Promise<string | void> }[]} */
const steps = [];
const step = (name, run) => steps.push({ name, run });

/** The row of the Explorer tree with exactly this name. */
const explorerRow = (page, name) =>
  page.locator('.explorer-folders-view .monaco-list-row').filter({
    has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace('.', '\\.')}$`) }),
  });

/**
 * The rendered token of the active editor whose text is exactly `text`, the lowest on screen when
 * there are several: the sticky-scroll header can cover tokens near the top of the editor.
 */
async function editorToken(page, text) {
  const tokens = page.locator('.editor-instance .view-line span span', {
    hasText: new RegExp(`^${text}$`),
  });
  await tokens.first().waitFor({ timeout: UI_MS });
  let lowest = { index: 0, top: -Infinity };
  for (let index = 0; index < (await tokens.count()); index++) {
    const box = await tokens.nth(index).boundingBox();
    if (box && box.y > lowest.top) {
      lowest = { index, top: box.y };
    }
  }
  return tokens.nth(lowest.index);
}

/** The rendered markdown of a hover whose first bold text matches `title`. */
const hoverTitled = (page, title) =>
  page
    .locator('.monaco-hover .rendered-markdown')
    .filter({
      has: page.locator('strong', {
        hasText: typeof title === 'string' ? new RegExp(`^${title}$`) : title,
      }),
    })
    .first();

/** Points the mouse at a token of the editor and waits for the expected hover to show. */
async function hoverToken(page, text, expected) {
  await (await editorToken(page, text)).hover();
  await expected.waitFor({ timeout: UI_MS });
  return expected;
}

/** Closes the hover, so that it cannot cover the token the next step points at. */
async function dismissHover(page) {
  await page.keyboard.press('Escape');
  await page.mouse.move(1, 1);
  await page.locator('.monaco-hover:visible').first().waitFor({ state: 'hidden', timeout: UI_MS });
}

step('workbench loads', async (page) => {
  await page.goto(`${baseUrl}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: UI_MS });
});

step(`${POLICY_FOLDER}/${POLICY_FILE} opens from the Explorer`, async (page) => {
  const folder = explorerRow(page, POLICY_FOLDER);
  await folder.waitFor({ timeout: UI_MS });
  if ((await folder.getAttribute('aria-expanded')) !== 'true') {
    await folder.click();
  }
  await explorerRow(page, POLICY_FILE).click({ timeout: UI_MS });
  await page
    .locator(`.tabs-container .tab.active:has-text("${POLICY_FILE}")`)
    .waitFor({ timeout: UI_MS });
  await page.locator('.editor-instance .view-lines').waitFor({ timeout: UI_MS });
});

step('status bar shows the language server ready', async (page) => {
  const ready = page.locator('.statusbar-item:has(.codicon-check)', { hasText: 'netpol' });
  await ready.waitFor({ timeout: ACTIVATION_MS });
  return (await ready.getAttribute('aria-label')) ?? '';
});

step(`Problems panel lists ${TYPO_CODE} for "${TYPO}"`, async (page) => {
  await page.keyboard.press('Control+Shift+M');
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: TYPO_MESSAGE }).first();
  await row.waitFor({ timeout: ACTIVATION_MS });
  const text = await row.innerText();
  if (!text.includes(TYPO_CODE)) {
    throw new Error(`the problem does not show its code ${TYPO_CODE}: ${JSON.stringify(text)}`);
  }
  await page.screenshot({ path: join(shotDir, 'problems.png') });
  return text.replace(/\s+/g, ' ');
});

step(`squiggle under "${TYPO}"`, async (page) => {
  // Clicking the problem reveals its line, which may lie below the visible part of the editor.
  await page.locator('.markers-panel .monaco-list-row', { hasText: TYPO_MESSAGE }).first().click();
  await page.locator('.editor-instance .squiggly-error').first().waitFor({ timeout: UI_MS });
  // The squiggle is ours when hovering the mistake shows the diagnostic's message.
  const hover = await hoverToken(
    page,
    TYPO,
    page.locator('.monaco-hover', { hasText: TYPO_MESSAGE }),
  );
  await dismissHover(page);
});

step(`hover on ${DESCRIBED_FIELD} shows its schema description`, async (page) => {
  const hover = await hoverToken(page, DESCRIBED_FIELD, hoverTitled(page, DESCRIBED_FIELD));
  const text = (await hover.innerText()).trim();
  const [title, ...description] = text.split('\n');
  if (!title?.startsWith(DESCRIBED_FIELD) || description.join(' ').trim().length < 20) {
    throw new Error(`hover lacks a description: ${JSON.stringify(text)}`);
  }
  await page.screenshot({ path: join(shotDir, 'hover.png') });
  await dismissHover(page);
  return text.replace(/\s+/g, ' ').slice(0, 100);
});

step(`hover on ${SELECTOR_FIELD} shows what it matches`, async (page) => {
  const hover = await hoverToken(
    page,
    SELECTOR_FIELD,
    hoverTitled(page, /^(spec|ingress|egress)\b/),
  );
  const text = (await hover.innerText()).trim();
  if (!/\bMatches\b/.test(text)) {
    throw new Error(`hover does not say what the selector matches: ${JSON.stringify(text)}`);
  }
  await page.screenshot({ path: join(shotDir, 'selector-hover.png') });
  await dismissHover(page);
  return text.replace(/\s+/g, ' ').slice(0, 100);
});

async function main() {
  mkdirSync(shotDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  let passed = 0;
  let failed = 0;
  for (const { name, run } of steps) {
    if (failed > 0) {
      failed++;
      console.log(`SKIP ${name} (an earlier step failed)`);
      continue;
    }
    try {
      const detail = await run(page);
      passed++;
      console.log(`ok   ${name} [${elapsed()}]${detail ? `: ${detail}` : ''}`);
    } catch (error) {
      failed++;
      console.log(`FAIL ${name} [${elapsed()}]: ${error instanceof Error ? error.message : error}`);
      await page.screenshot({ path: join(shotDir, 'failure.png') }).catch(() => {});
    }
  }
  await browser.close();
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    console.log(`0 passed, ${steps.length} failed`);
    process.exit(1);
  },
);
