// node test/e2e/ui.test.mjs BASE_URL WORKSPACE SHOT_DIR
// Drives the real VS Code workbench served by code-server (see test/e2e/run.sh) the way a user
// would. Each named step waits on what the page shows, never on a fixed delay; the timeouts are
// only upper bounds. Steps run in order and share the page; after a failure the remaining steps
// are skipped (and counted as failed), since they build on what came before.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  return actUntil(page, point, expected, timeout);
}

/**
 * Does `act` until `expected` shows: a hover or a code lens can be replaced under the mouse while
 * the server refreshes it, and the act then lands on nothing. Each try waits up to `each` ms.
 */
async function actUntil(page, act, expected, timeout = UI_MS, each = 10_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    await act();
    try {
      await expected.waitFor({ timeout: Math.min(each, Math.max(1, deadline - Date.now())) });
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
    page.locator('.monaco-hover:visible', { hasText: TYPO_MESSAGE }),
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
const ADD_BUTTON = 'Add to SampleFlows';

/** The active editor group: with editors side by side, only its editor is the one being driven. */
const activeGroup = (page) => page.locator('.editor-group-container.active');
/** The rendered lines of the active group's editor. */
const activeLines = (page) => activeGroup(page).locator('.editor-instance .view-lines');

/** A regular expression matching `text` literally, spaces included (Monaco renders some as U+00A0). */
const literal = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s\\u00a0]');

/** Waits until the active tab is `title` (a string: an exact match; a RegExp: tested). */
async function waitActiveTab(page, title) {
  const pattern = typeof title === 'string' ? new RegExp(`^${literal(title)}$`) : title;
  await page
    .locator(
      '.editor-group-container.active .tabs-container .tab.active .monaco-icon-label-container',
      {
        hasText: pattern,
      },
    )
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
  const input = page.locator(
    `.quick-input-widget .quick-input-box input[placeholder=${JSON.stringify(placeholder)}]`,
  );
  await input.waitFor({ timeout: UI_MS });
  return input;
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
    .locator(
      `.quick-input-widget .quick-input-box input[placeholder=${JSON.stringify(placeholder)}]`,
    )
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
  // Not past the editor's bottom: the hover would then no longer fit below the line and close.
  const editor = await activeGroup(page).boundingBox();
  const room = editor ? editor.y + editor.height - y - 40 : by;
  await page.mouse.down();
  await page.mouse.move(x, y + Math.min(by, room), { steps: 8 });
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
 * Scrolls the active editor (Ctrl+Down or Ctrl+Up, one line at a time) until the cursor's line is
 * within `lines` lines below the sticky-scroll header, which covers the first lines of the editor
 * (and hovers pointed at them): near the top, never under the header.
 */
async function scrollCursorNearTop(page, lines = 5) {
  // Not .view-lines: that layer moves as the editor scrolls.
  const editor = activeGroup(page).locator('.editor-instance .overflow-guard').first();
  const top = (await editor.boundingBox())?.y ?? 0;
  // A drag that selected text may have scrolled the cursor out of view, above or below (and Go
  // to Line does not reveal the line the cursor is already on): a step left and back brings it
  // into view without moving it.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 200; i++) {
    const box = await activeCursor(page).boundingBox();
    if (box === null) {
      // Scrolled past the top (or not drawn yet): never scroll further on a cursor not seen.
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowRight');
      await activeCursor(page).waitFor({ timeout: UI_MS });
      continue;
    }
    // The header grows and shrinks with what is scrolled past: measured at each step.
    const header = await stickyHeaderBottom(page, top);
    if (box.y < header) {
      await page.keyboard.press('Control+ArrowUp');
      continue;
    }
    if (box.y <= header + lines * box.height + 1) {
      return;
    }
    await page.keyboard.press('Control+ArrowDown');
  }
  throw new Error('the editor would not scroll the cursor to its top');
}

/** Where the active editor's sticky-scroll header ends (`top` when it shows no line). */
async function stickyHeaderBottom(page, top) {
  const header = activeGroup(page).locator('.editor-instance .sticky-widget').first();
  const box = (await header.count()) > 0 ? await header.boundingBox() : null;
  return box === null || box.height === 0 ? top : Math.max(top, box.y + box.height);
}

/** Waits until the cursor's line (1-based, as the status bar shows it) is at least `least`. */
async function cursorLineAtLeast(page, least) {
  const handle = await page.waitForFunction(
    (min) => {
      for (const item of document.querySelectorAll('.statusbar-item')) {
        const match = /^Ln (\d+), Col \d+/.exec(item.textContent?.trim() ?? '');
        if (match && Number(match[1]) >= min) {
          return Number(match[1]);
        }
      }
      return 0;
    },
    least,
    { timeout: UI_MS },
  );
  return /** @type {number} */ (await handle.jsonValue());
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

/** The 1-based line and column of `field` on the first line of FILE that matches `pattern`. */
function placeOf(file, pattern, field, after = 0) {
  const line = lineOf(file, pattern, after);
  const text = readFileSync(join(workspace, POLICY_FOLDER, file), 'utf8').split('\n')[line - 1];
  return { line, column: text.indexOf(field) + 1 };
}

/** Opens the Problems panel (Ctrl+Shift+M toggles it: only when it is not on screen). */
async function showProblems(page) {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) {
    await page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ timeout: UI_MS });
  }
}

