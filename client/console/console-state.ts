/**
 * The instructor console's state and what each key does: a pure reducer, tested without Ink
 * (the student screen's pattern). A key may produce a command for the hub; the app sends it over
 * its instructor connection (the same path as any instructor: room queue → reducer → journal)
 * and shows the verdict.
 */
import type { ClusterOverview, Command, Fault } from '../../src/game/types.js';
import { GAME6_SNAPSHOT_EVERY } from '../../src/game/scenario-game6.js';
import type { InstructorCommand } from '../../src/protocol/messages.js';
import type { Moment } from './moments.js';
import type { Lang } from '../../src/i18n/text.js';
import type { WordOf } from '../../src/i18n/format.js';
import { cw } from './console-words.js';

export type CardPurpose = 'lose' | 'delay' | 'duplicate';
export type ServerPurpose = 'offline' | 'online' | 'reorder' | 'hand' | 'fire' | 'hold' | 'release' | 'err';

export type Panel =
  | { kind: 'main' }
  | { kind: 'game' }
  | { kind: 'fault' }
  | { kind: 'pick-card'; purpose: CardPurpose; index: number }
  | { kind: 'pick-server'; purpose: ServerPurpose }
  | { kind: 'text'; purpose: 'announce' | 'partition'; text: string; room: boolean }
  | { kind: 'bots' }
  /** `b e N`: which named mistake bot iN makes on its next fitting card (observe mode). */
  | { kind: 'pick-mistake'; server: string }
  | { kind: 'modes'; room: boolean }
  | { kind: 'confirm'; purpose: 'reset' | 'quit' }
  | { kind: 'rewind'; index: number }
  /** `?`: the decisions of the selected cluster that make a question, one key to ask (tab: pause the room too). */
  | { kind: 'ask'; room: boolean }
  /** `?` while a question is open: reveal it, play the decision, or drop it. */
  | { kind: 'question' };

export interface ConsoleState {
  panel: Panel;
  /** Index of the selected cluster in the view's list. */
  selected: number;
  /** The main area shows the selected cluster's sheets instead of the table. */
  detail: boolean;
  showKey: boolean;
  /** The last thing the console did or the hub said. */
  message: { text: string; error: boolean } | null;
}

export const initialConsole: ConsoleState = { panel: { kind: 'main' }, selected: 0, detail: false, showKey: false, message: null };

export type ConsoleKey =
  | { kind: 'char'; char: string }
  | { kind: 'up' | 'down' | 'enter' | 'escape' | 'backspace' | 'tab' };

/** What the app does for a key: send a command (with a label for the verdict line), or stop. */
export type ConsoleEffect = { kind: 'command'; command: InstructorCommand; label: string } | { kind: 'quit' };

export interface ConsoleReaction {
  state: ConsoleState;
  effect?: ConsoleEffect;
}

export interface ConsoleContext {
  clusters: ClusterOverview[];
  /** The language of the echoes on the verdict line (default English). */
  lang?: Lang;
  /** Moments of the selected cluster, newest first (moments.ts). */
  moments: Moment[];
}

/** The delay fault holds a card back this long (long enough to see, short enough to wait for). */
export const DELAY_MS = 5000;

export function selectedCluster(s: ConsoleState, ctx: ConsoleContext): ClusterOverview | null {
  return ctx.clusters[Math.min(s.selected, ctx.clusters.length - 1)] ?? null;
}

/** An echo in the instructor's language. */
const say = (ctx: ConsoleContext, key: WordOf<typeof cw>, vars: Record<string, string | number> = {}): string => cw(ctx.lang ?? 'en', key, vars);

const to = (s: ConsoleState, panel: Panel): ConsoleReaction => ({ state: { ...s, panel } });
const main = (s: ConsoleState): ConsoleReaction => to(s, { kind: 'main' });
const send = (s: ConsoleState, command: InstructorCommand, label: string): ConsoleReaction => ({
  state: { ...s, panel: { kind: 'main' }, message: { text: `${label} …`, error: false } },
  effect: { kind: 'command', command, label },
});

type PanelOf<K extends Panel['kind']> = Extract<Panel, { kind: K }>;

