/** A card's message as the paper card names it in short (RV, AE↩, PV…): the glance, the console, the web projector. */
import type { Message } from '../raft/types.js';

export type CardTag = 'RV' | 'RV↩' | 'AE' | 'AE↩' | 'PV' | 'PV↩' | 'IS' | 'IS↩';

const TAGS: Record<Message['type'], CardTag> = {
  RequestVote: 'RV',
  RequestVoteReply: 'RV↩',
  AppendEntries: 'AE',
  AppendEntriesReply: 'AE↩',
  PreVote: 'PV',
  PreVoteReply: 'PV↩',
  InstallSnapshot: 'IS',
  InstallSnapshotReply: 'IS↩',
};

export function cardTag(type: Message['type']): CardTag {
  return TAGS[type];
}