/** The Problems panel, showing only the problems whose text contains `filter`. */
async function problemsFiltered(page, filter) {
  await showProblems(page);
  const box = page.locator('.markers-panel-container, .panel').locator('.viewpane-filter input');
  await box.first().waitFor({ timeout: UI_MS });
  await box.first().fill(filter);
  // The list follows the filter after a short debounce; the badge tells when it has.
  const badge = page
    .locator('.viewpane-filter-container, .viewpane-filter')
    .getByText(/^Showing \d+ of \d+$/);
  await badge.first().waitFor({ state: filter ? 'visible' : 'hidden', timeout: UI_MS });
  return page.locator('.markers-panel .monaco-list-row');
}

step('hover on a peer selector lists the pods it matches', async (page) => {
  // The peer of web-to-api that admits the storefront: `- podSelector: { matchLabels: { app: web } }`.
  const policy = lineOf(POLICY_FILE, /^  name: web-to-api$/);
  const peer = placeOf(POLICY_FILE, /^\s+- podSelector:$/, 'podSelector', policy);
  await focusEditor(page);
  await goTo(page, peer.line, peer.column);
  const hover = page
    .locator('.monaco-hover:visible', { hasText: /Matches \d+ pods? in \d+ namespaces?/ })
    .filter({ hasText: 'shop/web' })
    .first();
  await hoverUntil(page, () => hoverAtCursor(page, 3), hover, ACTIVATION_MS);
  const text = (await hover.innerText()).replace(/\s+/g, ' ');
  await page.screenshot({ path: join(shotDir, 'selector-hover-pods.png') });
  await dismissHover(page);
  return text.slice(0, 140);
});

step('code lens above each policy says which pods it selects', async (page) => {
  // Back to the top of policies.yaml, whose first policies select pods.
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  const lens = activeGroup(page)
    .locator('.codelens-decoration a:visible', { hasText: /^selects \d+ pods?/ })
    .first();
  await lens.waitFor({ timeout: ACTIVATION_MS });
  await page.screenshot({ path: join(shotDir, 'code-lens.png') });
  // Clicking it lists those pods.
  // The lens on screen may still be the one computed while the folder loaded: the quick pick
  // comes from the lens as it is when clicked, and the lens is read again once it shows.
  const list = page.locator(
    '.quick-input-widget .quick-input-box input[placeholder$="selected by shop/default-deny"]',
  );
  // A lens refreshed while VS Code was resolving it can keep a command VS Code has already
  // dropped ("Actual command not found" in the extension host's log, and nothing opens); the
  // editor opened again asks for its lenses afresh.
  let tries = 0;
  await actUntil(
    page,
    async () => {
      if (tries++ > 0) {
        await page.keyboard.press('Control+W');
        await openFromExplorer(page, POLICY_FOLDER, POLICY_FILE);
        await lens.waitFor({ timeout: UI_MS });
      }
      await lens.click();
    },
    list,
    2 * ACTIVATION_MS,
    UI_MS,
  );
  const placeholder = (await list.getAttribute('placeholder')) ?? '';
  const count = Number(/^(\d+) pods? selected/.exec(placeholder)?.[1]);
  const clicked = await lens.innerText();
  if (!clicked.startsWith(`selects ${count} pod`)) {
    throw new Error(`the lens says "${clicked}", its quick pick "${placeholder}"`);
  }
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  await rows.nth(count - 1).waitFor({ timeout: UI_MS });
  const pods = await rows.locator('.label-name').allInnerTexts();
  await page.screenshot({ path: join(shotDir, 'code-lens-pods.png') });
  await page.keyboard.press('Escape');
  await list.waitFor({ state: 'hidden', timeout: UI_MS });
  return `${clicked}: ${pods.join(', ')}`;
});