/** What a key does on each panel (the panels without state of their own ignore it). */
const PANEL_KEYS: { [K in Panel['kind']]: (s: ConsoleState, p: PanelOf<K>, key: ConsoleKey, ctx: ConsoleContext) => ConsoleReaction } = {
  main: (s, _, key, ctx) => mainKey(s, key, ctx),
  game: (s, _, key, ctx) => gameKey(s, key, ctx),
  fault: (s, _, key, ctx) => faultKey(s, key, ctx),
  'pick-card': pickCard,
  'pick-server': pickServer,
  text: textKey,
  bots: (s, _, key, ctx) => botsKey(s, key, ctx),
  'pick-mistake': pickMistake,
  modes: modesKey,
  confirm: confirmKey,
  rewind: rewindKey,
  ask: askKey,
  question: (s, _, key, ctx) => questionKey(s, key, ctx),
};

/** The panel's own handler: generic in its kind, so TypeScript pairs each panel with its handler. */
function panelKey<K extends Panel['kind']>(s: ConsoleState, p: PanelOf<K>, key: ConsoleKey, ctx: ConsoleContext): ConsoleReaction {
  return PANEL_KEYS[p.kind](s, p, key, ctx);
}

export function reduceConsoleKey(s: ConsoleState, key: ConsoleKey, ctx: ConsoleContext): ConsoleReaction {
  const p = s.panel;
  if (p.kind !== 'main' && p.kind !== 'text' && key.kind === 'escape') return main(s);
  return panelKey(s, p, key, ctx);
}

/** How long students have to answer a question asked from the console. */
export const ASK_SECONDS = 30;

function askKey(s: ConsoleState, p: Extract<Panel, { kind: 'ask' }>, key: ConsoleKey, ctx: ConsoleContext): ConsoleReaction {
  const c = selectedCluster(s, ctx);
  if (!c) return main(s);
  if (key.kind === 'tab') return to(s, { ...p, room: !p.room });
  if (key.kind !== 'char' || !/^[1-9]$/.test(key.char)) return { state: s };
  const a = c.askable?.[Number(key.char) - 1];
  if (!a) return { state: s };
  const command: Command = { type: 'ask', cluster: c.id, server: a.server, input: a.input, seconds: ASK_SECONDS, ...(p.room ? { room: true } : {}) };
  // The question's panel stays open: the answers are counted in it, v reveals, Enter plays.
  const sent = send(s, command, say(ctx, 'lAsked', { c: c.id, q: a.text[ctx.lang ?? 'en'] }));
  return { ...sent, state: { ...sent.state, panel: { kind: 'question' } } };
}

function questionKey(s: ConsoleState, key: ConsoleKey, ctx: ConsoleContext): ConsoleReaction {
  const c = selectedCluster(s, ctx);
  // The question may not be in the room view yet (just asked): keys wait for it.
  if (!c?.question) return key.kind === 'escape' ? main(s) : { state: s };
  const q = c.question;
  if (key.kind === 'enter') return send(s, { type: 'decide', cluster: c.id }, say(ctx, 'lDecided', { c: c.id, server: q.server }));
  if (key.kind !== 'char') return { state: s };
  switch (key.char) {
    case 'v':
      // The panel stays open: the tally appears in it.
      return q.reveal ? { state: s } : { ...send(s, { type: 'reveal', cluster: c.id }, say(ctx, 'lRevealed', { c: c.id })), state: { ...s, message: null } };
    case 'd':
      return send(s, { type: 'decide', cluster: c.id }, say(ctx, 'lDecided', { c: c.id, server: q.server }));
    case 'x':
      return send(s, { type: 'decide', cluster: c.id, play: false }, say(ctx, 'lDropped', { c: c.id }));
    default:
      return { state: s };
  }
}

