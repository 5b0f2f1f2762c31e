/**
 * What a seat sees of the rest of its cluster (the glance behind the cluster strip), what a
 * by-hand player is told (the goal, not the answer), the hint level as a room mode, and the
 * restart a sheet explains (R1: commitIndex and lastApplied are volatile).
 */
import { describe, expect, it } from 'vitest';
import { applyEvents } from '../../src/game/apply.js';
import { GAMES, GAME_ORDER } from '../../src/game/scenarios.js';
import { simulate } from '../../src/game/simulator.js';
import type { Room } from '../../src/game/types.js';
import { GLANCE_CARDS, GLANCE_LOG, seatView } from '../../src/game/views.js';
import { parseClientFrame } from '../../src/protocol/parse.js';
import { Table } from './helpers.js';

const rooms = new Map<string, Room>();
simulate({ seed: 7, games: [1, 2, 3, 4], onStep: (room, at) => rooms.set(`${at.game}.${at.step}`, room) });
const at = (key: string) => rooms.get(key)!;

describe('the glance at every server (cluster strip)', () => {
  it('shows each server’s term, vote, role, log, commit and applied marks, the same for every seat', () => {
    const room = at('4.5');
    const g = seatView(room, 'A', 'i4').glance!;
    expect(g.map((s) => s.id)).toEqual(['i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7', 'i8']);
    const i4 = g.find((s) => s.id === 'i4')!;
    expect(i4).toMatchObject({ term: 3, vote: 'i4', role: 'leader', online: true, values: 'High voltage', length: 12, from: 1 });
    // Game 4's lesson happens in sight of i4: i1–i3's "Load" (t1) is now " vol" of t3.
    for (const id of ['i1', 'i2', 'i3']) {
      const s = g.find((x) => x.id === id)!;
      expect(s.values).toBe('High vol');
      expect(s.terms).toEqual([1, 1, 1, 1, 3, 3, 3, 3]);
    }
    expect(seatView(room, 'A', 'i2').glance).toEqual(g);
  });

  it('counts the cards on their way to each server and names the first few with their sender', () => {
    const t = new Table();
    t.ok({ type: 'move', cluster: 'A', server: 'i1', input: { kind: 'timeout' } });
    const g = seatView(t.room, 'A', 'i5').glance!;
    expect(g.find((s) => s.id === 'i5')).toMatchObject({ cards: 1, cardTags: [{ type: 'RV', from: 'i1' }] });
    expect(g.find((s) => s.id === 'i1')).toMatchObject({ cards: 0, role: 'candidate', term: 1, vote: 'i1' });
  });

  it('stays bounded: the last GLANCE_LOG entries of a long log, GLANCE_CARDS named cards', () => {
    const t = new Table();
    t.ok({ type: 'move', cluster: 'A', server: 'i1', input: { kind: 'timeout' } });
    const text = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ';
    const room = t.room;
    // The leader's log written straight onto the sheet (a fixture), and five cards to i2.
    const i1 = room.clusters.A.servers.i1.state;
    const long = applyEvents(room, [{ type: 'sheet', cluster: 'A', server: 'i1', state: { ...i1, log: [...text].map((value) => ({ term: 1, value })) }, cause: 'fixture', violations: [] }]);
    const g = seatView(long, 'A', 'i2').glance!.find((s) => s.id === 'i1')!;
    expect(g.length).toBe(text.length);
    expect(g.values).toBe(text.slice(-GLANCE_LOG));
    expect(g.from).toBe(text.length - GLANCE_LOG + 1);
    const cards = Array.from({ length: 5 }, (_, k) => ({ ...room.clusters.A.inFlight[0], id: `A-x${k}`, to: 'i2' }));
    const busy: Room = { ...long, clusters: { A: { ...long.clusters.A, inFlight: cards } } };
    const i2 = seatView(busy, 'A', 'i3').glance!.find((s) => s.id === 'i2')!;
    expect(i2.cards).toBe(5);
    expect(i2.cardTags).toHaveLength(GLANCE_CARDS);
  });
});

