/**
 * The web projector's model and drawing without a browser: cards move on the hub's clock, a card
 * gone while its Response cell turned lost is torn (one lost as it was sent, too), a partition
 * puts a wall between its groups, violations name their property, and the key comes from the
 * address's fragment.
 */
import { describe, expect, it } from 'vitest';
import { dynamicLayer, staticLayer, staticParts } from '../../client/web/draw.js';
import { HubClock, TRAVEL_MS, cardTag, cardsAt, fromFragment, progress, replicated, ringLayout, tiling, tornBetween } from '../../client/web/model.js';
import { instructorView } from '../../src/game/views.js';
import { Table } from '../game/helpers.js';

/** Game 1 under way in a room of one cluster: i1 timed out and sent its RequestVotes. */
function election(): Table {
  const t = new Table({ clusters: 1, size: 8 });
  t.ok({ type: 'script', action: 'start', game: 1 });
  t.ok({ type: 'move', cluster: 'A', server: 'i1', input: { kind: 'timeout' } });
  return t;
}

describe('cards on the hub clock', () => {
  it('a card travels from sender to addressee, then piles at the addressee', () => {
    const t = election();
    const c = instructorView(t.room).clusters[0]!;
    expect(c.inFlight.length).toBe(7);
    const sent = c.inFlight[0]!.card.sentAt;
    expect(progress(c.inFlight[0]!.card, sent)).toBe(0);
    expect(progress(c.inFlight[0]!.card, sent + TRAVEL_MS / 2)).toBeCloseTo(0.5);
    const flying = cardsAt(c, [], sent + 100);
    expect(flying.every((d) => d.state === 'flying' && d.card.from === 'i1')).toBe(true);
    const arrived = cardsAt(c, [], sent + TRAVEL_MS);
    expect(arrived.every((d) => d.state === 'arrived')).toBe(true);
    const svg = dynamicLayer(c, flying, sent + 100, 6000, 'en');
    expect(svg).toContain('data-from="i1" data-to="i2" data-type="RequestVote" data-state="flying"');
    expect(svg).toContain('aria-label="RequestVote from i1 to i2"');
  });

  it('names each card as the paper card does, PreVote cards of game 5 and InstallSnapshot cards of game 6 included', () => {
    const tags = (['RequestVote', 'RequestVoteReply', 'AppendEntries', 'AppendEntriesReply', 'PreVote', 'PreVoteReply', 'InstallSnapshot', 'InstallSnapshotReply'] as const).map((type) => cardTag({ id: 'k1', from: 'i1', to: 'i2', type }));
    expect(tags).toEqual(['RV', 'RV↩', 'AE', 'AE↩', 'PV', 'PV↩', 'IS', 'IS↩']);
  });

  it('game 6: a log under a snapshot box is drawn from its absolute indexes, the box marked ▣12, and the message read whole', () => {
    const t = new Table({ clusters: 1, size: 8 });
    t.ok({ type: 'script', action: 'start', game: 6 });
    t.ok({ type: 'move', cluster: 'A', server: 'i4', input: { kind: 'client', value: ' zap' } });
    const c = instructorView(t.room).clusters[0]!;
    expect(c.sheets.i4!.snapshot).toEqual({ lastIncludedIndex: 12, lastIncludedTerm: 3, data: 'High voltage' });
    const svg = staticLayer(c, 'en');
    expect(svg).toContain('▣12');
    expect(svg).toContain('data-index="13" data-state="persisted"');
    expect(svg).toContain('aria-label="entry 16: p, term 8, persisted"'); // i4's " zap" at 13–16, not at 1–4
    expect(replicated(c).letters.join('')).toBe('High voltage zap');
  });

  it("the page's clock follows the hub's, never going back for a late view", () => {
    const clock = new HubClock();
    clock.sync(10_000, 500);
    expect(clock.now(600)).toBe(10_100);
    clock.sync(10_050, 600); // a view that spent 50 ms on the way
    expect(clock.now(600)).toBe(10_100);
    clock.sync(50_000, 700); // the hub resumed an hour later: taken as it is
    expect(clock.now(700)).toBe(50_000);
  });
});

