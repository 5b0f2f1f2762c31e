/**
 * The web projector's drawing: SVG markup as strings, without the DOM (so vitest can check it).
 * A cluster is a 1000×680 panel: its header, its eight servers around a ring, the replicated
 * message in large letters in the middle, walls between partition groups, the latest violation
 * at the bottom; the cards in flight and the election countdowns are a second layer redrawn on
 * every animation frame (dynamicLayer), the rest only when a view comes (staticLayer).
 *
 * Colours are Okabe–Ito (safe for the common colour blindnesses), and every colour comes with a
 * symbol or a word: applied ✔ bluish green, committed ● blue, persisted ○ orange outline (as on
 * the paper sheet and in the terminal, log-grid.tsx), the leader ♛, a candidate ✋, a lost card ✂.
 */
import type { ClusterOverview } from '../../src/game/types.js';
import { wordsOf } from '../../src/i18n/format.js';
import type { Lang } from '../../src/i18n/text.js';
import type { ServerState } from '../../src/raft/types.js';
import { PROPERTY_NAMES, cardTag, ringLayout, replicated, type DrawnCard, type Point } from './model.js';

export const PANEL = { w: 1000, h: 680 };
const CENTRE: Point = { x: 500, y: 360 };
const RX = 385;
const RY = 212;
const BOX = { w: 204, h: 128 };

export const COLOUR = {
  applied: '#009E73',
  committed: '#0072B2',
  persisted: '#E69F00',
  rv: '#CC79A7',
  ae: '#56B4E9',
  lost: '#D55E00',
  wall: '#D55E00',
  leader: '#E69F00',
  ink: '#111111',
  dim: '#777777',
  offline: '#d9d9d9',
  error: '#C0181F',
};

/** A word of the page in its language (src/i18n/format.ts, the one lookup; the link's state is client/i18n.ts's). */
export const w = wordsOf({
  term: { en: 'term', ru: 'терм' },
  leader: { en: 'leader', ru: 'лидер' },
  candidate: { en: 'candidate', ru: 'кандидат' },
  follower: { en: 'follower', ru: 'фолловер' },
  vote: { en: 'vote', ru: 'голос' },
  offline: { en: 'offline', ru: 'выключен' },
  noLeader: { en: 'no leader', ru: 'нет лидера' },
  committed: { en: 'committed', ru: 'зафиксировано' },
  applied: { en: 'applied', ru: 'применено' },
  written: { en: 'written', ru: 'записано' },
  of: { en: 'of', ru: 'из' },
  paused: { en: 'paused', ru: 'пауза' },
  partition: { en: 'partition', ru: 'разделение' },
  game: { en: 'game', ru: 'игра' },
  step: { en: 'step', ru: 'шаг' },
  free: { en: 'free play', ru: 'свободная игра' },
  more: { en: 'more', ru: 'ещё' },
  lost: { en: 'lost', ru: 'потеряна' },
  from: { en: 'from', ru: 'от' },
  to: { en: 'to', ru: 'к' },
  code: { en: 'code', ru: 'код' },
  noKey: {
    en: 'This address has no key. Open the projector address the hub printed (it ends with #key=…).',
    ru: 'В адресе нет ключа. Откройте адрес проектора, который напечатал хаб (он кончается на #key=…).',
  },
});

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function termOf(s: ServerState): number {
  return s.votes.length;
}

function n(x: number): string {
  return Math.round(x * 10) / 10 + '';
}

/** Where each server sits in this cluster (partition groups on their own arcs). */
export function placesOf(c: ClusterOverview): ReturnType<typeof ringLayout> {
  return ringLayout(Object.keys(c.sheets), c.faults.partitions, CENTRE, RX, RY, PANEL.w, BOX.w);
}

