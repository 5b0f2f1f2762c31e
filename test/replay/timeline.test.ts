/** Replay's pure parts: snapshots, step positions, keys. */
import { describe, expect, it } from 'vitest';
import { applyEvents } from '../../src/game/apply.js';
import { createRoom } from '../../src/game/room.js';
import { eventsOf } from '../../src/report/records.js';
import { replayKey, toReplayPress, type ReplayState } from '../../client/replay/replay-keys.js';
import { ReplayTimeline } from '../../client/replay/timeline.js';
import { fixtureSession } from './session.js';

const { info, records } = fixtureSession();

describe('replay timeline', () => {
  const timeline = new ReplayTimeline(info.config, records, 50);

  it('the room at k equals applying the first k records, across snapshot boundaries and in any order', () => {
    const fold = [createRoom(info.config)];
    for (const r of records) fold.push(eventsOf(r).length ? applyEvents(fold[fold.length - 1], eventsOf(r)) : fold[fold.length - 1]);
    const positions = [0, 1, 49, 50, 51, 99, 100, 137, records.length - 1, records.length];
    // Backwards, then forwards: stepping back must not depend on where we came from.
    for (const k of [...positions].reverse().concat(positions)) {
      expect(JSON.stringify(timeline.roomAt(k).clusters), `k=${k}`).toBe(JSON.stringify(fold[k].clusters));
    }
    expect(timeline.roomAt(-5)).toBe(timeline.roomAt(0));
    expect(JSON.stringify(timeline.roomAt(records.length + 10))).toBe(JSON.stringify(fold[records.length]));
  });

  it('knows where each game step starts: 3 + 5 + 4 + 6 steps', () => {
    expect(timeline.steps).toHaveLength(18);
    const first = timeline.steps[0];
    const r = records[first - 1];
    expect(r.kind === 'command' && r.command.type === 'script' && r.command.action === 'start').toBe(true);
    expect(timeline.nextStep(0)).toBe(first);
    expect(timeline.nextStep(first)).toBe(timeline.steps[1]);
    expect(timeline.prevStep(timeline.steps[1])).toBe(first);
    expect(timeline.prevStep(first)).toBe(0);
    expect(timeline.nextStep(records.length)).toBe(records.length);
  });
});

describe('replay keys', () => {
  const t = { length: 100, nextStep: (k: number) => (k < 40 ? 40 : 100), prevStep: (k: number) => (k > 40 ? 40 : 0) };
  const s: ReplayState = { k: 10, focus: null, lastFocus: 'A' };
  const press = (p: Parameters<typeof replayKey>[1], from = s) => replayKey(from, p, t, ['A', 'B']);

  it('moves by one, by ten, by step, to the ends, and stays within 0…N', () => {
    expect(press('forward')).toMatchObject({ k: 11 });
    expect(press('back')).toMatchObject({ k: 9 });
    expect(press('forward10')).toMatchObject({ k: 20 });
    expect(press('back10', { ...s, k: 4 })).toMatchObject({ k: 0 });
    expect(press('nextStep')).toMatchObject({ k: 40 });
    expect(press('prevStep', { ...s, k: 60 })).toMatchObject({ k: 40 });
    expect(press('end')).toMatchObject({ k: 100 });
    expect(press('forward', { ...s, k: 100 })).toMatchObject({ k: 100 });
    expect(press('home')).toMatchObject({ k: 0 });
    expect(press('quit')).toBe('quit');
  });

  it('toggles all/one and cycles the large cluster', () => {
    expect(press('toggleAll')).toMatchObject({ focus: 'A' });
    expect(press('toggleAll', { ...s, focus: 'B', lastFocus: 'B' })).toMatchObject({ focus: null });
    expect(press('nextCluster', { ...s, focus: 'A' })).toMatchObject({ focus: 'B', lastFocus: 'B' });
    expect(press('nextCluster', { ...s, focus: 'B', lastFocus: 'B' })).toMatchObject({ focus: 'A' });
  });

  it('maps the keys', () => {
    expect(toReplayPress('', { rightArrow: true })).toBe('forward');
    expect(toReplayPress('', { pageUp: true })).toBe('back10');
    expect(toReplayPress(']', {})).toBe('forward10');
    expect(toReplayPress('n', {})).toBe('nextStep');
    expect(toReplayPress('', { end: true })).toBe('end');
    expect(toReplayPress('x', {})).toBeNull();
  });
});