step(`hover on the flow "${DENIED_FLOW}" shows its deny record`, async (page) => {
  await openFromExplorer(page, POLICY_FOLDER, FLOWS_FILE);
  const name = lineOf(FLOWS_FILE, new RegExp(`name: ${literal(DENIED_FLOW)}$`));
  const from = placeOf(FLOWS_FILE, /^\s+from: /, 'from:', name);
  // Room for the whole hover: a taller window, no panel, and the line near the top so that the
  // hover opens below it.
  await page.setViewportSize(TALL);
  await closePanel(page);
  const hover = page
    .locator('.monaco-hover:visible', { hasText: /"disposition":\s*"deny"/ })
    .first();
  const open = async () => {
    await goTo(page, from.line, from.column);
    await scrollCursorNearTop(page);
    await hoverUntil(page, () => hoverAtCursor(page, 2), hover);
  };
  await open();
  const text = await hover.innerText();
  // Enlarged for the screenshot only, so that it shows the whole record; the text above is what
  // the step checks. On a loaded (or a very quiet) machine the hover can close under the drag,
  // which then selects text: Escape clears that, and the hover is opened afresh, with the whole
  // budget of a first opening, for the next try. After three tries the screenshot shows the hover
  // at its own size, and the step says so.
  let enlarged = false;
  for (let tries = 1; tries <= 3 && !enlarged; tries++) {
    try {
      await enlargeHover(page, hover);
      enlarged = true;
    } catch {
      await page.keyboard.press('Escape');
      await page.mouse.move(1, 1);
      await open();
    }
  }
  await page.screenshot({ path: join(shotDir, 'flow-hover.png') });
  await dismissHover(page);
  await page.setViewportSize(VIEWPORT);
  const shown = text.replace(/\s+/g, ' ').slice(0, 120);
  return enlarged ? shown : `${shown} (screenshot at the hover's own size: it would not enlarge)`;
});

step('"NetworkPolicy: Show Log Preview" opens the coloured log preview beside', async (page) => {
  // The side bar makes room for the two editors side by side; it comes back at the end.
  await toggleSideBar(page, false);
  await runCommand(page, 'NetworkPolicy: Show Log Preview');
  await waitActiveTab(page, /\(Log preview\)$/);
  const lines = activeLines(page);
  await lines
    .locator('.view-line', { hasText: '# Log preview' })
    .first()
    .waitFor({ timeout: UI_MS });
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
  // than plain text's, which is the most common class on screen. Tokenizing runs after the text
  // is drawn, so wait until `deny` has a class of its own.
  await page
    .waitForFunction(
      (selector) => {
        const spans = [...document.querySelectorAll(selector)];
        const count = new Map();
        for (const span of spans) {
          count.set(
            span.className,
            (count.get(span.className) ?? 0) + (span.textContent ?? '').length,
          );
        }
        const plain = [...count].sort((a, b) => b[1] - a[1])[0]?.[0];
        const deny = spans.find((span) => (span.textContent ?? '').trim() === 'deny');
        return deny !== undefined && /\bmtk\d+/.test(deny.className) && deny.className !== plain;
      },
      '.editor-group-container.active .editor-instance .view-lines .view-line span > span',
      { timeout: UI_MS },
    )
    .catch(() => {});
  const tokens = await lines.locator('.view-line span > span').evaluateAll((spans) =>
    spans.map((span) => ({
      text: (span.textContent ?? '').replace(/\u00a0/g, ' '),
      cls: span.className,
    })),
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
    throw new Error(
      `"allow" is not coloured apart: "${allowClass}", deny "${denyClass}", plain "${plainClass}"`,
    );
  }
  const headers =
    tokens
      .map(({ text }) => text)
      .join('')
      .match(/flow \d+: /g) ?? [];
  if (headers.length === 0) {
    throw new Error('no "flow N: name" header on screen');
  }
  await page.screenshot({ path: join(shotDir, 'log-preview.png') });
  await toggleSideBar(page, true);
  // Closed again, so that the next views open beside flows.yaml rather than in a third column.
  await page.keyboard.press('Control+W');
  await waitActiveTab(page, FLOWS_FILE);
  return `deny ${denyClass}, allow ${allowClass}, plain ${plainClass}; ${headers.length} flow headers on screen`;
});