describe('by hand: the prompt states the goal, not the answer', () => {
  it('every step of games 1–4 that asks a move has a goal in English and Russian, not the recipe', () => {
    for (const game of GAME_ORDER) {
      // A step that asks nothing of anyone (game 3's crash) has no answer to give away.
      for (const step of GAMES[game].steps.filter((s) => Object.keys(s.tasks).length > 0)) {
        expect(step.goal?.en, `${step.title.en}`).toBeTruthy();
        expect(step.goal?.ru).toBeTruthy();
        expect(step.goal?.en).not.toBe(step.prompt.en);
      }
    }
    // The give-aways the issue names are not in any goal.
    const goals = GAME_ORDER.flatMap((g) => GAMES[g].steps.map((s) => s.goal?.en ?? '')).join('\n');
    expect(goals).not.toMatch(/answer ✗|with vote —|lastLogIndex|leaderCommit 0|write t1, vote i1/);
  });

  it('a by-hand seat sees the goal; at hint level answer the recipe rides along for ?, at rule it does not', () => {
    const t = new Table();
    t.ok({ type: 'script', action: 'start', game: 1 });
    expect(seatView(t.room, 'A', 'i1').prompt?.en).toMatch(/write term t1, vote for yourself/);
    t.ok({ type: 'mode', assist: 'by-hand' });
    const v = seatView(t.room, 'A', 'i1');
    expect(v.prompt?.en).toBe('i1, your election timer fired: start an election and ask everyone for their vote.');
    expect(v.recipe?.en).toMatch(/write term t1/);
    t.ok({ type: 'mode', hints: 'rule' });
    expect(seatView(t.room, 'A', 'i1').recipe).toBeUndefined();
    expect(seatView(t.room, 'A', 'i1').hints).toBe('rule');
  });
});

describe('hint levels: a room mode like guard and observe', () => {
  it('is set for the room or one cluster, kept by later mode commands, refused when unknown', () => {
    const t = new Table({ clusters: 2 });
    expect(seatView(t.room, 'A', 'i1').hints).toBeUndefined(); // absent = answer
    t.ok({ type: 'mode', cluster: 'B', hints: 'none' });
    expect(seatView(t.room, 'B', 'i1').hints).toBe('none');
    expect(seatView(t.room, 'A', 'i1').hints).toBeUndefined();
    t.ok({ type: 'mode', mode: 'observe' });
    expect(seatView(t.room, 'B', 'i1')).toMatchObject({ hints: 'none', mode: 'observe' });
    // An unknown level is refused at the boundary, naming the field (the reducer never sees it).
    const r = parseClientFrame(JSON.stringify({ type: 'command', id: 1, command: { type: 'mode', hints: 'all' } }), false);
    expect(r).toMatchObject({ ok: false, code: 'frame/invalid', detail: expect.stringMatching(/^command\.hints/) });
  });

  it('survives a reset of the cluster', () => {
    const t = new Table();
    t.ok({ type: 'mode', hints: 'rule' });
    t.ok({ type: 'reset', cluster: 'A' });
    expect(seatView(t.room, 'A', 'i3').hints).toBe('rule');
  });
});

describe('a restart on the sheet (game 4)', () => {
  it('i1 back online has lost its applied 1–4 and its view says what it had; the glance marks it', () => {
    expect(seatView(at('3.4'), 'A', 'i1').restartedFrom).toBeUndefined();
    const v = seatView(at('4.4'), 'A', 'i1');
    expect(v.sheet).toMatchObject({ commitIndex: 0, lastApplied: 0 });
    expect(v.restartedFrom).toEqual({ commitIndex: 4, lastApplied: 4 });
    expect(v.glance!.find((s) => s.id === 'i1')!.restarted).toBe(true);
    // i4 came back too, but had applied nothing: nothing was lost, nothing to explain.
    expect(seatView(at('4.4'), 'A', 'i4').restartedFrom).toBeUndefined();
  });

  it('is forgotten once lastApplied is back where it was (the leader’s AppendEntries, R19, R23)', () => {
    const room = at('4.4');
    const i1 = room.clusters.A.servers.i1.state;
    const caught = applyEvents(room, [{ type: 'sheet', cluster: 'A', server: 'i1', state: { ...i1, commitIndex: 4, lastApplied: 4 }, cause: 'move', violations: [] }]);
    expect(seatView(caught, 'A', 'i1').restartedFrom).toBeUndefined();
    const partly = applyEvents(room, [{ type: 'sheet', cluster: 'A', server: 'i1', state: { ...i1, commitIndex: 2, lastApplied: 2 }, cause: 'move', violations: [] }]);
    expect(seatView(partly, 'A', 'i1').restartedFrom).toEqual({ commitIndex: 4, lastApplied: 4 });
  });
});