function header(c: ClusterOverview, lang: Lang): string {
  const leaders = [...c.leaders].sort((a, b) => b.term - a.term);
  const two = leaders.filter((l) => l.term === c.term).length > 1;
  const leader = leaders.length ? leaders.map((l) => `${l.server} (t${l.term})`).join(', ') : w(lang, 'noLeader');
  const s = c.script;
  const step = s ? (s.game === 0 ? w(lang, 'free') : `${w(lang, 'game')} ${s.game} · ${w(lang, 'step')} ${s.step}/${s.steps}${s.done ? ' ✔' : ''}`) : '';
  return [
    `<text x="16" y="46" class="cluster-id" font-size="44" font-weight="700">${esc(c.id)}</text>`,
    `<text x="78" y="44" font-size="30">${w(lang, 'term')} t${c.term} · <tspan fill="${two ? COLOUR.error : COLOUR.ink}" font-weight="700">♛ ${esc(leader)}</tspan></text>`,
    `<text x="984" y="44" font-size="26" text-anchor="end" fill="${s?.done ? COLOUR.applied : COLOUR.dim}">${esc(step)}${c.paused !== undefined ? ` · ⏸ ${w(lang, 'paused')}` : ''}</text>`,
  ].join('');
}

type EntryState = 'applied' | 'committed' | 'persisted';

function entryState(s: ServerState, index: number): EntryState {
  if (index <= s.lastApplied) return 'applied';
  if (index <= s.commitIndex) return 'committed';
  return 'persisted';
}

const SYMBOL: Record<EntryState, string> = { applied: '✔', committed: '●', persisted: '○' };

/** The log as letter cells, the newest `fit` of them, each coloured and marked by its state. */
function logCells(s: ServerState, x: number, y: number, width: number): string {
  const shown = Math.min(s.log.length, 14);
  if (shown === 0) return `<text x="${n(x)}" y="${n(y + 28)}" font-size="18" fill="${COLOUR.dim}">—</text>`;
  const first = s.log.length - shown;
  const base = s.snapshot?.lastIncludedIndex ?? 0; // R29: the log starts after the snapshot box
  const cw = Math.min(22, width / shown);
  const out: string[] = [];
  for (let i = 0; i < shown; i++) {
    const index = base + first + i + 1;
    const e = s.log[first + i]!;
    const st = entryState(s, index);
    const cx = x + i * cw;
    const fill = st === 'persisted' ? '#ffffff' : COLOUR[st];
    const text = st === 'persisted' ? COLOUR.ink : '#ffffff';
    out.push(
      `<g class="entry" data-index="${index}" data-state="${st}" aria-label="entry ${index}: ${esc(e.value)}, term ${e.term}, ${st}">` +
        `<rect x="${n(cx + 1)}" y="${n(y)}" width="${n(cw - 2)}" height="44" rx="3" fill="${fill}" stroke="${st === 'persisted' ? COLOUR.persisted : fill}" stroke-width="2"/>` +
        // A configuration entry (+i9, game 7) is squeezed into its cell rather than spilling over the next.
        `<text x="${n(cx + cw / 2)}" y="${n(y + 21)}" font-size="${n(Math.min(20, cw * 0.95))}" text-anchor="middle" fill="${text}" font-weight="700"${[...e.value].length > 1 ? ` textLength="${n(cw - 6)}" lengthAdjust="spacingAndGlyphs"` : ''}>${esc(e.value === ' ' ? '␣' : e.value)}</text>` +
        `<text x="${n(cx + cw / 2)}" y="${n(y + 39)}" font-size="${n(Math.min(13, cw * 0.7))}" text-anchor="middle" fill="${text}">${SYMBOL[st]}</text>` +
        `</g>`,
    );
  }
  // R29: `▣12` marks entries 1–12 kept in the snapshot box; `…` entries cut off at the start.
  const before = base > 0 ? `▣${base}` : first > 0 ? '…' : '';
  if (before) out.unshift(`<text x="${n(x - 4)}" y="${n(y + 28)}" font-size="14" text-anchor="end" fill="${COLOUR.dim}" class="snapshot-mark">${esc(before)}</text>`);
  return out.join('');
}