step('"NetworkPolicy: Simulate Flow" picks endpoints and shows the verdict', async (page) => {
  await runCommand(page, 'NetworkPolicy: Simulate Flow');
  await pick(page, 'Pick the source pod or workload, or enter an IP address', SIMULATED.from);
  await pick(page, 'Pick the destination pod or workload, or enter an IP address', SIMULATED.to);
  await pick(page, `Pick a port of ${SIMULATED.to}, or enter one`, SIMULATED.port);
  await pick(page, 'Pick the protocol', SIMULATED.protocol);
  // The verdict view opens beside, and a notification offers to keep the flow.
  const lines = activeLines(page);
  const header = lines
    .locator('.view-line', { hasText: new RegExp(`^${literal('# Simulated flow: ')}`) })
    .first();
  await header.waitFor({ timeout: ACTIVATION_MS });
  // The path of the view names the flow, with "∕" for "/".
  await waitActiveTab(page, /^shop.web → shop.api 8080.TCP$/);
  // Its first line is the header: the document starts with it.
  const top = await lines
    .locator('.view-line')
    .evaluateAll(
      (rows) =>
        rows.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))[0]?.textContent ??
        '',
    );
  if (!top.replace(/\u00a0/g, ' ').startsWith('# Simulated flow:')) {
    throw new Error(`the verdict view starts with ${JSON.stringify(top)}`);
  }
  await page.keyboard.press('Alt+Z');
  const verdict = lines.locator('.view-line', { hasText: /\ballow\b/ }).first();
  await verdict.waitFor({ timeout: UI_MS });
  const toast = page.locator('.notification-toast', { hasText: /^allow\b|allow:/ }).first();
  await toast.waitFor({ timeout: UI_MS });
  await toast.locator('.monaco-button', { hasText: ADD_BUTTON }).waitFor({ timeout: UI_MS });
  await toggleSideBar(page, false);
  await page.screenshot({ path: join(shotDir, 'simulate-flow.png') });
  await toggleSideBar(page, true);
  const tab = await activeGroup(page)
    .locator('.tabs-container .tab.active')
    .getAttribute('aria-label');
  return `${tab}: ${(await header.innerText()).replace(/\s+/g, ' ')}; ${(await toast.innerText()).replace(/\s+/g, ' ').slice(0, 100)}`;
});

step(`"${ADD_BUTTON}" appends the flow to ${FLOWS_FILE}, which gets its verdict`, async (page) => {
  const toast = page
    .locator('.notification-toast', {
      has: page.locator('.monaco-button', { hasText: ADD_BUTTON }),
    })
    .first();
  await toast.locator('.monaco-button', { hasText: ADD_BUTTON }).click();
  await pick(
    page,
    'Add the flow to which SampleFlows file?',
    `${POLICY_FOLDER}/${FLOWS_FILE}`,
    FLOWS_FILE,
  );
  // The file shows with the new flow, the cursor on it; its verdict arrives as a diagnostic.
  await waitActiveTab(page, FLOWS_FILE);
  const name = activeLines(page)
    .locator('.view-line', { hasText: new RegExp(`${literal(`- name: ${SIMULATED_NAME}`)}$`) })
    .first();
  await name.waitFor({ timeout: UI_MS });
  // The hover of the new flow (not of the first flow, whose verdict reads the same).
  const hover = page
    .locator('.monaco-hover:visible', { hasText: /Egress of shop\/web: allowed/ })
    .filter({ hasText: SIMULATED_NAME })
    .first();
  // The cursor is on the new flow's first line: show the hover there from the keyboard
  // (Ctrl+K Ctrl+I), on the flow's name, where the verdict diagnostic lies.
  // The mouse rests where the quick pick was, over the editor: move it away from the text first.
  await page.mouse.move(1, 1);
  await page.keyboard.press('Escape');
  // The command puts the cursor on the new flow, after the end of the file as it is on disk
  // (the edit is not saved); the file shows before the cursor moves there.
  const onDisk = readFileSync(join(workspace, POLICY_FOLDER, FLOWS_FILE), 'utf8').split(
    '\n',
  ).length;
  await cursorLineAtLeast(page, onDisk - 1);
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await hoverUntil(
    page,
    async () => {
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
    },
    hover,
    ACTIVATION_MS,
  );
  const text = (await hover.innerText()).replace(/\s+/g, ' ');
  await dismissHover(page);
  // The verdict is a hint (netpol.flowVerdictSeverity): on the lens and the hover, not in the
  // Problems panel, which stays for problems. A zero count waits for the filter to apply.
  await page.screenshot({ path: join(shotDir, 'add-to-sampleflows.png') });
  await showProblems(page);
  const box = page.locator('.markers-panel-container, .panel').locator('.viewpane-filter input');
  await box.first().fill('allow: egress allowed by shop/web-egress');
  await page
    .locator('.viewpane-filter-container, .viewpane-filter')
    .getByText(/^Showing 0 of \d+$/)
    .first()
    .waitFor({ timeout: UI_MS });
  await problemsFiltered(page, '');
  return text.slice(0, 160);
});

