/**
 * A scripted game played by the simulator's bots for that game's tests (game5.test.ts,
 * game6.test.ts, …): the room kept at named steps, the sheets, their text against the golden
 * files in test/fixtures/golden, and the journaled events replayed.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { applyEvents } from '../../src/game/apply.js';
import { createRoom } from '../../src/game/room.js';
import { stepOptions } from '../../src/game/move.js';
import { sheetText } from '../../src/game/sheet-text.js';
import { simulate } from '../../src/game/simulator.js';
import type { GameEvent, Room, RoomConfig } from '../../src/game/types.js';
import type { ServerState } from '../../src/raft/types.js';

export const EIGHT = ['i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7', 'i8'];

export interface PlayOptions {
  seed?: number;
  config?: Partial<RoomConfig>;
  /** The properties the monitor must have named by the end, in order (none for a correct game). */
  violations?: string[];
}

/**
 * Plays `games` in order and returns the last room and, for each name of `keep`, the room as it
 * was when that step of the last game was done. Fails on a stuck step and on a violation the game
 * does not expect.
 */
export function playGames<K extends string>(games: number[], keep: Record<K, number>, o: PlayOptions = {}): { end: Room } & Record<K, Room> {
  const last = games.at(-1);
  const kept: Partial<Record<K, Room>> = {};
  const names = Object.keys(keep) as K[];
  const r = simulate({
    seed: o.seed ?? 7,
    games,
    config: o.config,
    onStep: (room, at) => {
      for (const name of names) if (at.game === last && at.step === keep[name]) kept[name] = structuredClone(room);
    },
  });
  expect(r.stuck).toEqual([]);
  expect(r.room.clusters.A.violations.map((v) => v.property)).toEqual(o.violations ?? []);
  for (const name of names) expect(kept[name], `step ${keep[name]} of game ${last}`).toBeDefined();
  return { ...(kept as Record<K, Room>), end: r.room };
}

/** The sheets of cluster A's servers `ids`, by id. */
export const sheetsOf = (room: Room, ids = EIGHT): Record<string, ServerState> =>
  Object.fromEntries(ids.map((id) => [id, room.clusters.A.servers[id].state]));

/** The sheets as the golden files hold them: one sheetText a server, a blank line between. */
export const sheetsText = (room: Room, ids = EIGHT): string =>
  ids.map((id) => sheetText(room.clusters.A.servers[id].state, 'en', room.clusters.A.servers[id].online, stepOptions(room, room.clusters.A))).join('\n\n') + '\n';

export const golden = (name: string): string => readFileSync(new URL(`../fixtures/golden/${name}`, import.meta.url), 'utf8');

/**
 * The events of `game` played from fresh sheets (seed 11), through JSON as the journal stores
 * them: they must rebuild the simulator's room exactly. Returns them for the game's own checks.
 */
export function journaledEvents(game: number, config: Partial<RoomConfig> = {}): GameEvent[] {
  const r = simulate({ seed: 11, games: [game], config });
  const events = JSON.parse(JSON.stringify(r.events)) as GameEvent[];
  expect(applyEvents(createRoom(config), events)).toEqual(r.room);
  return events;
}

/** An event predicate: a card of this type was sent. */
export const cardSent =
  (type: string) =>
  (e: GameEvent): boolean =>
    e.type === 'card-sent' && e.card.message.type === type;

/**
 * The two tests every scripted game's file has, under the game's own titles: played on fresh
 * sheets (a game that continues another is prepared from the games before it) with seeds 1 and 99
 * it ends on the sheets of `end()`; and its journaled events rebuild the room (journaledEvents)
 * and include, for each predicate of `journaled`, an event it holds for (the game's new cards and
 * switches), or pass `journaled` when it is a check of the whole list.
 */
export function itEndsAlikeAndReplays(
  game: number,
  end: () => Room,
  o: PlayOptions & { seeds: string; replay: string; journaled: ((e: GameEvent) => boolean)[] | ((events: GameEvent[]) => void) },
): void {
  it(o.seeds, () => {
    const ids = Object.keys(end().clusters.A.servers);
    for (const seed of [1, 99]) expect(sheetsOf(playGames([game], {}, { ...o, seed }).end, ids)).toEqual(sheetsOf(end(), ids));
  });
  it(o.replay, () => {
    const events = journaledEvents(game, o.config);
    if (!Array.isArray(o.journaled)) return o.journaled(events);
    for (const holds of o.journaled) expect(events.some(holds), holds.toString()).toBe(true);
  });
}
