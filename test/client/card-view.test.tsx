/** The Response row of a card this server wrote: its own cell carries ✔ like on paper. */
import { Box, Text } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { cardBlock } from '../../client/components/card-view.js';
import { makeTheme } from '../../client/theme.js';
import { responseRow } from '../../src/game/cards.js';

const cluster = ['i1', 'i2', 'i3', 'i4'];

describe('the Response row', () => {
  it("the writer's own cell is ✔ (the candidate votes for itself, the leader holds its log)", () => {
    expect(responseRow('i1', { i2: 'ok', i3: 'waiting', i4: 'lost' })).toEqual({ i1: 'ok', i2: 'ok', i3: 'waiting', i4: 'lost' });
  });

  it('is drawn under the ids: ✔ under i1 (the sender) and i2, · waiting under i3, ✂ lost under i4', () => {
    const block = cardBlock({
      key: 'rv',
      message: { type: 'RequestVote', term: 1, candidateId: 'i1', lastLogIndex: 0, lastLogTerm: 0 },
      from: 'i1',
      responses: { i2: 'ok', i3: 'waiting', i4: 'lost' },
      cluster,
      lang: 'en',
      theme: makeTheme({ color: false }),
      width: 50,
    });
    const { lastFrame, unmount } = render(
      <Box flexDirection="column">
        {[...(block.title ? [block.title] : []), ...block.lines].map((l) => (
          <Text key={l.key}>{l.node}</Text>
        ))}
      </Box>,
    );
    const lines = (lastFrame() ?? '').split('\n');
    const ids = lines.find((l) => l.includes('i1  i2'))!;
    const ticks = lines[lines.indexOf(ids) + 1];
    const at = (id: string) => ticks[ids.indexOf(id)];
    expect([at('i1'), at('i2'), at('i3'), at('i4')]).toEqual(['✔', '✔', '·', '✂']);
    unmount();
  });
});
