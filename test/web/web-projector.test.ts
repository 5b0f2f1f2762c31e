/**
 * The web projector in a real browser (issue 13): Debian's Chromium, driven by playwright-core,
 * opens the page a real hub serves while the hub's bots play game 2. The page must show the
 * eight servers, HighLoad on the leader and growing as it commits, cards travelling between two
 * named servers, and a card the instructor tears up (`fault lose`). With UPDATE_SCREENS=1 the
 * moments are saved as docs/screens/web-*.png.
 *
 * Needs `npm run build` first (the page is served from dist/web) and /usr/bin/chromium
 * (`apt-get install chromium`, as .ci/run does).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as http from 'node:http';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Hub, HubOptions } from '../../server/hub.js';
import { webRoot } from '../../server/web-projector.js';
import type { ClusterOverview, InstructorView } from '../../src/game/types.js';
import type { HubMessage } from '../../src/protocol/messages.js';
import { KEY, join, testHub } from '../hub/harness.js';
import type { TestClient } from '../hub/client.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PROJECTOR_KEY = 'projector-test-key';
const SCREENS = path.resolve('docs/screens');
const update = process.env.UPDATE_SCREENS === '1';

let browser: Browser;

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--headless=new', '--disable-dev-shm-usage', '--font-render-hinting=none'] });
}

async function shot(page: Page, name: string): Promise<void> {
  if (update) await page.screenshot({ path: path.join(SCREENS, `web-${name}.png`) });
}

/** A GET with the path exactly as written. */
function rawGet(port: number, rawPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: rawPath }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

function cluster(client: TestClient, id = 'A'): ClusterOverview | undefined {
  for (let i = client.messages.length - 1; i >= 0; i--) {
    const m = client.messages[i]!;
    if (m.type === 'room') return (m.view as InstructorView).clusters.find((c) => c.id === id);
  }
  return undefined;
}

/** Resolves with the cluster once a room message satisfies `pred`. */
async function until(client: TestClient, pred: (c: ClusterOverview) => boolean, timeoutMs = 60_000): Promise<ClusterOverview> {
  const now = cluster(client);
  if (now && pred(now)) return now;
  const m = await client.next((x: HubMessage) => x.type === 'room' && pred((x.view as InstructorView).clusters[0]!), { timeoutMs });
  return ((m as Extract<HubMessage, { type: 'room' }>).view as InstructorView).clusters[0]!;
}