function serverBox(c: ClusterOverview, id: string, at: Point, lang: Lang): string {
  const s = c.sheets[id]!;
  const online = c.online[id] !== false;
  const x0 = at.x - BOX.w / 2;
  const y0 = at.y - BOX.h / 2;
  const role = s.role;
  const vote = s.votes[s.votes.length - 1] ?? null;
  const mark = role === 'leader' ? `<text x="${n(x0 + 66)}" y="${n(y0 + 36)}" font-size="32" fill="${COLOUR.leader}" class="crown" aria-label="${w(lang, 'leader')}">♛</text>` : role === 'candidate' ? `<text x="${n(x0 + 66)}" y="${n(y0 + 35)}" font-size="28" aria-label="${w(lang, 'candidate')}">✋</text>` : '';
  const label = `${id}, ${w(lang, role)}, ${w(lang, 'term')} ${termOf(s)}, ${w(lang, 'vote')} ${vote ?? '—'}${online ? '' : `, ${w(lang, 'offline')}`}, log ${s.log.map((e) => e.value).join('')}`;
  const border = role === 'leader' ? COLOUR.leader : role === 'candidate' ? COLOUR.rv : '#444444';
  return (
    `<g class="server" data-server="${esc(id)}" data-role="${role}" data-term="${termOf(s)}" data-online="${online}" data-log="${esc(s.log.map((e) => e.value).join(''))}" aria-label="${esc(label)}">` +
    `<rect x="${n(x0)}" y="${n(y0)}" width="${BOX.w}" height="${BOX.h}" rx="12" fill="${online ? '#ffffff' : COLOUR.offline}" stroke="${border}" stroke-width="${role === 'leader' ? 6 : 3}"${online ? '' : ' stroke-dasharray="10 6"'}/>` +
    `<g opacity="${online ? 1 : 0.45}">` +
    `<text x="${n(x0 + 12)}" y="${n(y0 + 36)}" font-size="32" font-weight="700">${esc(id)}</text>${mark}` +
    `<text x="${n(x0 + BOX.w - 12)}" y="${n(y0 + 34)}" font-size="28" text-anchor="end" font-weight="700">t${termOf(s)}</text>` +
    `<text x="${n(x0 + 12)}" y="${n(y0 + 62)}" font-size="20">${w(lang, 'vote')} ${esc(vote ?? '—')}</text>` +
    logCells(s, x0 + 12, y0 + 72, BOX.w - 24) +
    `</g>` +
    (online ? '' : `<text x="${n(at.x)}" y="${n(y0 + BOX.h / 2 + 10)}" font-size="30" text-anchor="middle" font-weight="700" fill="${COLOUR.ink}">○ ${w(lang, 'offline')}</text>`) +
    `</g>`
  );
}

function walls(c: ClusterOverview, xs: number[], lang: Lang): string {
  if (xs.length === 0) return '';
  const groups = c.faults.partitions.map((g) => g.join(' ')).join(' | ');
  const out = xs.map(
    (x) =>
      `<line x1="${n(x)}" y1="150" x2="${n(x)}" y2="${PANEL.h - 48}" stroke="${COLOUR.wall}" stroke-width="14" stroke-dasharray="22 6" stroke-linecap="round"/>` +
      `<text x="${n(x)}" y="140" font-size="22" font-weight="700" text-anchor="middle" fill="${COLOUR.wall}">▦ ${w(lang, 'partition')}</text>`,
  );
  return `<g class="wall" aria-label="${esc(`${w(lang, 'partition')}: ${groups}`)}">${out.join('')}</g>`;
}

function message(c: ClusterOverview, lang: Lang, partitioned: boolean): string {
  const r = replicated(c);
  if (r.letters.length === 0) return '';
  const count = r.letters.length;
  // Partitioned, the middle belongs to the wall: the message moves up under the header.
  const cw = Math.min(partitioned ? 30 : 50, 520 / count);
  const x0 = CENTRE.x - (cw * count) / 2;
  const y = partitioned ? 96 : CENTRE.y - 18;
  const cells = r.letters.map((l, i) => {
    const index = i + 1;
    const st: EntryState = index <= r.applied ? 'applied' : index <= r.committed ? 'committed' : 'persisted';
    const colour = st === 'persisted' ? '#9a9a9a' : COLOUR[st];
    return `<text x="${n(x0 + i * cw + cw / 2)}" y="${n(y)}" font-size="${n(cw * 1.15)}" text-anchor="middle" font-weight="800" fill="${colour}" data-state="${st}">${esc(l === ' ' ? '␣' : l)}</text>`;
  });
  const text = r.letters.join('');
  return (
    `<g class="message" data-text="${esc(text)}" data-committed="${r.committed}" aria-label="${esc(`${text}: ${r.committed} ${w(lang, 'of')} ${count} ${w(lang, 'committed')}`)}">` +
    `<rect x="${n(x0 - 12)}" y="${n(y - cw * 1.05)}" width="${n(cw * count + 24)}" height="${n(cw * 1.05 + (partitioned ? 12 : 58))}" rx="10" fill="#ffffff" fill-opacity="0.88"/>` +
    cells.join('') +
    (partitioned ? '' : `<text x="${CENTRE.x}" y="${n(y + 34)}" font-size="22" text-anchor="middle" fill="${COLOUR.ink}">${r.holder ? `${esc(r.holder)}: ` : ''}${r.committed} ${w(lang, 'of')} ${count} ${w(lang, 'committed')} ●</text>`) +
    `</g>`
  );
}

