/**
 * Asking the room on the web projector, in a real browser (issue 14 on issue 13's page): three
 * students seated in a real hub answer the instructor's question with `answer` messages; the page
 * shows the question beside its cluster and "2 of 3 answered" as they come in, then after the
 * reveal the tally, the correct answer marked ✔ and the rule that decides it; once the decision is
 * played the question goes. And a broken safety property in observe mode, in red with its name.
 * With UPDATE_SCREENS=1 the moments are saved as docs/screens/web-question*.png and
 * web-violation.png.
 *
 * Needs `npm run build` first (the page is served from dist/web) and /usr/bin/chromium.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Hub } from '../../server/hub.js';
import { webRoot } from '../../server/web-projector.js';
import { ruleTitle } from '../../src/raft/rules.js';
import { step } from '../../src/raft/step.js';
import type { SeatView } from '../../src/game/types.js';
import type { Move } from '../../src/raft/types.js';
import { KEY, join, testHub } from '../hub/harness.js';
import type { TestClient } from '../hub/client.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PROJECTOR_KEY = 'projector-test-key';
const SCREENS = path.resolve('docs/screens');
const update = process.env.UPDATE_SCREENS === '1';

let browser: Browser;
const hubs: Hub[] = [];
const clients: TestClient[] = [];
const pages: Page[] = [];

async function shot(page: Page, name: string): Promise<void> {
  if (update) await page.screenshot({ path: path.join(SCREENS, `web-${name}.png`) });
}

/** Sends a message with a fresh id and resolves with the hub's verdict on it. */
async function verdictOf(c: TestClient, msg: Record<string, unknown>) {
  const id = c.id();
  c.send({ ...msg, id });
  return c.verdict(id);
}

async function projector(hub: Hub): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  pages.push(page);
  await page.goto(`http://127.0.0.1:${hub.port}/projector#key=${PROJECTOR_KEY}`);
  await page.waitForSelector('#status[data-status="online"]', { timeout: 20_000 });
  return page;
}

beforeAll(async () => {
  expect(existsSync(path.join(webRoot(), 'index.html')), 'the page is not built: run npm run build').toBe(true);
  expect(existsSync(CHROMIUM), `no browser at ${CHROMIUM}: apt-get install chromium`).toBe(true);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--headless=new', '--disable-dev-shm-usage', '--font-render-hinting=none'] });
});
afterAll(async () => {
  for (const p of pages) await p.close().catch(() => undefined);
  for (const c of clients) c.close();
  for (const h of hubs) await h.close();
  await browser?.close();
});

