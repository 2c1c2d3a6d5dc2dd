// node test/e2e/ui.test.mjs BASE_URL WORKSPACE SHOT_DIR
// Drives the real VS Code workbench served by code-server (see test/e2e/run.sh) the way a user
// would. Each named step waits on what the page shows, never on a fixed delay; the timeouts are
// only upper bounds. Steps run in order and share the page; after a failure the remaining steps
// are skipped (and counted as failed), since they build on what came before.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [baseUrl, workspace, shotDir] = process.argv.slice(2);
if (!baseUrl || !workspace || !shotDir) {
  console.error('usage: node test/e2e/ui.test.mjs BASE_URL WORKSPACE SHOT_DIR');
  process.exit(2);
}

// The first activation starts the extension host and the language server, so allow for a slow machine.
const ACTIVATION_MS = 90_000;
const VIEWPORT = { width: 1400, height: 900 };
// Long hovers (a flow's explanation and log records) get a taller window for their screenshot.
const TALL = { width: 1400, height: 1300 };
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
  return hoverUntil(page, async () => (await editorToken(page, text)).hover(), expected);
}

/**
 * Points the mouse (with `point`) until `expected` shows. A code lens that resolves, or a
 * diagnostic that arrives, moves the text under a still mouse and closes its hover; a real
 * user would move the mouse again, so each attempt points afresh.
 */
async function hoverUntil(page, point, expected, timeout = UI_MS) {
  const deadline = Date.now() + timeout;
  for (;;) {
    await point();
    try {
      await expected.waitFor({ timeout: Math.min(8_000, Math.max(1, deadline - Date.now())) });
      return expected;
    } catch (error) {
      if (Date.now() >= deadline) {
        throw error;
      }
      await page.mouse.move(1, 1);
    }
  }
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

// --- Code lens, log preview, Simulate Flow, completion, quick fix (issues 4 and 5) ---------------

const FLOWS_FILE = 'flows.yaml';
const DENIED_FLOW = 'denied connections into payments are logged';
const FAILING_FLOW = 'prometheus scrapes the API';
const SIMULATED = { from: 'shop/web', to: 'shop/api', port: '8080', protocol: 'TCP' };
const SIMULATED_NAME = `${SIMULATED.from} to ${SIMULATED.to} on ${SIMULATED.port}/${SIMULATED.protocol}`;
const FIXED_FIELD = 'namespaceSelector';

/** The active editor group: with editors side by side, only its editor is the one being driven. */
const activeGroup = (page) => page.locator('.editor-group-container.active');
/** The rendered lines of the active group's editor. */
const activeLines = (page) => activeGroup(page).locator('.editor-instance .view-lines');

/** A regular expression matching `text` literally, spaces included (Monaco renders some as U+00A0). */
const literal = (text) =>
  text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s\\u00a0]');

/** Waits until the active tab is `title` (a string: an exact match; a RegExp: tested). */
async function waitActiveTab(page, title) {
  const pattern = typeof title === 'string' ? new RegExp(`^${literal(title)}$`) : title;
  await page
    .locator('.editor-group-container.active .tabs-container .tab.active .monaco-icon-label-container', {
      hasText: pattern,
    })
    .waitFor({ timeout: UI_MS });
}

/** Opens a file of the policy folder by clicking its Explorer row, and waits for its editor. */
async function openFromExplorer(page, folder, file) {
  const row = explorerRow(page, folder);
  await row.waitFor({ timeout: UI_MS });
  if ((await row.getAttribute('aria-expanded')) !== 'true') {
    await row.click();
  }
  await explorerRow(page, file).click({ timeout: UI_MS });
  await waitActiveTab(page, file);
  await activeLines(page).waitFor({ timeout: UI_MS });
}

/** The quick input (command palette, quick pick) once it shows this placeholder. */
async function quickInput(page, placeholder) {
  const input = page.locator('.quick-input-widget .quick-input-box input', {
    has: page.locator(':scope'),
  });
  const widget = page.locator('.quick-input-widget');
  await widget.waitFor({ timeout: UI_MS });
  const matching = page.locator(`.quick-input-widget .quick-input-box input[placeholder=${JSON.stringify(placeholder)}]`);
  await matching.waitFor({ timeout: UI_MS });
  void input;
  return matching;
}

/** In an open quick pick, the row whose label is exactly `label`. */
const quickPickRow = (page, label) =>
  page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({
    has: page.locator('.label-name', { hasText: new RegExp(`^${literal(label)}$`) }),
  });

/** Waits for the quick pick with this placeholder, filters it by typing and picks `label`. */
async function pick(page, placeholder, label, filter = label) {
  const input = await quickInput(page, placeholder);
  await input.fill(filter);
  const row = quickPickRow(page, label).first();
  await row.waitFor({ timeout: UI_MS });
  await row.click();
  // The next pick reuses the widget: wait until this one has gone.
  await page
    .locator(`.quick-input-widget .quick-input-box input[placeholder=${JSON.stringify(placeholder)}]`)
    .waitFor({ state: 'hidden', timeout: UI_MS });
}