function violations(c: ClusterOverview, lang: Lang): string {
  if (c.violations.length === 0) return '';
  const v = c.violations[c.violations.length - 1]!;
  const name = PROPERTY_NAMES[v.property]?.[lang] ?? v.property;
  const more = c.violations.length > 1 ? ` (+${c.violations.length - 1} ${w(lang, 'more')})` : '';
  const line = `⚠ ${v.property} ${name}: ${v.explain[lang]}`;
  // About 58 characters of bold 26-unit type fill the 1000-unit band; the whole line is in the title.
  const cut = line.length > 58 ? `${line.slice(0, 57)}…` : line;
  return `<g class="violation" data-property="${esc(v.property)}"><rect x="0" y="${PANEL.h - 44}" width="${PANEL.w}" height="44" fill="${COLOUR.error}"/><text x="14" y="${PANEL.h - 13}" font-size="26" font-weight="700" fill="#ffffff">${esc(cut + more)}<title>${esc(line)}</title></text></g>`;
}

/**
 * Width of a line of SVG text in panel units, estimated (the page cannot measure text while it
 * builds markup): about 0.56 em per character in the sans-serif face, Latin or Cyrillic.
 */
export function textWidth(s: string, fontSize: number): number {
  return [...s].length * fontSize * 0.56;
}

/**
 * What the colours and symbols mean, along the bottom (a violation's band covers it). The three
 * swatches follow one another by the width of their words, and the cards' key on the right
 * keeps its long names only where they fit beside them: in Russian the words are longer, and at
 * fixed places they ran into each other.
 */
export function legendLayout(lang: Lang): { swatches: { x: number; word: string }[]; cardsFrom: number; cardsText: string; long: boolean } {
  const FONT = 19;
  const words = [w(lang, 'applied'), w(lang, 'committed'), w(lang, 'written')];
  const swatches: { x: number; word: string }[] = [];
  let x = 18;
  for (const word of words) {
    swatches.push({ x, word });
    x += 28 + textWidth(word, FONT) + 20;
  }
  const leftEnd = x - 20;
  const right = PANEL.w - 16;
  const longText = `✉ RV RequestVote · ✉ AE AppendEntries · ✂ ${w(lang, 'lost')}`;
  const long = right - textWidth(longText, FONT) > leftEnd + 20;
  const cardsText = long ? longText : `✉ RV · ✉ AE · ✂ ${w(lang, 'lost')}`;
  return { swatches, cardsFrom: right - textWidth(cardsText, FONT), cardsText, long };
}

function legend(lang: Lang): string {
  const item = (x: number, fill: string, stroke: string, sym: string, word: string, ink = '#ffffff') =>
    `<rect x="${x}" y="${PANEL.h - 34}" width="22" height="24" rx="3" fill="${fill}" stroke="${stroke}" stroke-width="2"/><text x="${x + 11}" y="${PANEL.h - 16}" font-size="15" text-anchor="middle" fill="${ink}">${sym}</text><text x="${x + 28}" y="${PANEL.h - 15}" font-size="19" fill="${COLOUR.ink}">${word}</text>`;
  const { swatches: [a, c, p], long } = legendLayout(lang);
  const name = (full: string) => (long ? ` ${full}` : '');
  return (
    `<g class="legend">` +
    item(a!.x, COLOUR.applied, COLOUR.applied, '✔', a!.word) +
    item(c!.x, COLOUR.committed, COLOUR.committed, '●', c!.word) +
    item(p!.x, '#ffffff', COLOUR.persisted, '○', p!.word, COLOUR.ink) +
    `<text x="${PANEL.w - 16}" y="${PANEL.h - 15}" font-size="19" text-anchor="end" fill="${COLOUR.ink}"><tspan fill="${COLOUR.rv}" font-weight="700">✉ RV</tspan>${name('RequestVote')} · <tspan fill="${COLOUR.ae}" font-weight="700">✉ AE</tspan>${name('AppendEntries')} · <tspan fill="${COLOUR.lost}" font-weight="700">✂</tspan> ${w(lang, 'lost')}</text>` +
    `</g>`
  );
}