describe('asking the room on the web projector', () => {
  it('shows the question beside its cluster, the live count, then the tally, the correct answer and the rule', async () => {
    const hub = await testHub({ projectorKey: PROJECTOR_KEY });
    hubs.push(hub);
    const instructor = (await join(hub, { role: 'instructor' }, { key: KEY })).client;
    const students: Record<string, TestClient> = {};
    for (const [name, server] of [['Ann', 'i2'], ['Bob', 'i3'], ['Cy', 'i4']] as const) {
      students[server] = (await join(hub, { role: 'student', name, server })).client;
    }
    clients.push(instructor, ...Object.values(students));
    const command = (c: Record<string, unknown>) => verdictOf(instructor, { type: 'command', command: c });
    const page = await projector(hub);

    // i1 (no one's seat) stands for term 1; the room is asked what i2 does with its RequestVote.
    expect((await command({ type: 'fire', cluster: 'A', server: 'i1' })).ok).toBe(true);
    const card = hub.room().clusters.A.inFlight.find((k) => k.to === 'i2' && k.message.type === 'RequestVote')!;
    expect((await command({ type: 'ask', cluster: 'A', server: 'i2', input: { kind: 'card', card: card.id }, seconds: 120 })).ok).toBe(true);

    const panel = page.locator('#question .question');
    await expect.poll(() => panel.getAttribute('data-state'), { timeout: 15_000 }).toBe('open');
    expect(await panel.locator('.q-text').textContent()).toBe("i2 takes i1's RequestVote (term 1, last 0/t0): will it grant the vote?");
    expect(await panel.locator('.q-label').allTextContents()).toEqual(['Yes', 'No']);
    expect(await panel.locator('.q-answered-text').textContent()).toBe('0 of 3 answered');
    // The countdown runs on the page itself: views need not come while the room thinks.
    const clock = await panel.locator('.q-clock').textContent();
    expect(clock).toMatch(/^\d+ s left$/);
    await expect.poll(() => panel.locator('.q-clock').textContent(), { timeout: 10_000 }).not.toBe(clock);
    // Only the cluster asked, the question beside it (a 16:9 screen).
    expect(await page.locator('svg.cluster').count()).toBe(1);
    const board = (await page.locator('svg.cluster[data-cluster="A"]').boundingBox())!;
    const box = (await page.locator('#question').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(board.x + board.width - 1);
    expect(box.width).toBeGreaterThan(500);

    // Two of the three answer: the page counts them, and shows nobody's choice.
    for (const [server, choice] of [['i2', 0], ['i3', 1]] as const) {
      expect((await verdictOf(students[server]!, { type: 'answer', cluster: 'A', server, question: 'A-q1', choice })).ok).toBe(true);
    }
    await expect.poll(() => panel.locator('.q-answered-text').textContent(), { timeout: 15_000 }).toBe('2 of 3 answered');
    expect(await panel.locator('.q-count').count()).toBe(0);
    expect(await panel.textContent()).not.toContain('✔');
    await shot(page, 'question-asked');

    // The third answers; the instructor reveals.
    expect((await verdictOf(students.i4!, { type: 'answer', cluster: 'A', server: 'i4', question: 'A-q1', choice: 0 })).ok).toBe(true);
    await expect.poll(() => panel.locator('.q-answered-text').textContent(), { timeout: 15_000 }).toBe('3 of 3 answered');
    expect((await command({ type: 'reveal', cluster: 'A' })).ok).toBe(true);
    await expect.poll(() => panel.getAttribute('data-state'), { timeout: 15_000 }).toBe('revealed');
    const yes = panel.locator('.q-choice[data-choice="0"]');
    const no = panel.locator('.q-choice[data-choice="1"]');
    expect(await yes.getAttribute('data-count')).toBe('2');
    expect(await no.getAttribute('data-count')).toBe('1');
    // The correct one: the symbol and the colour (bluish green), the wrong one neither.
    expect(await yes.locator('.q-ok').textContent()).toBe('✔ correct');
    expect(await no.locator('.q-ok').textContent()).toBe('');
    const fill = (e: unknown) => (globalThis as unknown as { getComputedStyle(e: unknown): { fill: string } }).getComputedStyle(e).fill;
    expect(await yes.locator('.q-fill').evaluate(fill)).toBe('rgb(0, 158, 115)');
    expect(await no.locator('.q-fill').evaluate(fill)).not.toBe('rgb(0, 158, 115)');
    // The Yes bar is twice the No bar.
    const yesBar = (await yes.locator('.q-fill').boundingBox())!.width;
    const noBar = (await no.locator('.q-fill').boundingBox())!.width;
    expect(yesBar / noBar).toBeCloseTo(2, 1);
    expect(await panel.locator('.q-rule').textContent()).toBe(`R10 ${ruleTitle('R10').en}`);
    expect(await panel.locator('.q-why').textContent()).toBe("The vote of term 1 is free and the candidate's log 0/t0 is at least as up-to-date as i2's 0/t0.");
    await shot(page, 'question');

    // Played: the question goes, the cluster's board is whole again, and i2 voted for i1 (R10).
    expect((await command({ type: 'decide', cluster: 'A' })).ok).toBe(true);
    await expect.poll(() => page.locator('#question').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => page.locator('g.server[data-server="i2"]').getAttribute('aria-label'), { timeout: 15_000 }).toContain('vote i1');
  }, 120_000);
});

describe('a broken safety property on the web projector', () => {
  it('two students declare themselves leaders of term 1 in observe mode: P1 in red, by name', async () => {
    const hub = await testHub({ projectorKey: PROJECTOR_KEY, size: 3, room: { mode: 'observe' } });
    hubs.push(hub);
    const page = await projector(hub);
    // Each times out and, instead of counting votes (R11), writes "leader" on its sheet at once.
    for (const [name, server] of [['Ann', 'i1'], ['Bob', 'i2']] as const) {
      const { client } = await join(hub, { role: 'student', name, server });
      clients.push(client);
      const sheet = (client.lastView()!.view as SeatView).sheet;
      const right = step(sheet, { kind: 'timeout' });
      const others = sheet.cluster.filter((id) => id !== server);
      const wrong: Move = {
        state: { ...right.state, role: 'leader', votesGranted: [], nextIndex: Object.fromEntries(others.map((id) => [id, 1])), matchIndex: Object.fromEntries(others.map((id) => [id, 0])) },
        send: right.send,
      };
      const v = await verdictOf(client, { type: 'move', cluster: 'A', server, input: { kind: 'timeout' }, proposal: wrong });
      expect(v.ok).toBe(true); // observe mode: played, and recorded as a mistake
    }
    expect(hub.room().clusters.A.violations.map((x) => x.property)).toContain('P1');
    const band = page.locator('svg.cluster g.violation');
    await expect.poll(() => band.getAttribute('data-property'), { timeout: 15_000 }).toBe('P1');
    expect(await band.locator('text').textContent()).toMatch(/^⚠ P1 Election Safety: /);
    expect(await band.locator('rect').getAttribute('fill')).toBe('#C0181F');
    expect(await page.locator('g.server[data-role="leader"]').count()).toBe(2);
    await shot(page, 'violation');
  }, 60_000);
});
