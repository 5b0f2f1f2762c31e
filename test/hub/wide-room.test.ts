/** More than 26 clusters: the game names them on after Z (AA, AB, …) and the hub seats and plays them. */
import { afterAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../server/hub.js';
import { clusterIds, createRoom, MAX_CLUSTERS } from '../../src/game/room.js';
import { join, testHub } from './harness.js';

let hub: Hub | null = null;
afterAll(async () => {
  await hub?.close();
});

describe('cluster names past Z', () => {
  it('go on spreadsheet style', () => {
    const ids = clusterIds(MAX_CLUSTERS);
    expect(ids.slice(0, 3)).toEqual(['A', 'B', 'C']);
    expect(ids.slice(25, 29)).toEqual(['Z', 'AA', 'AB', 'AC']);
    expect(ids[51]).toBe('AZ');
    expect(ids[52]).toBe('BA');
    expect(ids[ids.length - 1]).toBe('ZZ');
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(createRoom({ clusters: 125 }).clusters)).toHaveLength(125);
    expect(() => createRoom({ clusters: MAX_CLUSTERS + 1 })).toThrow(RangeError);
  });

  it('a hub of 30 clusters seats a student in AD, who plays there', async () => {
    hub = await testHub({ clusters: 30 });
    const { client, welcome } = await join(hub, { role: 'student', name: 'Wide', cluster: 'AD' });
    expect(welcome.room?.clusters).toHaveLength(30);
    expect(welcome.seat?.cluster).toBe('AD');
    client.send({ type: 'move', id: 1, cluster: 'AD', server: welcome.seat!.server, input: { kind: 'timeout' } });
    expect(await client.verdict(1)).toMatchObject({ ok: true });
    const view = await client.next((m) => m.type === 'view' && m.view.sheet.role === 'candidate', { past: true });
    expect(view.type === 'view' && view.view.cluster).toBe('AD');
    client.close();
  });
});