/** Runs a command from the command palette (F1) by its full title. */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ timeout: UI_MS });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', {
    has: page.locator('.label-name', { hasText: new RegExp(`^${literal(title)}$`) }),
  });
  await row.first().waitFor({ timeout: UI_MS });
  await row.first().click();
}

/** Moves the cursor of the active editor to LINE:COLUMN (1-based) with Go to Line (Ctrl+G). */
async function goTo(page, line, column = 1) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ timeout: UI_MS });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: UI_MS });
  await page
    .locator('.statusbar-item', { hasText: new RegExp(`^Ln ${line}, Col ${column}\\b`) })
    .first()
    .waitFor({ timeout: UI_MS });
}

/** Gives the keyboard to the active editor, by clicking its tab. */
async function focusEditor(page) {
  await activeGroup(page).locator('.tabs-container .tab.active').click();
  await activeGroup(page).locator('.monaco-editor.focused').waitFor({ timeout: UI_MS });
}

/**
 * Drags the bottom edge of the open hover down, as a user does to read a long hover whole; the
 * mouse then rests on the hover, which keeps it open.
 */
async function enlargeHover(page, hover, by = 800) {
  const box = await hover.boundingBox();
  if (!box) {
    throw new Error('the hover is not on screen');
  }
  // The hover's own bottom edge: other (hidden) hovers have sashes too.
  const edge = page
    .locator('.monaco-resizable-hover', { has: hover })
    .locator('.monaco-sash.orthogonal-edge-south');
  const sash = (await edge.count()) ? await edge.first().boundingBox() : null;
  const x = sash ? sash.x + sash.width / 2 : box.x + box.width / 2;
  const y = sash ? sash.y + sash.height / 2 : box.y + box.height - 1;
  // Straight into the hover, then onto its edge: a path over the text would start another hover.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y + by, { steps: 8 });
  await page.mouse.up();
  await page.mouse.move(box.x + box.width / 2, box.y + 20);
  await page.waitForFunction(
    ([selector, height]) =>
      [...document.querySelectorAll(selector)].some(
        (element) => element.getBoundingClientRect().height > height + 50,
      ),
    ['.monaco-hover', box.height],
    { timeout: UI_MS },
  );
}

/** Shows or hides the primary side bar (Ctrl+B). */
async function toggleSideBar(page, visible) {
  const bar = page.locator('.part.sidebar');
  if ((await bar.isVisible()) !== visible) {
    await page.keyboard.press('Control+B');
    await bar.waitFor({ state: visible ? 'visible' : 'hidden', timeout: UI_MS });
  }
}

/** Hides the panel (Problems and the like), so that the editors get the whole height. */
async function closePanel(page) {
  const panel = page.locator('.part.panel');
  if (await panel.isVisible()) {
    await page.keyboard.press('Control+J');
    await panel.waitFor({ state: 'hidden', timeout: UI_MS });
  }
}

/**
 * Scrolls the active editor (Ctrl+Down, one line at a time) until the cursor is `lines` lines
 * from its top: near, but below the sticky-scroll header that covers the first lines.
 */
async function scrollCursorNearTop(page, lines = 5) {
  // Not .view-lines: that layer moves as the editor scrolls.
  const editor = activeGroup(page).locator('.editor-instance .overflow-guard').first();
  const top = (await editor.boundingBox())?.y ?? 0;
  for (let i = 0; i < 200; i++) {
    const box = await activeCursor(page).boundingBox();
    if (box && box.y <= top + lines * box.height + 1) {
      return;
    }
    await page.keyboard.press('Control+ArrowDown');
  }
  throw new Error('the editor would not scroll the cursor to its top');
}

/** The cursor of the active editor, as drawn. */
const activeCursor = (page) => activeGroup(page).locator('.cursors-layer .cursor').first();

/** Points the mouse a few characters right of the active editor's cursor. */
async function hoverAtCursor(page, characters = 2) {
  const cursor = activeCursor(page);
  await cursor.waitFor({ timeout: UI_MS });
  const box = await cursor.boundingBox();
  if (!box) {
    throw new Error('the cursor is not on screen');
  }
  // One character is about half the line height wide in the default font.
  await page.mouse.move(box.x + (characters * box.height) / 2, box.y + box.height / 2, {
    steps: 4,
  });
}

/** The 1-based number of the first line of FILE (in the scratch workspace) that matches. */
function lineOf(file, pattern, after = 0) {
  const lines = readFileSync(join(workspace, POLICY_FOLDER, file), 'utf8').split('\n');
  const index = lines.findIndex((line, i) => i >= after && pattern.test(line));
  if (index < 0) {
    throw new Error(`${file} has no line matching ${pattern}`);
  }
  return index + 1;
}

