/**
 * An honest-layout check over Ink's own DOM after layout: every `ink-box` and `ink-text` node
 * carries a Yoga node with its computed left/top/width/height. Yoga shrinks a box below its
 * content without a word (flexShrink 1 is Ink's default), and Ink then draws the content anyway,
 * over whatever lies below: the overlapping card panel of issue #9. This walks the tree and
 * reports, in words a person can act on:
 *
 * - a text whose wrapped lines need more rows or columns than its box was given (it spills);
 * - two sibling boxes or texts sharing a cell;
 * - a child reaching outside its parent (into its parent's neighbours, or cut by a clip);
 * - a card's fields drawn while the card's title is not (a card is a box whose first line is
 *   a card title: RequestVoteRPC, AppendEntries reply, …);
 * - a frame taller than rows − 1 or wider than the terminal.
 */
import type { DOMElement } from 'ink';
import { widthOf, wrapTo } from '../../client/components/text-width.js';

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

type Node = DOMElement & { nodeValue?: string; yogaNode?: { getComputedLayout(): { left: number; top: number; width: number; height: number }; getDisplay?(): number } };

const TITLE = /^(RequestVoteRPC|AppendEntriesRPC|RequestVote reply|AppendEntries reply|PreVoteRPC|PreVote reply|InstallSnapshotRPC|InstallSnapshot reply)\b/;

/** The text an `ink-text` draws, as Ink squashes its nested texts. */
export function textOf(node: Node): string {
  let s = '';
  for (const c of node.childNodes as Node[]) {
    if ((c.nodeName as string) === '#text') s += c.nodeValue ?? '';
    else if (c.nodeName === 'ink-text' || c.nodeName === 'ink-virtual-text') s += textOf(c);
  }
  return s;
}

function overlap(a: Rect, b: Rect): boolean {
  return a.w > 0 && a.h > 0 && b.w > 0 && b.h > 0 && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function inside(inner: Rect, outer: Rect): boolean {
  if (inner.w === 0 || inner.h === 0) return true;
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
}

const show = (r: Rect) => `${r.w}×${r.h} at ${r.x},${r.y}`;
const label = (n: Node) => (n.nodeName === 'ink-text' ? `text "${textOf(n).split('\n')[0].slice(0, 40)}"` : `box[${firstText(n)?.slice(0, 30) ?? ''}…]`);

function firstText(n: Node): string | undefined {
  if (n.nodeName === 'ink-text') return textOf(n);
  for (const c of n.childNodes as Node[]) {
    const t = firstText(c);
    if (t !== undefined) return t;
  }
  return undefined;
}

/** Every problem found in the laid-out tree under `root`, for a terminal of `cols`×`rows`. */
export function layoutProblems(root: DOMElement, cols: number, rows: number): string[] {
  const problems: string[] = [];
  const rects = new Map<Node, Rect>();
  const walk = (n: Node, ox: number, oy: number, clip: Rect) => {
    if (!n.yogaNode) return;
    const l = n.yogaNode.getComputedLayout();
    const r: Rect = { x: ox + l.left, y: oy + l.top, w: l.width, h: l.height };
    rects.set(n, r);
    if (n.nodeName === 'ink-text') {
      const text = textOf(n);
      const wrap = (n.style as { textWrap?: string }).textWrap ?? 'wrap';
      // As Ink draws it (render-node-to-output): wrapped only when wider than its box.
      const lines = wrap === 'wrap' && widthOf(text) > r.w && r.w > 0 ? wrapTo(text, r.w) : text.split('\n');
      const widest = Math.max(0, ...lines.map(widthOf));
      if (text.length > 0 && (lines.length > r.h || (wrap === 'wrap' && widest > r.w))) {
        problems.push(`${label(n)} needs ${widest}×${lines.length} but was given ${show(r)}: it spills over its neighbours`);
      }
      return;
    }
    const style = n.style as { overflow?: string; overflowY?: string; position?: string };
    const clips = style.overflow === 'hidden' || style.overflowY === 'hidden';
    const kids = (n.childNodes as Node[]).filter((c) => c.yogaNode && (c.style as { display?: string }).display !== 'none');
    for (const c of kids) walk(c, r.x, r.y, clips ? r : clip);
    for (const c of kids) {
      const cr = rects.get(c)!;
      if (!inside(cr, r)) problems.push(`${label(c)} (${show(cr)}) reaches outside its parent ${label(n)} (${show(r)})${clips ? ', where it is cut' : ''}`);
    }
    for (let i = 0; i < kids.length; i++) {
      for (let j = i + 1; j < kids.length; j++) {
        const a = rects.get(kids[i])!;
        const b = rects.get(kids[j])!;
        if (overlap(a, b)) problems.push(`${label(kids[i])} (${show(a)}) and ${label(kids[j])} (${show(b)}) share cells`);
      }
    }
    // A card: its title is its first line; fields drawn without it are a card nobody can read.
    const first = kids[0];
    if (first?.nodeName === 'ink-text' && TITLE.test(textOf(first))) {
      const tr = rects.get(first)!;
      const visible = (x: Rect) => x.h > 0 && x.y >= clip.y && x.y < clip.y + clip.h && x.y < rows - 1;
      const fieldsShown = kids.slice(1).some((k) => visible(rects.get(k)!));
      if (fieldsShown && !visible(tr)) problems.push(`the fields of ${label(n)} are shown without the card's title`);
    }
  };
  const screen: Rect = { x: 0, y: 0, w: cols, h: rows };
  walk(root as Node, 0, 0, screen);
  const whole = rects.get(root as Node)!;
  if (whole.h > rows - 1) problems.push(`the frame is ${whole.h} rows tall; at most ${rows - 1} fit (a taller one makes Ink clear the screen)`);
  if (whole.w > cols) problems.push(`the frame is ${whole.w} columns wide; the terminal has ${cols}`);
  return problems;
}
