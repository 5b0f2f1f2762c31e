/**
 * A game started as the room's first game begins from its prepared state: the sheets as the
 * earlier games leave them, set up by the script and journaled as a `prepared` event.
 */
import { describe, expect, it } from 'vitest';
import { applyEvents } from '../../src/game/apply.js';
import { createRoom } from '../../src/game/room.js';
import { logText } from '../../src/raft/log.js';
import { Table } from './helpers.js';

const logs = (t: Table) => ['i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7', 'i8'].map((id) => logText(t.sheet(id).log));

describe('prepared states', () => {
  it('game 3 on fresh sheets starts where game 2 ends: i1–i3 HighLoad (1–4 applied), i4–i8 High, then i1 and i4 go offline', () => {
    const t = new Table({ size: 8 });
    const r = t.ok({ type: 'script', action: 'start', game: 3 });
    expect(r.ok && r.events.map((e) => e.type)).toEqual(expect.arrayContaining(['prepared', 'script', 'online']));
    expect(logs(t)).toEqual(['HighLoad', 'HighLoad', 'HighLoad', 'High', 'High', 'High', 'High', 'High']);
    expect(t.sheet('i2')).toMatchObject({ commitIndex: 4, lastApplied: 4, votes: ['i1'] });
    expect(t.room.clusters.A.servers.i1.online).toBe(false);
    expect(t.room.clusters.A.script).toMatchObject({ game: 3, step: 1 });
  });

  it('game 4 on fresh sheets: i8 was a candidate of t2 with 4 of 8 votes; i4 comes back in t2', () => {
    const t = new Table({ size: 8 });
    t.ok({ type: 'script', action: 'start', game: 4 });
    expect(t.sheet('i8')).toMatchObject({ role: 'candidate', votes: ['i1', 'i8'] });
    expect(t.sheet('i4').votes).toEqual(['i1', null]);
    expect(t.room.clusters.A.servers.i1.online).toBe(false);
    expect(t.room.clusters.A.servers.i4.online).toBe(true);
  });

  it('is in the journal: replaying the events gives the same room (replay and resume need nothing else)', () => {
    const t = new Table({ size: 8 });
    t.ok({ type: 'script', action: 'start', game: 2 });
    t.timeout('i2'); // play goes on from there
    const replayed = applyEvents(createRoom({ size: 8 }), JSON.parse(JSON.stringify(t.journal)));
    expect(JSON.parse(JSON.stringify(replayed))).toEqual(JSON.parse(JSON.stringify(t.room)));
    expect(t.journal.filter((e) => e.type === 'prepared')).toHaveLength(1);
  });

  it('only a room\'s first game is prepared: game 1, and a game started after play, keep the sheets as they are', () => {
    const t = new Table({ size: 8 });
    t.ok({ type: 'script', action: 'start', game: 1 });
    t.timeout('i1');
    t.ok({ type: 'script', action: 'start', game: 3 });
    expect(t.journal.some((e) => e.type === 'prepared')).toBe(false);
    expect(t.sheet('i1').votes).toEqual(['i1']);
    expect(logs(t).every((l) => l === '')).toBe(true);
  });
});