/**
 * The still layer as parts, bottom to top, each one element under its own key: the page
 * replaces only the parts whose markup changed (a busy cluster: one or two servers' boxes per
 * view), so the browser re-lays out and repaints those boxes, not the whole panel.
 */
export function staticParts(c: ClusterOverview, lang: Lang): { key: string; markup: string }[] {
  const places = placesOf(c);
  const parts = [
    { key: 'header', markup: `<g class="header">${header(c, lang)}</g>` },
    { key: 'walls', markup: walls(c, places.walls, lang) },
    { key: 'message', markup: message(c, lang, places.walls.length > 0) },
    ...places.order.map((id) => ({ key: `server:${id}`, markup: serverBox(c, id, places.at[id]!, lang) })),
    { key: 'legend', markup: legend(lang) },
    { key: 'violation', markup: violations(c, lang) },
  ];
  return parts.filter((p) => p.markup !== '');
}

/** Everything of a cluster that changes only when a view comes. */
export function staticLayer(c: ClusterOverview, lang: Lang): string {
  return staticParts(c, lang)
    .map((p) => p.markup)
    .join('');
}

/** The point on the segment from a to b at fraction p, the ends pulled in by `inset` (box edges). */
function along(a: Point, b: Point, p: number, inset: number): Point {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const f = Math.min(0.45, inset / len);
  const q = f + (1 - 2 * f) * p;
  return { x: a.x + dx * q, y: a.y + dy * q };
}

/**
 * One thing of the moving layer: a `<g>` with its attributes and content, placed at (x, y). The
 * page keeps one element per key and, frame to frame, only moves it (a transform) unless its
 * attributes or content changed: a card in flight costs one attribute write per frame.
 */
export interface MovingItem {
  key: string;
  attrs: string;
  body: string;
  x: number;
  y: number;
  opacity: number;
  /**
   * What changes often inside an item that stays (a countdown, ten times a second), set in place
   * on the element the page keeps instead of parsing a new body: `data-*` attributes, the text
   * of its `text.value`, the width of its `rect.bar`.
   */
  live?: { data: Record<string, string>; text: string; bar: number };
}

function envelope(d: DrawnCard, at: Point, lang: Lang, extra = ''): MovingItem {
  const card = d.card;
  const tag = cardTag(card);
  const colour = tag.startsWith('RV') ? COLOUR.rv : COLOUR.ae;
  const label = `${card.type} ${w(lang, 'from')} ${card.from} ${w(lang, 'to')} ${card.to}${d.state === 'torn' ? `, ${w(lang, 'lost')}` : ''}`;
  const attrs = `class="card" data-card="${esc(card.id)}" data-from="${esc(card.from)}" data-to="${esc(card.to)}" data-type="${card.type}" data-state="${d.state}" aria-label="${esc(label)}"`;
  const key = `${card.id}:${d.state}`;
  if (d.state === 'torn') {
    return {
      key,
      attrs,
      x: at.x,
      y: at.y,
      opacity: Math.round((1 - d.fade * 0.8) * 20) / 20,
      body:
        `<g transform="translate(-8 4) rotate(-16)"><path d="M-24 -16 L0 -16 L-4 -8 L2 0 L-4 8 L0 16 L-24 16 Z" fill="${colour}" stroke="${COLOUR.lost}" stroke-width="3"/></g>` +
        `<g transform="translate(8 -4) rotate(14)"><path d="M24 -16 L4 -16 L0 -8 L6 0 L0 8 L4 16 L24 16 Z" fill="${colour}" stroke="${COLOUR.lost}" stroke-width="3"/></g>` +
        `<text x="0" y="-24" font-size="26" text-anchor="middle" fill="${COLOUR.lost}" font-weight="700">✂ ${tag}</text>`,
    };
  }
  return {
    key,
    attrs,
    x: at.x,
    y: at.y,
    opacity: 1,
    body:
      `<rect x="-24" y="-16" width="48" height="32" rx="3" fill="${colour}" stroke="${COLOUR.ink}" stroke-width="2"/>` +
      `<polyline points="-24,-16 0,2 24,-16" fill="none" stroke="${COLOUR.ink}" stroke-width="2"/>` +
      `<text x="0" y="13" font-size="13" text-anchor="middle" font-weight="700" fill="${COLOUR.ink}">${tag}</text>` +
      extra,
  };
}