// A new policy at the end of policies.yaml, typed up to its podSelector's labels: completion then
// offers the label keys and values of the workspace's pods. It selects the storefront pods for
// ingress and admits nothing, which changes no verdict (default-deny already isolates them).
const NEW_POLICY = [
  '---',
  'apiVersion: networking.k8s.io/v1',
  'kind: NetworkPolicy',
  'metadata:',
  '  name: storefront-ingress',
  '  namespace: shop',
  'spec:',
  '  policyTypes: [Ingress]',
  '  podSelector:',
  '    matchLabels:',
  '      ',
].join('\n');
const COMPLETED_KEY = 'tier';
const COMPLETED_VALUE = 'frontend';

/** The suggest widget's row whose label is exactly `label`. */
const suggestion = (page, label) =>
  page.locator('.editor-widget.suggest-widget .monaco-list-row').filter({
    has: page.locator('.label-name', { hasText: new RegExp(`^${literal(label)}$`) }),
  });

/** Types `prefix`, asks for completion (Ctrl+Space) and accepts `label`. */
async function complete(page, prefix, label, screenshot) {
  const row = suggestion(page, label).first();
  if (screenshot) {
    // First everything on offer, with the details of the focused item (Ctrl+Space again).
    await hoverUntil(page, () => page.keyboard.press('Control+Space'), row);
    await page.keyboard.press('Control+Space');
    await page
      .locator('.suggest-details:visible', { hasText: /\S/ })
      .first()
      .waitFor({ timeout: UI_MS });
    await page.screenshot({ path: join(shotDir, screenshot) });
  }
  const labels = page.locator('.editor-widget.suggest-widget .monaco-list-row .label-name');
  const offered = screenshot ? await labels.allInnerTexts() : [];
  await page.keyboard.type(prefix);
  await hoverUntil(page, () => page.keyboard.press('Control+Space'), row);
  offered.push(...(screenshot ? [] : await labels.allInnerTexts()));
  // Focus the row (the first match is focused already when the prefix narrows it down).
  if (!(await row.evaluate((element) => element.classList.contains('focused')))) {
    await row.click();
  }
  await page
    .locator('.editor-widget.suggest-widget .monaco-list-row.focused', {
      has: page.locator('.label-name', { hasText: new RegExp(`^${literal(label)}$`) }),
    })
    .waitFor({ timeout: UI_MS });
  await page.keyboard.press('Enter');
  await page.locator('.editor-widget.suggest-widget').waitFor({ state: 'hidden', timeout: UI_MS });
  return offered;
}

step(`completion offers the workspace's labels in a selector`, async (page) => {
  await openFromExplorer(page, POLICY_FOLDER, POLICY_FILE);
  await focusEditor(page);
  await page.keyboard.press('Control+End');
  // Pasted (Ctrl+V) rather than typed: typing would re-indent each line as it goes.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  await page.evaluate((text) => navigator.clipboard.writeText(text), NEW_POLICY);
  await page.keyboard.press('Control+V');
  await activeLines(page)
    .locator('.view-line', { hasText: /^[\s\u00a0]{4}matchLabels:$/ })
    .last()
    .waitFor({ timeout: UI_MS });
  const keys = await complete(page, COMPLETED_KEY.slice(0, 2), COMPLETED_KEY, 'completion.png');
  const line = activeLines(page).locator('.view-line', {
    hasText: new RegExp(`^${literal(`      ${COMPLETED_KEY}:`)}`),
  });
  await line.first().waitFor({ timeout: UI_MS });
  // The value: the accepted key ends in ": ", where the labels' values are offered.
  const lineText = async () => ((await line.first().textContent()) ?? '').replace(/\u00a0/g, ' ');
  if (!/: $/.test(await lineText())) {
    await page.keyboard.press('End');
    if (!/:\s*$/.test(await lineText())) {
      throw new Error(`the key was completed as ${JSON.stringify(await lineText())}`);
    }
    if (!/ $/.test(await lineText())) {
      await page.keyboard.type(' ');
    }
  }
  const values = await complete(page, COMPLETED_VALUE.slice(0, 2), COMPLETED_VALUE);
  await activeLines(page)
    .locator('.view-line', {
      hasText: new RegExp(`^${literal(`      ${COMPLETED_KEY}: ${COMPLETED_VALUE}`)}$`),
    })
    .waitFor({ timeout: UI_MS });
  // The new policy selects the storefront pod: its code lens says so.
  await activeGroup(page)
    .locator('.codelens-decoration a:visible', { hasText: /^selects 1 pod in shop/ })
    .last()
    .waitFor({ timeout: UI_MS });
  return `keys offered: ${keys.join(', ')}; values for "${COMPLETED_VALUE.slice(0, 2)}": ${values.join(', ')}`;
});