function mainKey(s: ConsoleState, key: ConsoleKey, ctx: ConsoleContext): ConsoleReaction {
  const n = ctx.clusters.length;
  switch (key.kind) {
    case 'up':
      return { state: { ...s, selected: Math.max(0, s.selected - 1) } };
    case 'down':
      return { state: { ...s, selected: Math.min(Math.max(0, n - 1), s.selected + 1) } };
    case 'enter':
    case 'tab':
      return { state: { ...s, detail: !s.detail } };
    case 'escape':
      return { state: { ...s, detail: false } };
    case 'char':
      break;
    default:
      return { state: s };
  }
  const c = selectedCluster(s, ctx);
  switch (key.char) {
    case 'g':
      return to(s, { kind: 'game' });
    case 'n':
      return send(s, { type: 'script', action: 'next' }, say(ctx, 'lNext'));
    case 'p':
      return send(s, { type: 'script', action: 'prev' }, say(ctx, 'lPrev'));
    case 'f':
      return c ? to(s, { kind: 'fault' }) : { state: s };
    case 'b':
      return to(s, { kind: 'bots' });
    case 'm':
      return to(s, { kind: 'modes', room: true });
    case 'a':
      return to(s, { kind: 'text', purpose: 'announce', text: '', room: true });
    case 'r':
      return c ? to(s, { kind: 'confirm', purpose: 'reset' }) : { state: s };
    case 'w':
      // The picker opens on what this console saw and asks the hub for every moment the journal holds.
      return c
        ? {
            state: { ...s, panel: { kind: 'rewind', index: Math.min(1, Math.max(0, ctx.moments.length - 1)) } },
            effect: { kind: 'command', command: { type: 'moments', cluster: c.id, lang: ctx.lang ?? 'en' }, label: say(ctx, 'lMoments', { c: c.id }) },
          }
        : { state: s };
    case 'k':
      return { state: { ...s, showKey: !s.showKey } };
    case '?':
      // Asking the room (issue 14): the open question's panel, else the decisions to ask about.
      if (!c) return { state: s };
      if (c.question) return to(s, { kind: 'question' });
      return c.askable?.length ? to(s, { kind: 'ask', room: false }) : { state: { ...s, message: { text: say(ctx, 'lNothingToAsk', { c: c.id }), error: true } } };
    case ' ': {
      // Space pauses the whole room for a discussion, or resumes it (any cluster still paused: resume all).
      const paused = ctx.clusters.length > 0 && ctx.clusters.some((x) => x.paused !== undefined);
      return send(s, { type: 'pause', paused: !paused }, say(ctx, paused ? 'lResumed' : 'lPaused', { where: say(ctx, 'lAllClusters') }));
    }
    case 'q':
      return to(s, { kind: 'confirm', purpose: 'quit' });
    default: {
      // A cluster letter selects it directly (A, B, …).
      const i = ctx.clusters.findIndex((x) => x.id === key.char.toUpperCase());
      return i >= 0 && key.char === key.char.toUpperCase() ? { state: { ...s, selected: i } } : { state: s };
    }
  }
}

function gameKey(s: ConsoleState, key: ConsoleKey, ctx: ConsoleContext): ConsoleReaction {
  if (key.kind !== 'char' || !/^[0-7]$/.test(key.char)) return { state: s };
  const game = Number(key.char);
  return send(s, { type: 'script', action: 'start', game }, game === 0 ? say(ctx, 'lFreePlay') : say(ctx, 'lGame', { n: game }));
}

function faultKey(s: ConsoleState, key: ConsoleKey, ctx: ConsoleContext): ConsoleReaction {
  const c = selectedCluster(s, ctx);
  if (!c || key.kind !== 'char') return { state: s };
  const fault = (f: Fault, label: string) => send(s, { type: 'fault', cluster: c.id, fault: f }, label);
  switch (key.char) {
    case 'l':
      return to(s, { kind: 'pick-card', purpose: 'lose', index: 0 });
    case 'd':
      return to(s, { kind: 'pick-card', purpose: 'delay', index: 0 });
    case 'x':
      return to(s, { kind: 'pick-card', purpose: 'duplicate', index: 0 });
    case 'o':
      return to(s, { kind: 'pick-server', purpose: 'offline' });
    case 'u':
      return to(s, { kind: 'pick-server', purpose: 'online' });
    case 'r':
      return to(s, { kind: 'pick-server', purpose: 'reorder' });
    case 's':
      return to(s, { kind: 'text', purpose: 'partition', text: '', room: false });
    case 'h':
      return fault({ kind: 'heal' }, say(ctx, 'lHeal', { c: c.id }));
    default:
      return { state: s };
  }
}

