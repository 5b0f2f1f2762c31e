/**
 * The web projector page (issue 13): a read-only instructor connection to the hub that served
 * it, the key taken from the address's fragment (`/projector#key=…`, never sent in an HTTP
 * request, so never in a log), and the room drawn as SVG.
 *
 * Rendering: a `room` message is only kept (the newest replaces any not drawn yet); drawing
 * happens in requestAnimationFrame, at most once per animation tick, so a busy room (1,000
 * connections' worth of traffic) costs one draw per frame however many views arrive. Between
 * views, frames run only while something moves (a card in flight, a torn card, a countdown).
 *
 * Cost (issue 13, docs/performance.md §8): the projector's browser usually shares the laptop
 * with the hub, and software rendering (no GPU) pays for every repainted pixel. So the still
 * sheets are redrawn at most STATIC_MS apart (they change at human speed) and only the parts
 * that changed (staticParts: one server's box, the message); what moves is redrawn at most
 * MOVING_MS apart, each card an element kept and moved, each countdown's text set in place;
 * nothing is drawn while nothing moves or while the page is hidden.
 */
import type { InstructorView } from '../../src/game/types.js';
import type { Lang, Text } from '../../src/i18n/text.js';
import { t } from '../i18n.js';
import { PANEL, esc, movingItems, staticParts, w, type MovingItem } from './draw.js';
import { HubClock, backoff, cardsAt, fromFragment, keepTorn, tiling, tornBetween, type TornCard } from './model.js';
import { questionSecondsLeft } from '../asked-question.js';
import { askedCluster, questionPanel } from './question.js';

interface Stats {
  frames: number;
  views: number;
  /** ms spent drawing each of the last frames (at most 2,000 kept). */
  frameMs: number[];
  status: string;
  /** The longest room message received, in characters of JSON (the benchmark reports it). */
  largestView: number;
}

declare global {
  interface Window {
    /** For the browser test and the benchmark: what the page has drawn so far. */
    __projector: Stats;
  }
}

const stats: Stats = { frames: 0, views: 0, frameMs: [], status: 'connecting', largestView: 0 };
window.__projector = stats;

const frag = fromFragment(location.hash);
const lang: Lang = frag.lang ?? (navigator.language.toLowerCase().startsWith('ru') ? 'ru' : 'en');
document.documentElement.lang = lang;
const focus = frag.cluster;

const el = (id: string) => document.getElementById(id)!;
const clock = new HubClock();
let view: InstructorView | null = null;
let pending: { view: InstructorView } | null = null;
let roomCode: string | undefined;
let announcement: Text | null = null;
let announceDirty = false;
let torn: TornCard[] = [];
let frameAsked = false;
/** The still layers at most four times a second: sheets change at human speed (docs/performance.md §8). */
const STATIC_MS = 250;
/** What moves at most 30 times a second: a card crosses in 0.9 s or more, 27 steps at least. */
const MOVING_MS = 33;
/** A view came whose still parts are not drawn yet. */
let staticDirty = false;
let lastStatic = -Infinity;
let lastFrame = -Infinity;
let timer: ReturnType<typeof setTimeout> | null = null;
let timerDue = 0;
interface Panel {
  box: HTMLDivElement;
  svg: SVGSVGElement;
  stat: SVGGElement;
  dyn: SVGGElement;
  /** What the static layer was last drawn from: it is redrawn only when that changes. */
  statKey: string;
  /** The static layer's parts by key (staticParts), with the markup each was drawn from. */
  parts: Map<string, { el: Element; markup: string }>;
  /** The moving layer's elements by key, with what they were drawn from. */
  moving: Map<string, { el: SVGGElement; attrs: string; body: string; place: string; live: string }>;
}
const panels = new Map<string, Panel>();
/** The question panel (question.ts), a cell of the grid beside the cluster asked; its markup as last drawn. */
const questionBox = document.createElement('div');
questionBox.id = 'question';
questionBox.setAttribute('aria-live', 'polite');
let questionHtml = '';
let questionTimer: ReturnType<typeof setTimeout> | null = null;

function setStatus(s: 'connecting' | 'online' | 'reconnecting'): void {
  stats.status = s;
  const node = el('status');
  node.dataset.status = s;
  node.textContent = s === 'online' ? `● ${t(lang, 'online')}` : t(lang, s);
}

function ask(): void {
  if (frameAsked) return;
  frameAsked = true;
  requestAnimationFrame(frame);
}