step(`quick fix replaces "${TYPO}" with "${FIXED_FIELD}"`, async (page) => {
  await showProblems(page);
  const problem = page
    .locator('.markers-panel .monaco-list-row', { hasText: TYPO_MESSAGE })
    .first();
  await problem.waitFor({ timeout: UI_MS });
  const failing = page.locator('.markers-panel .monaco-list-row', {
    hasText: /flow-expectation-failed/,
  });
  await failing.first().waitFor({ timeout: UI_MS });
  // Clicking the problem puts the cursor on the typo; Ctrl+. lists the fixes there.
  await problem.click();
  await cursorLineAtLeast(page, lineOf(POLICY_FILE, new RegExp(`${TYPO}:`)));
  await focusEditor(page);
  const fix = page
    .locator('.action-widget .monaco-list-row.action', { hasText: FIXED_FIELD })
    .first();
  await hoverUntil(page, () => page.keyboard.press('Control+.'), fix);
  const title = (await fix.innerText()).trim();
  await fix.hover();
  await page.screenshot({ path: join(shotDir, 'quick-fix.png') });
  await fix.click();
  await fix.waitFor({ state: 'hidden', timeout: UI_MS });
  // The field is fixed in the editor, its problem goes, and the flow it broke now passes.
  await editorToken(page, FIXED_FIELD);
  await problem.waitFor({ state: 'detached', timeout: ACTIVATION_MS });
  await failing.first().waitFor({ state: 'detached', timeout: ACTIVATION_MS });
  await page.screenshot({ path: join(shotDir, 'quick-fix-applied.png') });
  return `applied "${title}"`;
});

const WANTED_FLOW = 'storefront cannot reach checkout';

step(`"Allow this flow" turns a denied flow that should pass into a passing one`, async (page) => {
  // The user changes their mind: the storefront should reach checkout after all.
  await openFromExplorer(page, POLICY_FOLDER, FLOWS_FILE);
  await focusEditor(page);
  const name = lineOf(FLOWS_FILE, new RegExp(`name: ${literal(WANTED_FLOW)}$`));
  const expect = lineOf(FLOWS_FILE, /^\s+expect: deny$/, name);
  await goTo(page, expect, 15);
  await page.keyboard.press('Shift+End');
  await page.keyboard.type('allow');
  await showProblems(page);
  const failing = page.locator('.markers-panel .monaco-list-row', {
    hasText: /flow-expectation-failed/,
  });
  await failing.first().waitFor({ timeout: ACTIVATION_MS });
  // On the flow, Ctrl+. offers the policies that would allow it, and says what else they open.
  await focusEditor(page);
  await goTo(page, lineOf(FLOWS_FILE, /^\s+from: /, name), 7);
  const fix = page
    .locator('.action-widget .monaco-list-row.action', { hasText: /Allow this flow/ })
    .first();
  await hoverUntil(page, () => page.keyboard.press('Control+.'), fix, ACTIVATION_MS);
  const title = (await fix.innerText()).trim();
  await fix.hover();
  await page.screenshot({ path: join(shotDir, 'allow-flow.png') });
  await fix.click();
  await fix.waitFor({ state: 'hidden', timeout: UI_MS });
  await failing.first().waitFor({ state: 'detached', timeout: ACTIVATION_MS });
  await page.screenshot({ path: join(shotDir, 'allow-flow-applied.png') });
  return `applied "${title}"`;
});

/** The page inside the reachability view's webview (VS Code nests it in two iframes). */
const reachabilityFrame = (page) =>
  page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');