/** The cards a picker lists: every card in flight in the selected cluster, oldest first. */
export function pickableCards(c: ClusterOverview | null): ClusterOverview['inFlight'] {
  return c ? c.inFlight : [];
}

function pickCard(s: ConsoleState, p: Extract<Panel, { kind: 'pick-card' }>, key: ConsoleKey, ctx: ConsoleContext): ConsoleReaction {
  const c = selectedCluster(s, ctx);
  const cards = pickableCards(c);
  if (!c) return main(s);
  const choose = (i: number): ConsoleReaction => {
    const card = cards[i]?.card;
    if (!card) return { state: { ...s, panel: { kind: 'main' }, message: { text: say(ctx, 'lNoCard', { c: c.id }), error: true } } };
    const what = say(ctx, 'lCard', { id: card.id, from: card.from, to: card.to });
    if (p.purpose === 'lose') return send(s, { type: 'fault', cluster: c.id, fault: { kind: 'lose', card: card.id } }, say(ctx, 'lLose', { c: c.id, what }));
    if (p.purpose === 'delay') return send(s, { type: 'fault', cluster: c.id, fault: { kind: 'delay', card: card.id, ms: DELAY_MS } }, say(ctx, 'lDelay', { c: c.id, what, s: DELAY_MS / 1000 }));
    return send(s, { type: 'fault', cluster: c.id, fault: { kind: 'duplicate', card: card.id } }, say(ctx, 'lDuplicate', { c: c.id, what }));
  };
  switch (key.kind) {
    case 'up':
      return to(s, { ...p, index: Math.max(0, p.index - 1) });
    case 'down':
      return to(s, { ...p, index: Math.min(Math.max(0, cards.length - 1), p.index + 1) });
    case 'enter':
      return choose(p.index);
    case 'char': {
      // A digit picks the first card addressed to that server: "lose the card to i4" is `4`.
      if (!/^[1-9]$/.test(key.char)) return { state: s };
      const i = cards.findIndex((k) => k.card.to === `i${key.char}`);
      return i >= 0 ? choose(i) : { state: { ...s, message: { text: say(ctx, 'lNoCardTo', { c: c.id, to: `i${key.char}` }), error: true } } };
    }
    default:
      return { state: s };
  }
}

function pickServer(s: ConsoleState, p: Extract<Panel, { kind: 'pick-server' }>, key: ConsoleKey, ctx: ConsoleContext): ConsoleReaction {
  const c = selectedCluster(s, ctx);
  if (!c || key.kind !== 'char' || !/^[1-9]$/.test(key.char)) return { state: s };
  const server = `i${key.char}`;
  if (!c.sheets[server]) return { state: { ...s, message: { text: say(ctx, 'lNoServer', { c: c.id, server }), error: true } } };
  switch (p.purpose) {
    case 'offline':
      return send(s, { type: 'fault', cluster: c.id, fault: { kind: 'offline', server } }, say(ctx, 'lOffline', { c: c.id, server }));
    case 'online':
      return send(s, { type: 'fault', cluster: c.id, fault: { kind: 'online', server } }, say(ctx, 'lOnline', { c: c.id, server }));
    case 'reorder':
      return send(s, { type: 'fault', cluster: c.id, fault: { kind: 'reorder', server } }, say(ctx, 'lReorder', { c: c.id, server }));
    case 'hand':
      return send(s, { type: 'bots', action: 'hand', cluster: c.id, server }, say(ctx, 'lHand', { c: c.id, server }));
    case 'fire':
      return send(s, { type: 'fire', cluster: c.id, server }, say(ctx, 'lFire', { c: c.id, server }));
    case 'hold':
      return send(s, { type: 'bots', action: 'hold', cluster: c.id, server }, say(ctx, 'lHold', { c: c.id, server }));
    case 'release':
      return send(s, { type: 'bots', action: 'release', cluster: c.id, server }, say(ctx, 'lRelease', { c: c.id, server }));
    case 'err':
      return to(s, { kind: 'pick-mistake', server });
  }
}