/** A frame `ms` from now (the caps above), or sooner if one is already due sooner. */
function askIn(ms: number): void {
  if (ms <= 0) return ask();
  const due = performance.now() + ms;
  if (timer !== null) {
    if (timerDue <= due) return;
    clearTimeout(timer);
  }
  timerDue = due;
  timer = setTimeout(() => {
    timer = null;
    ask();
  }, ms);
}

// ------------------------------------------------------------------ the connection
let attempt = 0;
function connect(key: string): void {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const ws = new WebSocket(`${scheme}://${location.host}/?key=${encodeURIComponent(key)}`);
  let welcomed = false;
  ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', protocol: 1, role: 'instructor' }));
  ws.onmessage = (ev) => {
    if (typeof ev.data !== 'string') return;
    let m: { type: string; view?: InstructorView; code?: string; text?: Text };
    try {
      m = JSON.parse(ev.data);
    } catch {
      return;
    }
    if (m.type === 'welcome') {
      welcomed = true;
      attempt = 0;
      setStatus('online');
    } else if (m.type === 'room' && m.view) {
      stats.views++;
      stats.largestView = Math.max(stats.largestView, ev.data.length);
      clock.sync(m.view.now, performance.now());
      if (m.code) roomCode = m.code;
      pending = { view: m.view };
      ask();
    } else if (m.type === 'announce' && m.text) {
      announcement = m.text;
      announceDirty = true;
      ask();
    }
  };
  ws.onclose = () => {
    setStatus(welcomed || view ? 'reconnecting' : 'connecting');
    setTimeout(() => connect(key), backoff(attempt, Math.random()));
    attempt = Math.min(attempt + 1, 10);
  };
}

// ------------------------------------------------------------------ drawing
const SVG = 'http://www.w3.org/2000/svg';

/**
 * A cluster's panel: two SVGs stacked in one box, the same viewBox. The lower one holds what
 * changes only with a view (servers, logs, message, walls); the upper one what moves (cards,
 * countdowns), on its own compositing layer (will-change), so a moving card repaints the nearly
 * empty upper layer, not the text of eight sheets.
 */
