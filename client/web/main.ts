/**
 * The web projector page (issue 13): a read-only instructor connection to the hub that served
 * it, the key taken from the address's fragment (`/projector#key=…`, never sent in an HTTP
 * request, so never in a log), and the room drawn as SVG.
 *
 * Rendering: a `room` message is only kept (the newest replaces any not drawn yet); drawing
 * happens in requestAnimationFrame, at most once per animation tick, so a busy room (1,000
 * connections' worth of traffic) costs one draw per frame however many views arrive. Between
 * views, frames run only while something moves (a card in flight, a torn card, a countdown).
 */
import type { InstructorView } from '../../src/game/types.js';
import { wordsOf } from '../../src/i18n/format.js';
import type { Lang, Text } from '../../src/i18n/text.js';
import { PANEL, esc, movingItems, staticLayer, type MovingItem } from './draw.js';
import { HubClock, backoff, cardsAt, fromFragment, keepTorn, tiling, tornBetween, type TornCard } from './model.js';

interface Stats {
  frames: number;
  views: number;
  /** ms spent drawing each of the last frames (at most 2,000 kept). */
  frameMs: number[];
  status: string;
}

declare global {
  interface Window {
    /** For the browser test and the benchmark: what the page has drawn so far. */
    __projector: Stats;
  }
}

/** The page's link status in its language (src/i18n/format.ts, the one lookup). */
const status = wordsOf({
  connecting: { en: 'connecting…', ru: 'подключение…' },
  online: { en: '● online', ru: '● на связи' },
  reconnecting: { en: 'reconnecting…', ru: 'переподключение…' },
  nokey: {
    en: 'This address has no key. Open the projector address the hub printed (it ends with #key=…).',
    ru: 'В адресе нет ключа. Откройте адрес проектора, который напечатал хаб (он кончается на #key=…).',
  },
});

const stats: Stats = { frames: 0, views: 0, frameMs: [], status: 'connecting' };
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
interface Panel {
  box: HTMLDivElement;
  svg: SVGSVGElement;
  stat: SVGGElement;
  dyn: SVGGElement;
  /** What the static layer was last drawn from: it is replaced only when that changes. */
  statKey: string;
  /** The moving layer's elements by key, with what they were drawn from. */
  moving: Map<string, { el: SVGGElement; attrs: string; body: string; place: string }>;
}
const panels = new Map<string, Panel>();

function setStatus(s: 'connecting' | 'online' | 'reconnecting'): void {
  stats.status = s;
  const node = el('status');
  node.dataset.status = s;
  node.textContent = status(lang, s);
}

function ask(): void {
  if (frameAsked) return;
  frameAsked = true;
  requestAnimationFrame(frame);
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
  p = { box, svg, stat, dyn, statKey: '', moving: new Map() };
  panels.set(id, p);
  return p;
}

function shownClusters(v: InstructorView): InstructorView['clusters'] {
  const one = focus ? v.clusters.filter((c) => c.id === focus) : [];
  return one.length ? one : v.clusters;
}

/** Everything the static layer is drawn from (not the cards' ages, which change with every view). */
function staticKey(c: InstructorView['clusters'][number]): string {
  return JSON.stringify([c.sheets, c.online, c.faults.partitions, c.script, c.violations.length, c.violations[c.violations.length - 1]?.property, c.paused, c.leaders]);
}

function drawHeader(v: InstructorView, code: string | undefined): void {
  const shown = shownClusters(v);
  const first = shown[0];
  // The step's title and prompt: the cluster shown, or the first one (a room plays one script).
  const s = first?.script;
  el('title').textContent = s ? s.title[lang] : '';
  el('prompt').textContent = s ? s.prompt[lang] : '';
  el('room').textContent = `${code ? `code ${code} · ` : ''}${v.clusters.length}×${v.config.size}`;
}

/**
 * The moving layer, element by element: a new card is parsed once, a moving one only gets a new
 * transform, one gone is removed. Far cheaper per frame than replacing the layer's markup.
 */
function updateMoving(p: Panel, items: MovingItem[]): void {
  const seen = new Set<string>();
  for (const item of items) {
    seen.add(item.key);
    const place = `translate(${Math.round(item.x * 10) / 10} ${Math.round(item.y * 10) / 10})`;
    let m = p.moving.get(item.key);
    if (m && (m.attrs !== item.attrs || m.body !== item.body)) {
      m.el.remove();
      m = undefined;
    }
    if (!m) {
      const holder = document.createElementNS(SVG, 'g');
      holder.innerHTML = `<g ${item.attrs}>${item.body}</g>`;
      const el = holder.firstElementChild as SVGGElement;
      m = { el, attrs: item.attrs, body: item.body, place: '' };
      p.moving.set(item.key, m);
      p.dyn.append(el);
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

function frame(): void {
  frameAsked = false;
  const t0 = performance.now();
  let animating = false;
  const now = clock.now(t0);
  const main = el('clusters');
  if (pending) {
    const next = pending;
    pending = null;
    torn = keepTorn([...torn, ...tornBetween(view, next.view, now)], now);
    view = next.view;
    drawHeader(view, roomCode);
    const shown = shownClusters(view);
    const grid = tiling(shown.length, main.clientWidth / Math.max(1, main.clientHeight));
    main.style.gridTemplateColumns = `repeat(${grid.cols}, minmax(0, 1fr))`;
    main.style.gridTemplateRows = `repeat(${grid.rows}, minmax(0, 1fr))`;
    const ids = new Set(shown.map((c) => c.id));
    for (const [id, p] of panels) if (!ids.has(id)) (p.box.remove(), panels.delete(id));
    for (const c of shown) {
      const p = panelFor(c.id);
      if (p.box.parentNode !== main) main.append(p.box);
      // Most views change a few clusters (a busy room: one card each); the rest keep their DOM.
      const key = staticKey(c);
      if (key !== p.statKey) {
        p.statKey = key;
        p.stat.innerHTML = staticLayer(c, lang);
      }
    }
  }
  if (announceDirty) {
    announceDirty = false;
    const a = el('announce');
    a.hidden = announcement === null;
    a.innerHTML = announcement ? esc(announcement[lang]) : '';
  }
  if (view) {
    torn = keepTorn(torn, now);
    const max = view.config.electionTimeoutMs[1];
    for (const c of shownClusters(view)) {
      const cards = cardsAt(c, torn, now);
      updateMoving(panelFor(c.id), movingItems(c, cards, now, max, lang));
      if (cards.some((d) => d.state !== 'arrived') || (c.election === 'timers' && c.paused === undefined)) animating = true;
    }
  }
  stats.frames++;
  stats.frameMs.push(performance.now() - t0);
  if (stats.frameMs.length > 2000) stats.frameMs.splice(0, 1000);
  if (animating) ask();
}

// ------------------------------------------------------------------ start
setStatus('connecting');
if (!frag.key) {
  el('clusters').innerHTML = `<p class="hint">${esc(status(lang, 'nokey'))}</p>`;
} else {
  connect(frag.key);
}
// Another key or cluster in the address (`#key=…&cluster=B`): start afresh with it.
window.addEventListener('hashchange', () => location.reload());
window.addEventListener('resize', () => {
  if (view) pending ??= { view };
  ask();
});