/** "1 2 3 / 4 5 6 7 8" (or "i1 i2 | i3…") → [["i1","i2","i3"],["i4",…]]. */
export function parseGroups(text: string): string[][] | null {
  const groups = text
    .split(/[/|]/)
    .map((g) => g.match(/\d+/g)?.map((d) => `i${d}`) ?? [])
    .filter((g) => g.length > 0);
  return groups.length >= 2 ? groups : null;
}

function textKey(s: ConsoleState, p: Extract<Panel, { kind: 'text' }>, key: ConsoleKey, ctx: ConsoleContext): ConsoleReaction {
  const c = selectedCluster(s, ctx);
  switch (key.kind) {
    case 'escape':
      return main(s);
    case 'backspace':
      return to(s, { ...p, text: [...p.text].slice(0, -1).join('') });
    case 'tab':
      return p.purpose === 'announce' ? to(s, { ...p, room: !p.room }) : { state: s };
    case 'char':
      return [...p.text].length >= 200 ? { state: s } : to(s, { ...p, text: p.text + key.char });
    case 'enter': {
      const text = p.text.trim();
      if (!text) return main(s);
      if (p.purpose === 'announce') {
        const target = p.room || !c ? undefined : c.id;
        return send(s, { type: 'announce', ...(target ? { cluster: target } : {}), text: { en: text, ru: text } }, say(ctx, 'lAnnounced', { where: target ?? cw(ctx.lang ?? 'en', 'room') }));
      }
      const groups = parseGroups(text);
      if (!c || !groups) return { state: { ...s, message: { text: say(ctx, 'lPartitionHelp'), error: true } } };
      return send(s, { type: 'fault', cluster: c.id, fault: { kind: 'partition', groups } }, say(ctx, 'lPartition', { c: c.id, groups: groups.map((g) => g.join(' ')).join(' | ') }));
    }
    default:
      return { state: s };
  }
}

function botsKey(s: ConsoleState, key: ConsoleKey, ctx: ConsoleContext): ConsoleReaction {
  if (key.kind !== 'char') return { state: s };
  switch (key.char) {
    case 'f':
      return send(s, { type: 'bots', action: 'fill', pace: 'human' }, say(ctx, 'lFillHuman'));
    case 'F':
      return send(s, { type: 'bots', action: 'fill', pace: 'fast' }, say(ctx, 'lFillFast'));
    case 'c':
      return send(s, { type: 'bots', action: 'clear' }, say(ctx, 'lClear'));
    case 'h':
    case 't':
    case 'o':
    case 'r':
    case 'e': {
      const purpose = ({ h: 'hand', t: 'fire', o: 'hold', r: 'release', e: 'err' } as const)[key.char];
      return selectedCluster(s, ctx) ? to(s, { kind: 'pick-server', purpose }) : { state: s };
    }
    default:
      return { state: s };
  }
}

/** The bot mistakes the console offers, by key 1–3 (src/game/bot-mistakes.ts). */
export const BOT_MISTAKE_KEYS = ['grant-any-vote', 'ack-without-append', 'stay-in-old-term'] as const;

function pickMistake(s: ConsoleState, p: Extract<Panel, { kind: 'pick-mistake' }>, key: ConsoleKey, ctx: ConsoleContext): ConsoleReaction {
  const c = selectedCluster(s, ctx);
  if (!c || key.kind !== 'char') return { state: s };
  const mistake = BOT_MISTAKE_KEYS[Number(key.char) - 1];
  if (!mistake) return { state: s };
  return send(s, { type: 'bots', action: 'err', cluster: c.id, server: p.server, mistake }, say(ctx, 'lErr', { c: c.id, server: p.server, mistake }));
}

type ModeChange = Partial<Pick<Extract<Command, { type: 'mode' }>, 'mode' | 'assist' | 'election' | 'hints' | 'preVote' | 'snapshotEvery'>>;