function panelFor(id: string): Panel {
  let p = panels.get(id);
  if (p) return p;
  const box = document.createElement('div');
  box.className = 'panel';
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${PANEL.w} ${PANEL.h}`);
  svg.setAttribute('class', 'cluster');
  svg.setAttribute('data-cluster', id);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `cluster ${id}`);
  svg.innerHTML = `<rect class="frame" x="1" y="1" width="${PANEL.w - 2}" height="${PANEL.h - 2}" rx="14"/>`;
  const stat = document.createElementNS(SVG, 'g');
  svg.append(stat);
  const over = document.createElementNS(SVG, 'svg');
  over.setAttribute('viewBox', `0 0 ${PANEL.w} ${PANEL.h}`);
  over.setAttribute('class', 'moving');
  over.setAttribute('data-cluster', id);
  const dyn = document.createElementNS(SVG, 'g');
  over.append(dyn);
  box.append(svg, over);
  p = { box, svg, stat, dyn, statKey: '', parts: new Map(), moving: new Map() };
  panels.set(id, p);
  return p;
}

function shownClusters(v: InstructorView): InstructorView['clusters'] {
  // Asking the room (issue 14): the cluster asked fills the screen beside its question, as on
  // the terminal projector; the others come back once the decision is played.
  const asked = askedCluster(v.clusters, focus);
  if (asked) return [asked];
  const one = focus ? v.clusters.filter((c) => c.id === focus) : [];
  return one.length ? one : v.clusters;
}

/** Everything the static layer is drawn from (not the cards' ages, which change with every view). */
function staticKey(c: InstructorView['clusters'][number]): string {
  return JSON.stringify([c.sheets, c.online, c.faults.partitions, c.script, c.violations.length, c.violations[c.violations.length - 1]?.property, c.paused, c.leaders]);
}

/** Sets a node's text only when it differs: writing the same text still costs a layout. */
function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

function drawHeader(v: InstructorView, code: string | undefined): void {
  const shown = shownClusters(v);
  const first = shown[0];
  // The step's title and prompt: the cluster shown, or the first one (a room plays one script).
  const s = first?.script;
  setText(el('title'), s ? s.title[lang] : '');
  setText(el('prompt'), s ? s.prompt[lang] : '');
  setText(el('room'), `${code ? `${w(lang, 'code')} ${code} · ` : ''}${v.clusters.length}×${v.config.size}`);
}

/**
 * Elements from their markups, one each, in one parse: each innerHTML starts an HTML parser,
 * whose setting up cost more than the parsing of a card (the bench's trace, docs/performance.md
 * §8), so a frame parses all that is new in a panel at once.
 */
function parseAll(markups: string[]): Element[] {
  if (markups.length === 0) return [];
  const holder = document.createElementNS(SVG, 'g');
  holder.innerHTML = markups.join('');
  return [...holder.children];
}

/**
 * The static layer, part by part: a part whose markup is unchanged keeps its element (no
 * re-layout, no repaint of its pixels); a changed one is replaced; the order is kept bottom to top.
 */
function updateStatic(p: Panel, c: InstructorView['clusters'][number]): void {
  const seen = new Set<string>();
  let prev: Element | null = null;
  const parts = staticParts(c, lang);
  const changed = parts.filter((part) => p.parts.get(part.key)?.markup !== part.markup);
  const fresh = parseAll(changed.map((part) => part.markup));
  changed.forEach((part, i) => {
    const old = p.parts.get(part.key);
    if (old) old.el.replaceWith(fresh[i]!);
    p.parts.set(part.key, { el: fresh[i]!, markup: part.markup });
  });
  for (const part of parts) {
    seen.add(part.key);
    const m = p.parts.get(part.key)!;
    const want: Node | null = prev ? prev.nextSibling : p.stat.firstChild;
    if (m.el !== want) p.stat.insertBefore(m.el, want);
    prev = m.el;
  }
  for (const [key, m] of p.parts) {
    if (!seen.has(key)) {
      m.el.remove();
      p.parts.delete(key);
    }
  }
}

/**
 * The moving layer, element by element: a new card is parsed once, a moving one only gets a new
 * transform, one gone is removed. Far cheaper per frame than replacing the layer's markup.
 */
function updateMoving(p: Panel, items: MovingItem[]): void {
  const seen = new Set<string>();
  const asked = new Set<string>();
  const fresh = items.filter((item) => {
    if (asked.has(item.key)) return false;
    asked.add(item.key);
    const m = p.moving.get(item.key);
    if (m && (m.attrs !== item.attrs || m.body !== item.body)) {
      m.el.remove();
      p.moving.delete(item.key);
    }
    return !p.moving.has(item.key);
  });
  const made = parseAll(fresh.map((item) => `<g ${item.attrs}>${item.body}</g>`));
  fresh.forEach((item, i) => {
    p.moving.set(item.key, { el: made[i] as SVGGElement, attrs: item.attrs, body: item.body, place: '', live: '' });
    p.dyn.append(made[i]!);
  });
  for (const item of items) {
    seen.add(item.key);
    const place = `translate(${Math.round(item.x * 10) / 10} ${Math.round(item.y * 10) / 10})`;
    const m = p.moving.get(item.key)!;
    if (item.live) {
      // A countdown: its text node, bar and data-left set in place, only when they changed.
      const live = JSON.stringify(item.live);
      if (m.live !== live) {
        m.live = live;
        for (const [k, v] of Object.entries(item.live.data)) m.el.setAttribute(`data-${k}`, v);
        const text = m.el.querySelector('text.value');
        if (text) setText(text, item.live.text);
        m.el.querySelector('rect.bar')?.setAttribute('width', String(item.live.bar));
      }
    }
    if (m.place !== place) {
      m.place = place;
      m.el.setAttribute('transform', place);
    }
    const opacity = item.opacity < 1 ? String(item.opacity) : null;
    if (m.el.getAttribute('opacity') !== opacity) {
      if (opacity === null) m.el.removeAttribute('opacity');
      else m.el.setAttribute('opacity', opacity);
    }
  }
  for (const [key, m] of p.moving) {
    if (!seen.has(key)) {
      m.el.remove();
      p.moving.delete(key);
    }
  }
}

/**
 * The question panel, redrawn only when its markup changes: a new count of answers, the reveal,
 * or the countdown's next second (looked at four times a second while it runs, not every frame).
 */
function drawQuestion(v: InstructorView, now: number, main: HTMLElement): void {
  const asked = askedCluster(v.clusters, focus);
  const q = asked?.question;
  if (!q) {
    if (questionBox.parentNode) questionBox.remove();
    questionHtml = '';
    return;
  }
  const left = questionSecondsLeft(q, now);
  const html = questionPanel(q, lang, left);
  if (html !== questionHtml) {
    questionHtml = html;
    questionBox.innerHTML = html;
  }
  if (questionBox.parentNode !== main || main.lastElementChild !== questionBox) main.append(questionBox);
  if (!q.reveal && left > 0 && questionTimer === null) {
    questionTimer = setTimeout(() => {
      questionTimer = null;
      ask();
    }, 250);
  }
}

function frame(): void {
  frameAsked = false;
  // Hidden (another tab, a closed lid): nothing drawn; the newest view waits, drawn once visible.
  if (document.visibilityState === 'hidden') return;
  const t0 = performance.now();
  let animating = false;
  const now = clock.now(t0);
  const main = el('clusters');
  if (pending) {
    const next = pending;
    pending = null;
    torn = keepTorn([...torn, ...tornBetween(view, next.view, now)], now);
    view = next.view;
    staticDirty = true;
  }
  let drew = false;
  if (view && staticDirty && t0 - lastStatic >= STATIC_MS) {
    drew = true;
    staticDirty = false;
    lastStatic = t0;
    drawHeader(view, roomCode);
    const shown = shownClusters(view);
    const aspect = main.clientWidth / Math.max(1, main.clientHeight);
    let cols: string;
    let rows: string;
    if (askedCluster(view.clusters, focus)) {
      // The question beside its cluster on a wide screen, above it on a narrow one.
      const side = aspect >= 1.25;
      main.dataset.layout = side ? 'question-beside' : 'question-above';
      cols = side ? 'minmax(0, 1.15fr) minmax(0, 1fr)' : 'minmax(0, 1fr)';
      rows = side ? 'minmax(0, 1fr)' : 'auto minmax(0, 1fr)';
    } else {
      const grid = tiling(shown.length, aspect);
      delete main.dataset.layout;
      cols = `repeat(${grid.cols}, minmax(0, 1fr))`;
      rows = `repeat(${grid.rows}, minmax(0, 1fr))`;
    }
    // Written only when they change: a style write invalidates the layout.
    if (main.style.gridTemplateColumns !== cols) main.style.gridTemplateColumns = cols;
    if (main.style.gridTemplateRows !== rows) main.style.gridTemplateRows = rows;
    const ids = new Set(shown.map((c) => c.id));
    for (const [id, p] of panels) if (!ids.has(id)) (p.box.remove(), panels.delete(id));
    for (const c of shown) {
      const p = panelFor(c.id);
      if (p.box.parentNode !== main) main.append(p.box);
      // Most views change a few clusters (a busy room: one card each); the rest keep their DOM.
      const key = staticKey(c);
      if (key !== p.statKey) {
        p.statKey = key;
        updateStatic(p, c);
      }
    }
  } else if (staticDirty) {
    askIn(lastStatic + STATIC_MS - t0);
  }
  if (view) drawQuestion(view, now, main);
  if (announceDirty) {
    announceDirty = false;
    const a = el('announce');
    a.hidden = announcement === null;
    a.innerHTML = announcement ? esc(announcement[lang]) : '';
  }
  if (view && t0 - lastFrame >= MOVING_MS - 4) {
    drew = true;
    lastFrame = t0;
    torn = keepTorn(torn, now);
    const max = view.config.electionTimeoutMs[1];
    for (const c of shownClusters(view)) {
      // A panel whose still layer is not drawn yet (a new cluster, waiting for STATIC_MS) stays empty.
      if (!panels.has(c.id)) continue;
      const cards = cardsAt(c, torn, now);
      updateMoving(panelFor(c.id), movingItems(c, cards, now, max, lang));
      if (cards.some((d) => d.state !== 'arrived') || (c.election === 'timers' && c.paused === undefined)) animating = true;
    }
  } else if (view) {
    animating = true;
  }
  // Counted: frames that drew (a view taken and left for later is not a frame of the room's).
  if (drew) {
    stats.frames++;
    stats.frameMs.push(performance.now() - t0);
    if (stats.frameMs.length > 2000) stats.frameMs.splice(0, 1000);
  }
  if (animating) askIn(lastFrame + MOVING_MS - performance.now());
}

// ------------------------------------------------------------------ start
setStatus('connecting');
if (!frag.key) {
  el('clusters').innerHTML = `<p class="hint">${esc(w(lang, 'noKey'))}</p>`;
} else {
  connect(frag.key);
}
// Another key or cluster in the address (`#key=…&cluster=B`): start afresh with it.
window.addEventListener('hashchange', () => location.reload());
window.addEventListener('resize', () => {
  if (view) pending ??= { view };
  ask();
});
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') ask();
});