step(
  'the reachability view: a denied cell explains itself and opens the deciding policy',
  async (page) => {
    await openFromExplorer(page, POLICY_FOLDER, POLICY_FILE);
    await runCommand(page, 'NetworkPolicy: Show Reachability');
    const view = reachabilityFrame(page);
    const denied = view.locator('.cell.deny[data-kind="single"]').first();
    await denied.waitFor({ timeout: ACTIVATION_MS });
    const status = (await view.locator('#status').innerText()).trim();
    await denied.hover();
    await view.locator('#tooltip', { hasText: /^deny: / }).waitFor({ timeout: UI_MS });
    await denied.click();
    const details = view.locator('#details');
    await details.locator('.verdict.deny').waitFor({ timeout: UI_MS });
    await page.screenshot({ path: join(shotDir, 'reachability.png') });
    const link = details.locator('[data-link]').first();
    const policy = (await link.innerText()).trim();
    await link.click();
    await waitActiveTab(page, /policies\.yaml$/);
    const name = policy.split('/').pop();
    await activeLines(page)
      .locator('.view-line', { hasText: new RegExp(`name:[\\s\\u00a0]+${literal(name)}`) })
      .first()
      .waitFor({ timeout: UI_MS });
    return `${status}; the denied cell opened ${policy}`;
  },
);

step(
  'a records file opened reads production against the policies: a disagreement is a warning',
  async (page) => {
    // policy_action.log holds two real-format records: a deny the policies agree with, and a deny
    // of shop/web -> shop/api, which shop/web-to-api now allows.
    await openFromExplorer(page, POLICY_FOLDER, 'policy_action.log');
    await showProblems(page);
    const disagreement = page
      .locator('.markers-panel .monaco-list-row', { hasText: /record-disagrees/ })
      .first();
    await disagreement.waitFor({ timeout: ACTIVATION_MS });
    const text = (await disagreement.innerText()).replace(/\s+/g, ' ');
    await page.screenshot({ path: join(shotDir, 'records.png') });
    return text.slice(0, 160);
  },
);

step(
  '"Allow this flow" on a deny record: the policies now admit what production denied',
  async (page) => {
    // The first record: production denied monitoring/prometheus -> payments/checkout, and so do the
    // policies. Allowing it adds a policy; the record then disagrees with them too.
    await openFromExplorer(page, POLICY_FOLDER, 'policy_action.log');
    await focusEditor(page);
    await goTo(page, 1, 2);
    const fix = page
      .locator('.action-widget .monaco-list-row.action', { hasText: /Allow this flow/ })
      .first();
    await hoverUntil(page, () => page.keyboard.press('Control+.'), fix, ACTIVATION_MS);
    await fix.click();
    // The new policy is shown where it was added, beside the policy that isolates checkout.
    await waitActiveTab(page, /payments-policies\.yaml/);
    const added = activeLines(page)
      .locator('.view-line', { hasText: /name:[\s\u00a0]+checkout-from-prometheus/ })
      .first();
    await added.waitFor({ timeout: UI_MS });
    await showProblems(page);
    const disagreements = page.locator('.markers-panel .monaco-list-row', {
      hasText: /record-disagrees/,
    });
    await disagreements.nth(1).waitFor({ timeout: ACTIVATION_MS });
    await page.screenshot({ path: join(shotDir, 'allow-record.png') });
    return `${await disagreements.count()} records now disagree; added ${(await added.innerText()).trim()}`;
  },
);

// --- Tiered cluster policies (issue 12) --------------------------------------------------------

const TIERED_FILE = 'cluster-policies.yaml';
const PASSED_FLOW = 'API calls checkout';

step(
  "a ClusterNetworkPolicy: its lens, GKE's warning on its kind, and the pods its subject selects",
  async (page) => {
    await openFromExplorer(page, POLICY_FOLDER, TIERED_FILE);
    const lens = activeGroup(page)
      .locator('.codelens-decoration a:visible', { hasText: /^Admin 10 · applies to \d+ pods?/ })
      .first();
    await lens.waitFor({ timeout: ACTIVATION_MS });
    const lensText = (await lens.innerText()).trim();
    await activeGroup(page).locator('.squiggly-warning').first().waitFor({ timeout: UI_MS });
    const warning = await hoverToken(
      page,
      'ClusterNetworkPolicy',
      page.locator('.monaco-hover:visible', { hasText: 'dataplane-v2-cluster-policy' }),
    );
    const warningText = (await warning.innerText()).replace(/\s+/g, ' ');
    if (!warningText.includes('GKE documents no support for ClusterNetworkPolicy')) {
      throw new Error(`the warning on the kind says ${JSON.stringify(warningText)}`);
    }
    await page.screenshot({ path: join(shotDir, 'tiered-warning.png') });
    await dismissHover(page);
    const subject = placeOf(TIERED_FILE, /^  subject:$/, 'subject');
    await focusEditor(page);
    await goTo(page, subject.line, subject.column);
    const hover = page
      .locator('.monaco-hover:visible', { hasText: /Applies to \d+ pods? in \d+ namespaces?/ })
      .filter({ hasText: 'payments/checkout' })
      .first();
    await hoverUntil(page, () => hoverAtCursor(page, 3), hover, ACTIVATION_MS);
    const hoverText = (await hover.innerText()).replace(/\s+/g, ' ');
    await page.screenshot({ path: join(shotDir, 'tiered-subject-hover.png') });
    await dismissHover(page);
    return `${lensText}; ${hoverText.slice(0, 100)}`;
  },
);