/** Cards in flight (moving), piled at their addressee, torn; and the election countdowns. */
export function movingItems(c: ClusterOverview, cards: DrawnCard[], hubNow: number, timeoutMax: number, lang: Lang): MovingItem[] {
  const places = placesOf(c);
  const out: MovingItem[] = [];
  const piles: Record<string, DrawnCard[]> = {};
  for (const d of cards) {
    const from = places.at[d.card.from];
    const to = places.at[d.card.to];
    if (!from || !to) continue;
    if (d.state === 'arrived') (piles[d.card.to] ??= []).push(d);
    else out.push(envelope(d, along(from, to, d.p, 118), lang));
  }
  // Arrived cards pile up on the addressee's side facing the middle, the count on the top one.
  for (const [to, pile] of Object.entries(piles)) {
    const at = places.at[to]!;
    const dx = CENTRE.x - at.x;
    const dy = CENTRE.y - at.y;
    const len = Math.hypot(dx, dy) || 1;
    const px = at.x + (dx / len) * 124;
    const py = at.y + (dy / len) * 104;
    const shown = pile.slice(0, 4);
    shown.forEach((d, i) => {
      const extra = i === shown.length - 1 && pile.length > 1 ? `<text x="30" y="8" font-size="22" font-weight="700" fill="${COLOUR.ink}">×${pile.length}</text>` : '';
      out.push(envelope(d, { x: px + i * 6, y: py - i * 6 }, lang, extra));
    });
  }
  if (c.election === 'timers' && c.paused === undefined) {
    for (const id of places.order) {
      const deadline = c.timers[id];
      if (deadline === null || deadline === undefined || c.online[id] === false) continue;
      // In tenths of a second: the countdown's content changes at most ten times a second.
      const left = Math.ceil(Math.max(0, deadline - hubNow) / 100) * 100;
      const at = places.at[id]!;
      const frac = Math.min(1, left / Math.max(1, timeoutMax));
      const ink = left < 1000 ? COLOUR.error : COLOUR.ink;
      out.push({
        // The colour in the key: the last second is a new element; the other changes are live.
        key: `countdown:${id}:${left < 1000 ? 'last' : 'on'}`,
        attrs: `class="countdown" data-server="${esc(id)}"`,
        x: at.x - BOX.w / 2,
        y: at.y - BOX.h / 2,
        opacity: 1,
        body:
          // A clock drawn, not a glyph: projector laptops lack the emoji fonts.
          `<circle cx="${BOX.w - 84}" cy="55" r="8" fill="none" stroke="${ink}" stroke-width="2"/><path d="M${BOX.w - 84} 50 V55 H${BOX.w - 80}" fill="none" stroke="${ink}" stroke-width="2"/>` +
          `<text class="value" x="${BOX.w - 12}" y="62" font-size="20" text-anchor="end" fill="${ink}"></text>` +
          `<rect class="bar" x="6" y="${BOX.h - 9}" width="0" height="5" rx="2" fill="${left < 1000 ? COLOUR.error : COLOUR.committed}"/>`,
        live: { data: { left: String(Math.round(left)) }, text: `${(left / 1000).toFixed(1)}s`, bar: Math.round((BOX.w - 12) * frac * 10) / 10 },
      });
    }
  }
  return out;
}

/** The moving layer as markup (tests; the page updates items in place). */
export function dynamicLayer(c: ClusterOverview, cards: DrawnCard[], hubNow: number, timeoutMax: number, lang: Lang): string {
  return movingItems(c, cards, hubNow, timeoutMax, lang)
    .map((i) => {
      const data = Object.entries(i.live?.data ?? {})
        .map(([k, v]) => ` data-${k}="${esc(v)}"`)
        .join('');
      // The live values written into the markup where the page sets them on the element.
      const body = i.live ? i.body.replace(/(<text class="value"[^>]*>)<\/text>/, `$1${esc(i.live.text)}</text>`).replace(/(<rect class="bar"[^>]*?)width="0"/, `$1width="${i.live.bar}"`) : i.body;
      return `<g ${i.attrs}${data} transform="translate(${n(i.x)} ${n(i.y)})"${i.opacity < 1 ? ` opacity="${i.opacity}"` : ''}>${body}</g>`;
    })
    .join('');
}