beforeAll(async () => {
  expect(existsSync(path.join(webRoot(), 'index.html')), 'the page is not built: run npm run build').toBe(true);
  expect(existsSync(CHROMIUM), `no browser at ${CHROMIUM}: apt-get install chromium`).toBe(true);
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * A hub with the web projector on, its instructor joined and a browser page. Bots wait 2.5–4 s
 * before each move, as people would: cards stay in sight long enough to be torn.
 */
async function projectorRoom(options: HubOptions): Promise<{ hub: Hub; instructor: TestClient; page: Page }> {
  const hub = await testHub({ projectorKey: PROJECTOR_KEY, humanPaceMs: [2500, 4000], ...options });
  const { client: instructor } = await join(hub, { role: 'instructor' }, { key: KEY });
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  return { hub, instructor, page };
}

async function closeRoom(room: { hub?: Hub; instructor?: TestClient; page?: Page }): Promise<void> {
  await room.page?.close();
  room.instructor?.close();
  await room.hub?.close();
}

describe('the web projector during game 2', () => {
  let hub: Hub;
  let instructor: TestClient;
  let page: Page;

  beforeAll(async () => void ({ hub, instructor, page } = await projectorRoom({})));
  afterAll(() => closeRoom({ hub, instructor, page }));

  it('serves the page and its files, and nothing else', async () => {
    const base = `http://127.0.0.1:${hub.port}`;
    const page1 = await fetch(`${base}/projector`);
    expect(page1.status).toBe(200);
    expect(page1.headers.get('content-type')).toMatch(/^text\/html/);
    const script = await fetch(`${base}/projector/projector.js`);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await fetch(`${base}/projector/projector.css`)).headers.get('content-type')).toMatch(/^text\/css/);
    // Sent as written (fetch would resolve the dots first): nothing outside dist/web, ever.
    for (const bad of ['/projector/../package.json', '/projector/%2e%2e%2fpackage.json', '/projector/..%2Fsession.json', '/projector/%2e%2e/%2e%2e/package.json', '/projector/nope.js', '/projector/index.html/x']) {
      const got = await rawGet(hub.port, bad);
      // Inside /projector: 404; a path the dots lead out of it is not the projector's (426, the hub's own answer).
      expect(got.status, bad).not.toBe(200);
      expect(got.body, bad).not.toContain('"dependencies"');
      if (got.status !== 426) expect(got.status, bad).toBe(404);
    }
    expect((await fetch(`${base}/projector`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${base}/projector`, { method: 'HEAD' })).status).toBe(200);
  });

  it('shows 8 servers, cards travelling between named servers, a torn card and HighLoad growing on the leader', async () => {
    await page.goto(`http://127.0.0.1:${hub.port}/projector#key=${PROJECTOR_KEY}`);
    await page.waitForSelector('#status[data-status="online"]', { timeout: 15_000 });
    const send = (command: object) => instructor.send({ type: 'command', id: instructor.id(), command });
    send({ type: 'bots', action: 'fill', cluster: 'A', pace: 'human' });
    send({ type: 'script', action: 'start', cluster: 'A', game: 2 });
    await expect.poll(() => page.locator('svg.cluster g.server').count(), { timeout: 20_000 }).toBe(8);
    expect(await page.locator('svg.cluster g.server').count()).toBe(8);
    await page.waitForSelector('#title:has-text("HighLoad")', { timeout: 20_000 });

    // The leader's HighLoad and the committed letters in the middle, sampled as the game goes on.
    const committed: number[] = [];
    const sample = async () => {
      const n = Number((await page.locator('g.message').getAttribute('data-committed').catch(() => null)) ?? -1);
      if (n >= 0 && committed[committed.length - 1] !== n) committed.push(n);
    };
    const sampler = setInterval(() => void sample().catch(() => undefined), 150);

    // Steps 1–3 play on; `next` whenever a step is done, until step 4 (the second card) is sent.
    let held = false;
    const advance = (upTo: number) => (c: ClusterOverview) => {
      const s = c.script;
      // Before step 4's card goes out, bot i5 is held: its card stays in sight to be torn, however slow the page.
      if (s && s.done && s.step === 3 && !held) {
        held = true;
        send({ type: 'bots', action: 'hold', cluster: 'A', server: 'i5' });
      }
      if (s && s.done && s.step < upTo) send({ type: 'script', action: 'next', cluster: 'A' });
      return !!s && s.step === upTo && s.done;
    };
    let flying = false;
    const seenFlying = page
      .waitForSelector('g.card[data-state="flying"]', { timeout: 60_000 })
      .then(async (card) => {
        flying = true;
        const from = await card.getAttribute('data-from');
        const to = await card.getAttribute('data-to');
        const label = await card.getAttribute('aria-label');
        await shot(page, 'cards-in-flight');
        return { from, to, label };
      });
    const step4 = await until(instructor, advance(4), 90_000);
    const travelled = await seenFlying;
    expect(flying).toBe(true);
    expect(travelled.from).toMatch(/^i[1-8]$/);
    expect(travelled.to).toMatch(/^i[1-8]$/);
    expect(travelled.from).not.toBe(travelled.to);
    expect(travelled.label).toContain(`from ${travelled.from} to ${travelled.to}`);

    // The leader holds HighLoad, drawn on its sheet.
    const leader = page.locator('g.server[data-role="leader"]');
    await expect.poll(() => leader.getAttribute('data-log'), { timeout: 10_000 }).toBe('HighLoad');
    expect(await leader.getAttribute('data-server')).toBe('i1');
    await expect.poll(() => page.locator('.crown').count()).toBe(1);

    // The instructor tears up the card i1 sent to i5 while it is still in sight.
    const card = step4.inFlight.find((f) => f.card.from === 'i1' && f.card.to === 'i5' && f.card.message.type === 'AppendEntries');
    expect(card, 'i1 → i5 card of step 4').toBeDefined();
    await page.waitForSelector(`g.card[data-card="${card!.card.id}"]`, { timeout: 10_000 });
    send({ type: 'fault', cluster: 'A', fault: { kind: 'lose', card: card!.card.id } });
    const torn = await page.waitForSelector(`g.card[data-card="${card!.card.id}"][data-state="torn"]`, { timeout: 10_000 });
    expect(await torn.getAttribute('aria-label')).toContain('from i1 to i5, lost');
    await shot(page, 'lost-card');
    send({ type: 'bots', action: 'release', cluster: 'A', server: 'i5' });

    // Step 5 (the script tears up the rest to i4…i8) and the end of game 2: 1–4 committed on i1.
    await until(instructor, advance(5), 90_000);
    await until(instructor, (c) => !!c.script?.done && c.script.step === 5, 90_000);
    await expect.poll(() => page.locator('g.message').getAttribute('data-text'), { timeout: 10_000 }).toBe('HighLoad');
    await sample();
    clearInterval(sampler);
    // It grew: fewer letters committed before, more after, never fewer again.
    expect(committed.length, `committed counts seen: ${committed.join(' ')}`).toBeGreaterThanOrEqual(2);
    expect([...committed].sort((a, b) => a - b)).toEqual(committed);
    expect(committed[committed.length - 1]).toBeGreaterThanOrEqual(4);
    await shot(page, 'game-2');
  }, 240_000);

  it('reconnects by itself when the hub comes back', async () => {
    const { port, dir } = hub;
    await hub.close();
    await page.waitForSelector('#status[data-status="reconnecting"]', { timeout: 15_000 });
    expect(await page.locator('#status').textContent()).toContain('reconnecting');
    const views = Number(await page.evaluate(() => globalThis.__projector.views));
    hub = await testHub({ resume: dir, port });
    await page.waitForSelector('#status[data-status="online"]', { timeout: 20_000 });
    await expect.poll(async () => Number(await page.evaluate(() => globalThis.__projector.views)), { timeout: 10_000 }).toBeGreaterThan(views);
    expect(await page.locator('g.server').count()).toBe(8);
    // The key travelled in the fragment and the upgrade's query: neither reaches the hub's log.
    const log = readFileSync(path.join(dir, 'hub.log'), 'utf8');
    expect(log).toContain('is an instructor');
    expect(log).not.toContain(PROJECTOR_KEY);
  });
});

describe('the web projector with several clusters', () => {
  let hub: Hub;
  let instructor: TestClient;
  let page: Page;

  beforeAll(async () => void ({ hub, instructor, page } = await projectorRoom({ clusters: 4 })));
  afterAll(() => closeRoom({ hub, instructor, page }));

  it('tiles the clusters, draws a partition as a wall and an offline server turned over', async () => {
    const send = (command: object) => instructor.send({ type: 'command', id: instructor.id(), command });
    for (const c of ['A', 'B', 'C', 'D']) send({ type: 'bots', action: 'fill', cluster: c, pace: 'human' });
    send({ type: 'script', action: 'start', game: 2 });
    send({ type: 'fault', cluster: 'B', fault: { kind: 'partition', groups: [['i1', 'i2', 'i3'], ['i4', 'i5', 'i6', 'i7', 'i8']] } });
    send({ type: 'fault', cluster: 'C', fault: { kind: 'offline', server: 'i5' } });
    await page.goto(`http://127.0.0.1:${hub.port}/projector#key=${PROJECTOR_KEY}`);
    await expect.poll(() => page.locator('svg.cluster').count(), { timeout: 20_000 }).toBe(4);
    expect(await page.locator('svg.cluster g.server').count()).toBe(32);
    const wall = page.locator('svg.cluster[data-cluster="B"] g.wall');
    await expect.poll(() => wall.count(), { timeout: 10_000 }).toBe(1);
    expect(await wall.getAttribute('aria-label')).toBe('partition: i1 i2 i3 | i4 i5 i6 i7 i8');
    expect(await page.locator('svg.cluster[data-cluster="A"] g.wall').count()).toBe(0);
    await expect.poll(() => page.locator('svg.cluster[data-cluster="C"] g.server[data-server="i5"]').getAttribute('data-online'), { timeout: 10_000 }).toBe('false');
    // Side by side: the four panels share the screen in a grid.
    const boxes = await Promise.all(['A', 'B', 'C', 'D'].map((c) => page.locator(`svg.cluster[data-cluster="${c}"]`).boundingBox()));
    expect(new Set(boxes.map((b) => Math.round(b!.y))).size).toBeLessThan(4);
    // Step 1 done everywhere (i1 wrote HighLoad): on to step 2, where i1 sends its first card.
    await instructor.next((m) => m.type === 'room' && (m.view as InstructorView).clusters.every((c) => c.script?.done === true), { past: true, timeoutMs: 30_000 });
    send({ type: 'script', action: 'next' });
    await page.waitForSelector('svg.moving g.card', { timeout: 30_000 });
    await shot(page, 'four-clusters');

    // One cluster on the whole screen: `&cluster=B` in the fragment.
    await page.goto(`http://127.0.0.1:${hub.port}/projector#key=${PROJECTOR_KEY}&cluster=B`);
    await expect.poll(() => page.locator('svg.cluster').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.locator('svg.cluster').getAttribute('data-cluster')).toBe('B');
    await page.waitForSelector('svg.moving g.card', { timeout: 30_000 });
    await shot(page, 'partition');
  }, 120_000);
});

describe('the web projector in timers mode', () => {
  it("counts each follower's election timer down", async () => {
    const hub = await testHub({ projectorKey: PROJECTOR_KEY, room: { election: 'timers', electionTimeoutMs: [4000, 8000] }, humanPaceMs: [1500, 2500] });
    const { client } = await join(hub, { role: 'instructor' }, { key: KEY });
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    try {
      client.send({ type: 'command', id: client.id(), command: { type: 'bots', action: 'fill', cluster: 'A', pace: 'human' } });
      client.send({ type: 'command', id: client.id(), command: { type: 'script', action: 'start', game: 0 } });
      await page.goto(`http://127.0.0.1:${hub.port}/projector#key=${PROJECTOR_KEY}`);
      // A leader, and its followers' timers running (R14 resets them on each heartbeat).
      await expect.poll(() => page.locator('.crown').count(), { timeout: 30_000 }).toBe(1);
      await expect.poll(() => page.locator('svg.moving g.countdown').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(7);
      const left = async () => Number(await page.locator('svg.moving g.countdown').first().getAttribute('data-left'));
      const first = await left();
      expect(first).toBeGreaterThan(0);
      expect(first).toBeLessThanOrEqual(8000);
      await expect.poll(left, { timeout: 5_000 }).not.toBe(first);
      await page.waitForSelector('svg.moving g.card', { timeout: 20_000 });
      await shot(page, 'timers');
    } finally {
      await page.close();
      client.close();
      await hub.close();
    }
  }, 90_000);
});

describe('the hub command', () => {
  it('prints the projector address with the projector key in the fragment, and the page is there', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'raft-web-banner-'));
    const child = spawn(process.execPath, [path.resolve('dist/bin/raft-sheet.js'), 'hub', '--plain', '--host', '127.0.0.1', '--port', '0'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      const address = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no projector address in: ${out}`)), 20_000);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /(http:\/\/127\.0\.0\.1:\d+\/projector)#key=(\S+)/.exec(out);
          if (m && /Projector key[^\n]*\s(\S+)\n/.exec(out)?.[1] === m[2]) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
      });
      const page = await fetch(address);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('/projector/projector.js');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }, 30_000);
});

describe('the legend', () => {
  it('keeps its words apart in English and in Russian, as the browser draws them', async () => {
    const room = await projectorRoom({});
    try {
      for (const lang of ['en', 'ru']) {
        await room.page.goto(`http://127.0.0.1:${room.hub.port}/projector#key=${PROJECTOR_KEY}&lang=${lang}`);
        await room.page.waitForSelector('svg.cluster g.legend', { timeout: 20_000 });
        // The swatches' words and the cards' key: their drawn boxes, left to right.
        const boxes = await room.page.locator('svg.cluster g.legend > text[font-size="19"]').evaluateAll((els) =>
          els.map((e) => {
            // An SVG text element (the test's types have no DOM).
            const t = e as unknown as { getBBox(): { x: number; width: number }; textContent: string | null };
            const b = t.getBBox();
            return { text: t.textContent ?? '', from: b.x, to: b.x + b.width };
          }),
        );
        expect(boxes).toHaveLength(4);
        boxes.sort((a, b) => a.from - b.from);
        for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.from, `${lang}: "${boxes[i - 1]!.text}" runs into "${boxes[i]!.text}"`).toBeGreaterThan(boxes[i - 1]!.to);
        expect(boxes.at(-1)!.to).toBeLessThanOrEqual(1000);
      }
      if (update) await room.page.screenshot({ path: path.join(SCREENS, 'web-legend-ru.png'), clip: { x: 0, y: 0, width: 1600, height: 900 } });
    } finally {
      await closeRoom(room);
    }
  }, 60_000);
});