/** The modes panel's keys that set one mode: the change and the words the message line uses. */
const MODE_KEYS: Partial<Record<string, [ModeChange, WordOf<typeof cw>]>> = {
  g: [{ mode: 'guard' }, 'lGuard'],
  o: [{ mode: 'observe' }, 'lObserve'],
  h: [{ assist: 'by-hand' }, 'lByHand'],
  p: [{ assist: 'prefilled' }, 'lPrefilled'],
  c: [{ election: 'cue' }, 'lCue'],
  t: [{ election: 'timers' }, 'lTimers'],
  // What `?` gives the students: nothing, the rule, or the rule and the answer.
  n: [{ hints: 'none' }, 'lHintsNone'],
  r: [{ hints: 'rule' }, 'lHintsRule'],
  a: [{ hints: 'answer' }, 'lHintsAnswer'],
};

function modesKey(s: ConsoleState, p: Extract<Panel, { kind: 'modes' }>, key: ConsoleKey, ctx: ConsoleContext): ConsoleReaction {
  if (key.kind === 'tab') return to(s, { ...p, room: !p.room });
  if (key.kind !== 'char') return { state: s };
  const c = selectedCluster(s, ctx);
  const target = p.room || !c ? undefined : c.id;
  const where = target ?? say(ctx, 'lAllClusters');
  const mode = (m: ModeChange, label: string) => send(s, { type: 'mode', ...(target ? { cluster: target } : {}), ...m }, `${where}: ${label}`);
  const plain = MODE_KEYS[key.char];
  if (plain) return mode(plain[0], say(ctx, plain[1]));
  switch (key.char) {
    case 'v': {
      // Pre-vote (R24–R27) on or off: on unless every cluster targeted has it on already.
      const targets = target ? ctx.clusters.filter((x) => x.id === target) : ctx.clusters;
      const on = !targets.every((x) => x.preVote === true);
      return mode({ preVote: on }, say(ctx, on ? 'lPreVoteOn' : 'lPreVoteOff'));
    }
    case 's': {
      // Log compaction (R29–R32) on at game 6's threshold, or off: on unless every cluster targeted has it on.
      const targets = target ? ctx.clusters.filter((x) => x.id === target) : ctx.clusters;
      const on = !targets.every((x) => (x.snapshotEvery ?? 0) > 0);
      return mode({ snapshotEvery: on ? GAME6_SNAPSHOT_EVERY : 0 }, say(ctx, on ? 'lSnapshotsOn' : 'lSnapshotsOff', { n: GAME6_SNAPSHOT_EVERY }));
    }
    case 'z': {
      // Pause or resume the target (the room, or the selected cluster after tab).
      const targets = target ? ctx.clusters.filter((x) => x.id === target) : ctx.clusters;
      const paused = targets.some((x) => x.paused !== undefined);
      return send(s, { type: 'pause', ...(target ? { cluster: target } : {}), paused: !paused }, say(ctx, paused ? 'lResumed' : 'lPaused', { where }));
    }
    default:
      return { state: s };
  }
}

function confirmKey(s: ConsoleState, p: Extract<Panel, { kind: 'confirm' }>, key: ConsoleKey, ctx: ConsoleContext): ConsoleReaction {
  if (!(key.kind === 'char' && /^[yY]$/.test(key.char))) return main(s);
  if (p.purpose === 'quit') return { state: { ...s, panel: { kind: 'main' } }, effect: { kind: 'quit' } };
  const c = selectedCluster(s, ctx);
  return c ? send(s, { type: 'reset', cluster: c.id }, say(ctx, 'lReset', { c: c.id })) : main(s);
}

function rewindKey(s: ConsoleState, p: Extract<Panel, { kind: 'rewind' }>, key: ConsoleKey, ctx: ConsoleContext): ConsoleReaction {
  const c = selectedCluster(s, ctx);
  if (!c) return main(s);
  switch (key.kind) {
    case 'up':
      return to(s, { ...p, index: Math.max(0, p.index - 1) });
    case 'down':
      return to(s, { ...p, index: Math.min(Math.max(0, ctx.moments.length - 1), p.index + 1) });
    case 'enter': {
      const m = ctx.moments[p.index];
      if (!m || p.index === 0) return { state: { ...s, message: { text: say(ctx, 'lEarlier'), error: true } } };
      return send(s, { type: 'rewind', cluster: c.id, to: m.version }, say(ctx, 'lRewound', { c: c.id, v: m.version, label: m.label }));
    }
    default:
      return { state: s };
  }
}