/** The Problems panel, showing only the problems whose text contains `filter`. */
async function problemsFiltered(page, filter) {
  await page.keyboard.press('Control+Shift+M');
  const box = page.locator('.markers-panel-container, .panel').locator('.viewpane-filter input');
  await box.first().waitFor({ timeout: UI_MS });
  await box.first().fill(filter);
  return page.locator('.markers-panel .monaco-list-row');
}

step('code lens above each policy says which pods it selects', async (page) => {
  // Back to the top of policies.yaml, whose first policies select pods.
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  const lens = activeGroup(page)
    .locator('.codelens-decoration a:visible', { hasText: /^selects \d+ pods?/ })
    .first();
  await lens.waitFor({ timeout: ACTIVATION_MS });
  const text = await lens.innerText();
  await page.screenshot({ path: join(shotDir, 'code-lens.png') });
  return text;
});

step(`hover on the flow "${DENIED_FLOW}" shows its deny record`, async (page) => {
  await openFromExplorer(page, POLICY_FOLDER, FLOWS_FILE);
  const name = lineOf(FLOWS_FILE, new RegExp(`name: ${literal(DENIED_FLOW)}$`));
  const from = lineOf(FLOWS_FILE, /^\s+from: /, name);
  const column = readFileSync(join(workspace, POLICY_FOLDER, FLOWS_FILE), 'utf8')
    .split('\n')[from - 1].indexOf('from:') + 1;
  // Room for the whole hover: a taller window, no panel, and the line near the top so that the
  // hover opens below it.
  await page.setViewportSize(TALL);
  await closePanel(page);
  await goTo(page, from, column);
  await scrollCursorNearTop(page);
  const hover = page.locator('.monaco-hover', { hasText: /"disposition":\s*"deny"/ }).first();
  await hoverUntil(page, () => hoverAtCursor(page, 2), hover);
  await enlargeHover(page, hover);
  const text = await hover.innerText();
  await page.screenshot({ path: join(shotDir, 'flow-hover.png') });
  await dismissHover(page);
  await page.setViewportSize(VIEWPORT);
  return text.replace(/\s+/g, ' ').slice(0, 120);
});

step('"NetworkPolicy: Show Log Preview" opens the coloured log preview beside', async (page) => {
  // The side bar makes room for the two editors side by side; it comes back at the end.
  await toggleSideBar(page, false);
  await runCommand(page, 'NetworkPolicy: Show Log Preview');
  await waitActiveTab(page, /\(Log preview\)$/);
  const lines = activeLines(page);
  await lines.locator('.view-line', { hasText: '# Log preview' }).first().waitFor({ timeout: UI_MS });
  // Compact JSON records are long: wrap them (View: Toggle Word Wrap) so the preview reads whole.
  await page.keyboard.press('Alt+Z');
  // Find the deny record: the find widget scrolls to it and counts the matches.
  await page.keyboard.press('Control+F');
  const find = activeGroup(page).locator('.find-widget .input');
  await find.first().waitFor({ timeout: UI_MS });
  await page.keyboard.type('"disposition":"deny"');
  await activeGroup(page)
    .locator('.find-widget .matchesCount', { hasText: /^\d+ of \d+$/ })
    .waitFor({ timeout: UI_MS });
  await page.keyboard.press('Escape');
  // Wrapped, a flow's header may span two view lines.
  await lines
    .locator('.view-line', { hasText: DENIED_FLOW.split(' ').slice(0, 3).join(' ') })
    .first()
    .waitFor({ timeout: UI_MS });
  // The TextMate grammar gives `deny` and `allow` their own colours: token classes (mtkN) other
  // than plain text's, which is the most common class on screen.
  const tokens = await lines.locator('.view-line span > span').evaluateAll((spans) =>
    spans.map((span) => ({ text: (span.textContent ?? '').replace(/\u00a0/g, ' '), cls: span.className })),
  );
  const count = new Map();
  for (const { text, cls } of tokens) {
    count.set(cls, (count.get(cls) ?? 0) + text.length);
  }
  const plainClass = [...count].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  const classOf = (word) => tokens.find(({ text }) => text.trim() === word)?.cls ?? '';
  const denyClass = classOf('deny');
  const allowClass = classOf('allow');
  if (!/\bmtk\d+/.test(denyClass) || denyClass === plainClass) {
    throw new Error(`"deny" is not coloured: class "${denyClass}", plain text "${plainClass}"`);
  }
  if (allowClass === '' || allowClass === plainClass || allowClass === denyClass) {
    throw new Error(`"allow" is not coloured apart: "${allowClass}", deny "${denyClass}", plain "${plainClass}"`);
  }
  const headers = tokens.map(({ text }) => text).join('').match(/flow \d+: /g) ?? [];
  if (headers.length === 0) {
    throw new Error('no "flow N: name" header on screen');
  }
  await page.screenshot({ path: join(shotDir, 'log-preview.png') });
  await toggleSideBar(page, true);
  return `deny ${denyClass}, allow ${allowClass}, plain ${plainClass}; ${headers.length} flow headers on screen`;
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
  const page = await browser.newPage({ viewport: VIEWPORT });
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
