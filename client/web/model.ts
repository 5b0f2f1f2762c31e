/**
 * The web projector's model, without the DOM (so vitest can run it): the hub's clock as the page
 * estimates it, where each card in flight is at a moment, which cards were torn up, and where the
 * servers of a cluster sit (a ring, each partition group on its own arc).
 */
import type { Card, ClusterOverview, InstructorView } from '../../src/game/types.js';
import { type CardTag, cardTag as tagOf } from '../../src/game/card-tag.js';
import type { Text } from '../../src/i18n/text.js';
import { fullText } from '../../src/raft/snapshot.js';

/**
 * A card with no delay arrives at once in the room (deliverAt = sentAt); on the screen it still
 * travels this long, so the room sees it go from sender to addressee (RaftScope draws messages
 * the same way: a dot moving along the line between two servers).
 */
export const TRAVEL_MS = 900;
/** How long a torn card stays on the screen. */
export const TORN_MS = 4000;

/** The hub's clock on this page: the room time of the last view plus the time since it came. */
export class HubClock {
  private offset: number | null = null;

  /** A view built at hub time `hubNow` arrived at page time `pageNow`. */
  sync(hubNow: number, pageNow: number): void {
    const offset = hubNow - pageNow;
    // Views come late by their transit time, never early: keep the largest offset seen, except
    // after a jump (a resumed hub, a laptop asleep), which is taken as it is.
    if (this.offset === null || offset > this.offset || this.offset - offset > 2000) this.offset = offset;
  }

  now(pageNow: number): number {
    return pageNow + (this.offset ?? 0);
  }
}

export type CardState = 'flying' | 'arrived' | 'torn';

/** What the page draws of a card: who to whom, and which message. */
export interface CardMark {
  id: string;
  from: string;
  to: string;
  type: Card['message']['type'];
}

function mark(card: Card): CardMark {
  return { id: card.id, from: card.from, to: card.to, type: card.message.type };
}

/** A card drawn on a cluster: between its sender and addressee at `p` (0..1), or piled at the addressee. */
export interface DrawnCard {
  card: CardMark;
  state: CardState;
  /** Along the line from sender to addressee, 0..1. */
  p: number;
  /** Arrived: its place in the addressee's pile (0 = bottom). */
  pile: number;
  /** Torn: 0..1, how faded. */
  fade: number;
}

/** A torn card: seen in flight, then gone from the view while its Response cell turned lost. */
export interface TornCard {
  card: CardMark;
  cluster: string;
  /** Hub time it was noticed gone. */
  at: number;
  /** Where it was along its line then. */
  p: number;
}

/** Where a card is along its line at hub time `now` (0 sent, 1 arrived). */
export function progress(card: Card, now: number): number {
  const end = Math.max(card.deliverAt, card.sentAt + TRAVEL_MS);
  if (now <= card.sentAt) return 0;
  return Math.min(1, (now - card.sentAt) / (end - card.sentAt));
}

/** The Response-row cell that tells a card's fate: the request's addressee's cell of the request's batch. */
function fateKey(card: Card): string {
  return card.inReplyTo ? `${card.inReplyTo.batch}:${card.from}` : `${card.batch}:${card.to}`;
}

/**
 * Cards lost between `before` and `after`, noticed at hub time `now`: a card that left the view
 * while its Response cell turned lost (torn where it was), and a lost cell that appeared with no
 * card seen in flight (lost as it was sent, across a partition or to an offline server: torn
 * halfway between its writer and its addressee).
 */
export function tornBetween(before: InstructorView | null, after: InstructorView, now: number): TornCard[] {
  if (!before) return [];
  const out: TornCard[] = [];
  for (const c of after.clusters) {
    const prev = before.clusters.find((p) => p.id === c.id);
    if (!prev || !c.lost?.length) continue;
    const still = new Set(c.inFlight.map((f) => f.card.id));
    const lost = new Set(c.lost.map((l) => `${l.batch}:${l.server}`));
    const explained = new Set<string>();
    for (const f of prev.inFlight) {
      const key = fateKey(f.card);
      if (still.has(f.card.id) || !lost.has(key)) continue;
      explained.add(key);
      out.push({ card: mark(f.card), cluster: c.id, at: now, p: Math.min(progress(f.card, now), 0.5) });
    }
    const known = new Set((prev.lost ?? []).map((l) => `${l.batch}:${l.server}`));
    for (const l of c.lost) {
      const key = `${l.batch}:${l.server}`;
      if (known.has(key) || explained.has(key)) continue;
      out.push({ card: { id: key, from: l.from, to: l.server, type: l.type }, cluster: c.id, at: now, p: 0.5 });
    }
  }
  return out;
}

/** The cards of one cluster as drawn at hub time `now`: flying, piled at their addressee, torn. */
export function cardsAt(cluster: ClusterOverview, torn: TornCard[], now: number): DrawnCard[] {
  // A paused cluster is still: its cards stop where they are.
  const t = cluster.paused !== undefined ? Math.min(now, cluster.paused) : now;
  const piles: Record<string, number> = {};
  const out: DrawnCard[] = [];
  for (const f of cluster.inFlight) {
    const p = progress(f.card, t);
    if (p < 1) out.push({ card: mark(f.card), state: 'flying', p, pile: 0, fade: 0 });
    else {
      const pile = piles[f.card.to] ?? 0;
      piles[f.card.to] = pile + 1;
      out.push({ card: mark(f.card), state: 'arrived', p: 1, pile, fade: 0 });
    }
  }
  for (const x of torn) {
    if (x.cluster !== cluster.id) continue;
    const age = now - x.at;
    if (age < 0 || age >= TORN_MS) continue;
    out.push({ card: x.card, state: 'torn', p: x.p, pile: 0, fade: age / TORN_MS });
  }
  return out;
}

