/**
 * Putting a move's outgoing messages on the network as cards: request cards of one move share a
 * batch (one paper card with a Response row), a reply fills its cell in the batch it answers, and
 * the link faults set on the cluster act on every new card (partition, offline addressee, random
 * loss, delay, duplication).
 */
import { replyOk } from '../raft/replies.js';
import type { Outgoing, Reply, Request, ServerId } from '../raft/types.js';
import { clusterOf, emit, type Draft } from './draft.js';
import type { LossReason } from './events.js';
import type { Card, ClusterId, ClusterState, ResponseCell } from './types.js';

/**
 * The Response row as the paper card shows it: the writer's own cell is ticked ✔ too (the
 * candidate votes for itself, R8; the leader holds its own log, R22 counts it), the others as
 * answered, waiting or lost.
 */
export function responseRow(from: ServerId, responses: Record<ServerId, ResponseCell>): Record<ServerId, ResponseCell> {
  return { ...responses, [from]: 'ok' };
}

export function isRequestMessage(m: { type: string }): m is Request {
  return m.type === 'RequestVote' || m.type === 'AppendEntries' || m.type === 'PreVote' || m.type === 'InstallSnapshot';
}

function newId(d: Draft, cluster: ClusterId): string {
  return `${cluster}-${clusterOf(d, cluster).seq + 1}`;
}

/** Send what one move of `from` produced; `answering` is the request card the move took, if any. */
export function dispatch(d: Draft, cluster: ClusterId, from: ServerId, send: Outgoing[], answering?: Card): void {
  const requests = send.filter((o) => isRequestMessage(o.message));
  let batch = '';
  if (requests.length > 0) {
    batch = newId(d, cluster);
    const responses: Record<ServerId, ResponseCell> = {};
    for (const o of requests) responses[o.to] = 'waiting';
    emit(d, {
      type: 'batch-opened',
      cluster,
      batch: { id: batch, from, message: requests[0].message as Request, cards: {}, responses, sentAt: d.now },
    });
  }
  for (const o of send) {
    if (isRequestMessage(o.message)) sendCard(d, cluster, { from, to: o.to, message: o.message, batch });
    else if (answering) {
      const card = { from, to: o.to, message: o.message, batch: answering.batch };
      sendCard(d, cluster, { ...card, inReplyTo: { card: answering.id, request: answering.message as Request, batch: answering.batch } });
    }
  }
}

type CardDraft = Pick<Card, 'from' | 'to' | 'message' | 'batch' | 'inReplyTo'>;

function sendCard(d: Draft, cluster: ClusterId, draft: CardDraft): void {
  const c = clusterOf(d, cluster);
  const card: Card = { id: newId(d, cluster), ...draft, sentAt: d.now, deliverAt: d.now + c.faults.delayMs };
  emit(d, { type: 'card-sent', cluster, card });
  if (card.inReplyTo) {
    // The answer is written on the writer's paper card: ✔ or ✗ in the replier's cell.
    emit(d, { type: 'response', cluster, batch: card.inReplyTo.batch, server: card.from, cell: replyOk(card.message as Reply) ? 'ok' : 'no' });
  }
  const lost = lossOf(d, c, card);
  if (lost) {
    emit(d, { type: 'card-lost', cluster, card: card.id, reason: lost });
    return;
  }
  if (c.faults.duplicate) emit(d, { type: 'card-sent', cluster, card: { ...card, id: newId(d, cluster) } });
}

/** Which link fault, if any, loses a card as it is sent. */
function lossOf(d: Draft, c: ClusterState, card: Card): LossReason | null {
  if (!c.servers[card.to]?.online) return 'offline'; // cards to an offline server are lost
  if (!sameSide(c.faults.partitions, card.from, card.to)) return 'partition';
  if (c.faults.lossRate > 0 && d.ctx.random() < c.faults.lossRate) return 'loss';
  return null;
}

/** Servers listed in no group form one more group together. */
export function sameSide(groups: ServerId[][], a: ServerId, b: ServerId): boolean {
  if (groups.length === 0) return true;
  const ga = groups.findIndex((g) => g.includes(a));
  const gb = groups.findIndex((g) => g.includes(b));
  return ga === gb;
}

/** Tear up every card in flight matching `which` (its Response cell becomes `lost`). */
export function loseCards(d: Draft, cluster: ClusterId, which: (k: Card) => boolean, reason: LossReason): void {
  for (const k of clusterOf(d, cluster).inFlight.filter(which)) emit(d, { type: 'card-lost', cluster, card: k.id, reason });
}