describe('lost cards are torn', () => {
  it('a card seen in flight and then lost by the instructor, and cards lost as they were sent', () => {
    const t = election();
    const before = instructorView(t.room);
    const toI3 = before.clusters[0]!.inFlight.find((f) => f.card.to === 'i3')!.card;
    t.ok({ type: 'fault', cluster: 'A', fault: { kind: 'lose', card: toI3.id } });
    const after = instructorView(t.room);
    const torn = tornBetween(before, after, toI3.sentAt + 200);
    expect(torn.map((x) => [x.card.id, x.card.from, x.card.to])).toEqual([[toI3.id, 'i1', 'i3']]);
    const drawn = cardsAt(after.clusters[0]!, torn, toI3.sentAt + 300);
    expect(drawn.filter((d) => d.state === 'torn').map((d) => d.card.to)).toEqual(['i3']);
    expect(dynamicLayer(after.clusters[0]!, drawn, toI3.sentAt + 300, 6000, 'en')).toContain('aria-label="RequestVote from i1 to i3, lost"');

    // A card taken is not torn.
    const toI2 = after.clusters[0]!.inFlight.find((f) => f.card.to === 'i2')!.card;
    t.ok({ type: 'move', cluster: 'A', server: 'i2', input: { kind: 'card', card: toI2.id } });
    expect(tornBetween(after, instructorView(t.room), toI2.sentAt + 400)).toEqual([]);

    // A partition: i1's next cards to the other side are lost as they are sent, never seen in flight.
    const t2 = new Table({ clusters: 1, size: 8 });
    t2.ok({ type: 'script', action: 'start', game: 1 });
    t2.ok({ type: 'fault', cluster: 'A', fault: { kind: 'partition', groups: [['i1', 'i2', 'i3'], ['i4', 'i5', 'i6', 'i7', 'i8']] } });
    const quiet = instructorView(t2.room);
    t2.ok({ type: 'move', cluster: 'A', server: 'i1', input: { kind: 'timeout' } });
    const split = tornBetween(quiet, instructorView(t2.room), 0);
    expect(split.map((x) => x.card.to).sort()).toEqual(['i4', 'i5', 'i6', 'i7', 'i8']);
    expect(split.every((x) => x.card.from === 'i1' && x.card.type === 'RequestVote')).toBe(true);
  });
});

describe('the static layer', () => {
  it('draws 8 servers with role, term and vote, the leader with a crown, and a wall between partition groups', () => {
    const t = election();
    t.ok({ type: 'fault', cluster: 'A', fault: { kind: 'partition', groups: [['i1', 'i2', 'i3'], ['i4', 'i5', 'i6', 'i7', 'i8']] } });
    const c = instructorView(t.room).clusters[0]!;
    const svg = staticLayer(c, 'en');
    expect(svg.match(/class="server"/g)?.length).toBe(8);
    expect(svg).toContain('data-server="i1" data-role="candidate" data-term="1"');
    expect(svg).toContain('aria-label="partition: i1 i2 i3 | i4 i5 i6 i7 i8"');
    const places = ringLayout(Object.keys(c.sheets), c.faults.partitions, { x: 500, y: 360 }, 385, 212, 1000, 204);
    expect(places.walls).toEqual([500]);
    for (const s of ['i1', 'i2', 'i3']) expect(places.at[s]!.x).toBeLessThan(500);
    for (const s of ['i4', 'i5', 'i6', 'i7', 'i8']) expect(places.at[s]!.x).toBeGreaterThan(500);
  });

  it('comes in keyed parts, so a move on one sheet redraws that server only', () => {
    const t = election();
    const before = staticParts(instructorView(t.room).clusters[0]!, 'en');
    expect(before.map((p) => p.key)).toEqual(['header', 'message', ...['i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7', 'i8'].map((s) => `server:${s}`), 'legend'].filter((k) => before.some((p) => p.key === k)));
    // Each part is one element: the page replaces it whole.
    for (const p of before) expect(p.markup.match(/^<g [^>]*>/)?.[0], p.key).toBeDefined();
    t.ok({ type: 'move', cluster: 'A', server: 'i2', input: { kind: 'card', card: instructorView(t.room).clusters[0]!.inFlight.find((f) => f.card.to === 'i2')!.card.id } });
    const after = staticParts(instructorView(t.room).clusters[0]!, 'en');
    const changed = after.filter((p) => before.find((b) => b.key === p.key)?.markup !== p.markup).map((p) => p.key);
    expect(changed).toContain('server:i2');
    expect(changed.filter((k) => k.startsWith('server:'))).toEqual(['server:i2']);
  });

  it('shows a violation in red with the property by name', () => {
    const c = instructorView(election().room).clusters[0]!;
    const broken = { ...c, violations: [{ property: 'P1' as const, servers: ['i1', 'i2'], term: 2, explain: { en: 'two leaders in t2: i1 and i2', ru: 'два лидера в t2: i1 и i2' } }] };
    const svg = staticLayer(broken, 'en');
    expect(svg).toContain('data-property="P1"');
    expect(svg).toContain('⚠ P1 Election Safety: two leaders in t2: i1 and i2');
    expect(svg).toContain('fill="#C0181F"');
  });
});

describe('the page', () => {
  it('reads the key, a cluster and a language from the fragment', () => {
    expect(fromFragment('#key=abc%2Bdef&cluster=B&lang=ru')).toEqual({ key: 'abc+def', cluster: 'B', lang: 'ru' });
    expect(fromFragment('')).toEqual({ key: null, cluster: null, lang: null });
  });

  it('tiles clusters to fill a 16:9 screen', () => {
    expect(tiling(1, 16 / 9)).toEqual({ cols: 1, rows: 1 });
    expect(tiling(4, 16 / 9)).toEqual({ cols: 2, rows: 2 });
    const twelve = tiling(12, 16 / 9);
    expect(twelve.cols * twelve.rows).toBeGreaterThanOrEqual(12);
    expect(twelve.cols).toBeGreaterThan(twelve.rows);
  });
});