/** Torn cards still worth keeping at hub time `now`. */
export function keepTorn(torn: TornCard[], now: number): TornCard[] {
  return torn.filter((x) => now - x.at < TORN_MS);
}

/** A short name for a card's message, as on the paper card (src/game/card-tag.ts). */
export const cardTag = (card: CardMark): CardTag => tagOf(card.type);

export interface Point {
  x: number;
  y: number;
}

/**
 * Where the servers sit. Whole: around an ellipse, clockwise from the top (as RaftScope draws a
 * cluster). Partitioned: each group in its own band, left to right, a wall between two bands
 * (`walls`: the x of each wall), so the room sees at once who can reach whom.
 */
export function ringLayout(servers: string[], partitions: string[][], centre: Point, rx: number, ry: number, width = 1000, boxW = 204): { at: Record<string, Point>; order: string[]; walls: number[] } {
  const at: Record<string, Point> = {};
  const groups = partitions.length > 1 ? partitions.map((g) => servers.filter((s) => g.includes(s))).filter((g) => g.length > 0) : [];
  if (groups.length > 1) {
    const grouped = new Set(groups.flat());
    const rest = servers.filter((s) => !grouped.has(s));
    if (rest.length) groups.push(rest);
    const band = width / groups.length;
    // Rows between the header (the message under it) and the legend; columns a box and a gap apart.
    const top = 160;
    const span = 2 * ry + 45;
    groups.forEach((g, b) => {
      const cols = g.length > 3 && band >= 2 * boxW + 40 ? 2 : 1;
      const rows = Math.ceil(g.length / cols);
      const slots = Math.max(rows, 3);
      g.forEach((s, i) => {
        const col = i % cols;
        const row = Math.floor(i / cols) + (slots - rows) / 2;
        at[s] = { x: b * band + band / 2 + (col - (cols - 1) / 2) * (boxW + 20), y: top + (span * (row + 0.5)) / slots };
      });
    });
    return { at, order: groups.flat(), walls: groups.slice(1).map((_, b) => band * (b + 1)) };
  }
  const n = servers.length;
  servers.forEach((s, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / n;
    at[s] = { x: centre.x + rx * Math.cos(a), y: centre.y + ry * Math.sin(a) };
  });
  return { at, order: servers, walls: [] };
}

/** How many columns and rows tile `n` clusters on a screen of this aspect ratio (width / height). */
export function tiling(n: number, aspect: number): { cols: number; rows: number } {
  if (n <= 1) return { cols: 1, rows: 1 };
  let best = { cols: n, rows: 1, score: -1 };
  for (let cols = 1; cols <= n; cols++) {
    const rows = Math.ceil(n / cols);
    // Each cluster panel is 1000×640 units: the scale at which `cols × rows` of them fit.
    const scale = Math.min(aspect / (cols * 1000), 1 / (rows * 640));
    if (scale > best.score) best = { cols, rows, score: scale };
  }
  return { cols: best.cols, rows: best.rows };
}

/** The message the cluster replicates, as its leader (or the longest log) holds it, and how much is committed. */
export function replicated(cluster: ClusterOverview): { letters: string[]; committed: number; applied: number; holder: string | null } {
  const top = [...cluster.leaders].sort((a, b) => b.term - a.term)[0];
  const sheets = Object.values(cluster.sheets);
  const holder = top ? cluster.sheets[top.server] : sheets.sort((a, b) => b.commitIndex - a.commitIndex || b.log.length - a.log.length)[0];
  if (!holder) return { letters: [], committed: 0, applied: 0, holder: null };
  return { letters: [...fullText(holder)], committed: holder.commitIndex, applied: holder.lastApplied, holder: holder.id }; // R29: the box's text, then the log's
}

/** Safety properties by name (RAFT-RULES.md E, the paper's Figure 3). */
export const PROPERTY_NAMES: Record<string, Text> = {
  P1: { en: 'Election Safety', ru: 'Безопасность выборов' },
  P2: { en: 'Leader Append-Only', ru: 'Лидер только дописывает' },
  P3: { en: 'Log Matching', ru: 'Совпадение журналов' },
  P4: { en: 'Leader Completeness', ru: 'Полнота лидера' },
  P5: { en: 'State Machine Safety', ru: 'Безопасность автомата' },
};

/** The key from the page address's fragment (`#key=…`, also `&cluster=A`). */
export function fromFragment(hash: string): { key: string | null; cluster: string | null; lang: 'en' | 'ru' | null } {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const lang = params.get('lang');
  return { key: params.get('key'), cluster: params.get('cluster'), lang: lang === 'ru' || lang === 'en' ? lang : null };
}

/** Reconnect delays: 250 ms doubling to 5 s, with jitter (as client/connection.ts). */
export function backoff(attempt: number, random: number): number {
  return Math.min(5000, 250 * 2 ** attempt) * (0.75 + random * 0.5);
}
