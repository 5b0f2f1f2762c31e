/** A recorded session (one record per command, as the hub writes them) in which three students answer a question (issue 14). */
import { applyEvents } from '../../src/game/apply.js';
import { mulberry32 } from '../../src/game/random.js';
import { reduce } from '../../src/game/reducer.js';
import { createRoom } from '../../src/game/room.js';
import type { Command, Room } from '../../src/game/types.js';
import type { SessionRecord } from '../../src/report/records.js';

export function session() {
  let room: Room = createRoom({ size: 3 });
  const records: SessionRecord[] = [];
  const random = mulberry32(3);
  let now = 1_000;
  const exec = (command: Command, by = 'instructor') => {
    const r = reduce(room, command, { now, random });
    if (!r.ok) throw new Error(`${JSON.stringify(command)}: ${r.code}`);
    room = applyEvents(room, r.events);
    records.push({ n: records.length + 1, at: now, kind: 'command', by, command, events: r.events });
    now += 1_000;
  };
  exec({ type: 'seat', cluster: 'A', server: 'i1', seat: { kind: 'student', name: 'Ann' } });
  exec({ type: 'seat', cluster: 'A', server: 'i2', seat: { kind: 'student', name: 'Bob' } });
  exec({ type: 'seat', cluster: 'A', server: 'i3', seat: { kind: 'student', name: 'Cy' } });
  exec({ type: 'move', cluster: 'A', server: 'i1', input: { kind: 'timeout' } }, 'A/i1');
  const card = room.clusters.A.inFlight.find((k) => k.to === 'i2')!;
  exec({ type: 'ask', cluster: 'A', server: 'i2', input: { kind: 'card', card: card.id } });
  exec({ type: 'answer', cluster: 'A', server: 'i1', question: 'A-q1', choice: 0 }, 'A/i1');
  exec({ type: 'answer', cluster: 'A', server: 'i2', question: 'A-q1', choice: 1 }, 'A/i2');
  exec({ type: 'answer', cluster: 'A', server: 'i3', question: 'A-q1', choice: 0 }, 'A/i3');
  exec({ type: 'reveal', cluster: 'A' });
  exec({ type: 'decide', cluster: 'A' });
  return records;
}
