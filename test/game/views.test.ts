/** What a seat sees — never another server's sheet — and what the instructor sees. */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/game/simulator.js';
import { instructorView, seatView } from '../../src/game/views.js';
import { botMove } from '../../src/game/bots.js';
import type { ServerState } from '../../src/raft/types.js';

/** Every object in the view that looks like a sheet (has a `votes` row and a `role`). */
function sheetsIn(x: unknown, out: ServerState[] = []): ServerState[] {
  if (typeof x !== 'object' || x === null) return out;
  if ('votes' in x && 'role' in x && 'log' in x) out.push(x as ServerState);
  for (const v of Object.values(x)) sheetsIn(v, out);
  return out;
}

describe('views', () => {
  const { room } = simulate({ seed: 7, games: [1, 2, 3, 4] });

  it("a seat's view holds its own sheet and never another server's", () => {
    for (const id of Object.keys(room.clusters.A.servers)) {
      const v = seatView(room, 'A', id);
      expect(v.sheet.id).toBe(id);
      expect(sheetsIn(v).map((s) => s.id)).toEqual([id]);
    }
  });

  it('shows the inbox, the sent cards with their Response rows, the script and the task', () => {
    const v = seatView(room, 'A', 'i4');
    expect(v.inbox).toEqual([]);
    expect(v.sent[0].responses).toMatchObject({ i1: 'ok', i2: 'ok', i8: 'ok' });
    expect(v.script).toMatchObject({ game: 4, step: 6, steps: 6, done: true, free: false });
    expect(v.task).toEqual({ kind: 'inbox' });
    expect(v.prompt?.ru.length).toBeGreaterThan(0);
    expect(botMove(v)).toBeNull(); // the step is done: bots wait for the instructor
  });

  it('the instructor sees every cluster: leader, term, commit, sheets, script', () => {
    const view = instructorView(room);
    const a = view.clusters[0];
    expect(a.leaders).toEqual([{ server: 'i4', term: 3 }]);
    expect(a.term).toBe(3);
    expect(a.commitIndex).toBe(8);
    expect(Object.keys(a.sheets)).toHaveLength(8);
    expect(a.script).toMatchObject({ game: 4, step: 6, done: true });
    expect(a.inFlight).toEqual([]);
    expect(a.violations).toEqual([]);
  });
});