step(
  `hover on the flow "${PASSED_FLOW}": an Admin Pass, then the NetworkPolicy decides`,
  async (page) => {
    await openFromExplorer(page, POLICY_FOLDER, FLOWS_FILE);
    const name = lineOf(FLOWS_FILE, new RegExp(`name: ${literal(PASSED_FLOW)}$`));
    const from = placeOf(FLOWS_FILE, /^\s+from: /, 'from:', name);
    await page.setViewportSize(TALL);
    await closePanel(page);
    await focusEditor(page);
    await goTo(page, from.line, from.column);
    await scrollCursorNearTop(page);
    const hover = page
      .locator('.monaco-hover:visible', {
        hasText: /passed to the NetworkPolicy tier by ClusterNetworkPolicy protect-pci/,
      })
      .first();
    await hoverUntil(page, () => hoverAtCursor(page, 2), hover, ACTIVATION_MS);
    const text = (await hover.innerText()).replace(/\s+/g, ' ');
    if (!/allowed by payments\/checkout-from-api/.test(text)) {
      throw new Error(
        `the hover does not name the NetworkPolicy that decided: ${JSON.stringify(text)}`,
      );
    }
    await page.screenshot({ path: join(shotDir, 'tiered-flow-hover.png') });
    await dismissHover(page);
    await page.setViewportSize(VIEWPORT);
    return text.slice(0, 160);
  },
);

/** In `file`, turns the `policyTypes: [Ingress...]` of the line matching `pattern` into `[Egress]`. */
async function isolateEgressOnly(page, file, pattern) {
  await openFromExplorer(page, POLICY_FOLDER, file);
  await focusEditor(page);
  await goTo(page, lineOf(file, pattern), 17);
  await page.keyboard.press('Shift+End');
  await page.keyboard.type('Egress]');
}

step(
  'the change impact: a status-bar count of what edits open and close, and its report',
  async (page) => {
    // Applied fixes were saved with their refactoring; these edits are not: against the saved files,
    // the status bar counts what they open and close. shop's default deny stops isolating ingress.
    const count = page.locator('.statusbar-item', { hasText: /\+\d+ opened, −\d+ closed/ }).first();
    await isolateEgressOnly(page, POLICY_FILE, /^\s+policyTypes: \[Ingress, Egress\]$/);
    await count.waitFor({ timeout: ACTIVATION_MS });
    const first = (await count.innerText()).trim();
    // A second edit, in another file: payments' default deny too.
    await isolateEgressOnly(page, 'payments-policies.yaml', /^\s+policyTypes: \[Ingress\]$/);
    await page
      .locator('.statusbar-item', { hasText: /\+\d+ opened, −\d+ closed/ })
      .filter({ hasNotText: first })
      .first()
      .waitFor({ timeout: ACTIVATION_MS });
    const second = (await count.innerText()).trim();
    await count.click();
    await waitActiveTab(page, /Change impact/);
    await activeLines(page)
      .locator('.view-line', { hasText: /^Opened:/ })
      .first()
      .waitFor({ timeout: UI_MS });
    await page.screenshot({ path: join(shotDir, 'impact.png') });
    return `${first} -> ${second}`;
  },
);

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
      // What the workbench showed: a screenshot, and its visible text to read or grep.
      await page.screenshot({ path: join(shotDir, 'failure.png') }).catch(() => {});
      const visible = await page
        .locator('body')
        .innerText()
        .catch((reason) => `(no text: ${reason})`);
      writeFileSync(join(shotDir, 'failure.txt'), `${name}\n\n${visible}\n`);
      console.log(`     see ${join(shotDir, 'failure.png')} and failure.txt`);
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
