/**
 * Solo mode's screen: the student's own sheet (StudentApp, unchanged) with a guide above its
 * key help. A seat change between games is a fresh student connection at the new seat, so the
 * sheet on screen is always exactly what that seat's student would see.
 */
import { useEffect, useState } from 'react';
import { useHub } from '../components/use-hub.js';
import { botMove } from '../../src/game/bots.js';
import { HINT_LEVELS, type SeatView } from '../../src/game/types.js';
import type { Lang } from '../../src/i18n/text.js';
import { HubConnection } from '../connection.js';
import { FIRST_VIEW_WAIT_MS } from '../student/run-student.js';
import { StudentApp } from '../student/student-app.js';
import type { Theme } from '../theme.js';
import type { TokenStore } from '../token-store.js';
import type { SoloDirector } from './solo-director.js';
import { introLine, keyLine, modeTag, positionTag } from './solo-guide.js';
import { t } from '../i18n.js';
import { emptyRecapMemo, recapStep, type RecapData, type RecapMemo } from '../student/recap.js';

export interface SoloAppProps {
  director: SoloDirector;
  url: string;
  code: string;
  lang: Lang;
  theme: Theme;
  onEnd: (code: number, sentence?: string) => void;
}

/** Seat tokens for this process only: a solo session is never rejoined from another terminal. */
export function memoryTokens(): TokenStore {
  const m = new Map<string, string>();
  return { get: (u, c) => m.get(`${u} ${c}`), set: (u, c, t) => void m.set(`${u} ${c}`, t), delete: (u, c) => void m.delete(`${u} ${c}`) };
}

/**
 * One line as a rule (the sheet needs the rows): the key to press with where the player is, or
 * what just happened; on the very first screen also who the player is.
 */
export function guideLines(lang: Lang, view: SeatView | null, transition: string | null, stalled: string | null = null): string[] {
  if (!view) return [];
  const first = view.script && !view.script.free && view.script.game === 1 && view.script.step === 1 && !view.script.done;
  // A stalled step is offered for retry or skip only once the player has nothing left to do.
  const offer = stalled !== null && view.online && botMove(view) === null ? `${positionTag(lang, view)} ${stalled}` : null;
  const now = transition ?? offer ?? `${positionTag(lang, view)} ${keyLine(lang, view)} · ${modeTag(lang, view)}`.trim();
  return first ? [introLine(lang, view.server, view.sheet.cluster.length), now] : [now];
}

/** The player's connection at `seat`, started at once and held until the screen listens (useHub). */
function seatConnection(url: string, code: string, seat: string): HubConnection {
  const c = new HubConnection({ url, role: 'student', code, name: 'you', cluster: 'A', server: seat, tokens: memoryTokens() });
  // An EventEmitter 'error' without a listener throws: the old seat's connection hears
  // `seat/released` when the player moves on, which is expected and not worth dying for.
  c.on('error', () => undefined);
  return c.hold().start();
}

export function SoloApp({ director, url, code, lang, theme, onEnd }: SoloAppProps) {
  // The seat the player plays, its connection, the first view heard before its sheet was shown,
  // and the latest view: one state, so a seat change is one render (the guide and the sheet of
  // the new seat together).
  const [at, setAt] = useState<{ seat: string; conn: HubConnection; first?: SeatView; view: SeatView | null }>(() => ({
    seat: director.playerSeat,
    conn: seatConnection(url, code, director.playerSeat),
    view: null,
  }));
  const { seat, conn, view } = at;
  const [transition, setTransition] = useState<string | null>(null);
  // The recap after a game lives here, not in the student app: the player may change seats (a
  // fresh student app) while reading it.
  const [recap, setRecap] = useState<{ memo: RecapMemo; due: RecapData | null }>({ memo: emptyRecapMemo, due: null });
  const [stalled, setStalled] = useState<string | null>(null);
  const offering = stalled !== null && view !== null && view.online && botMove(view) === null;
  const noteRecap = (v: SeatView) =>
    setRecap((r) => {
      const next = recapStep(r.memo, v);
      return { memo: next.memo, due: next.due ?? r.due };
    });
  // The old seat's connection goes when the player moves (or quits).
  useEffect(() => () => conn.close(), [conn]);
  useHub(conn, {
    welcome: () => director.playerSeated(seat),
    view: (v) => {
      noteRecap(v);
      setAt((a) => ({ ...a, view: v }));
    },
  });

  useEffect(() => {
    let moved = false;
    const onSeat = (s: string) => {
      // Leave the old seat before the director hands it to a bot; the new seat's sheet replaces
      // the old one as soon as its first view is in (within FIRST_VIEW_WAIT_MS), so the screen
      // goes from one sheet to the other without a "connecting…" frame between.
      conn.close();
      const next = seatConnection(url, code, s);
      void next.heard(FIRST_VIEW_WAIT_MS).then(() => {
        if (moved) return void next.close();
        const first = next.takeHeldView()?.[0];
        if (first) noteRecap(first);
        setAt({ seat: s, conn: next, view: first ?? null, ...(first ? { first } : {}) });
      });
    };
    director.on('seat', onSeat);
    director.on('transition', setTransition);
    director.on('stalled', setStalled);
    return () => {
      moved = true;
      director.off('seat', onSeat);
      director.off('transition', setTransition);
      director.off('stalled', setStalled);
    };
  }, [director, conn]);

  // Solo's own keys, with nothing open on the sheet: b by hand / prefilled, h the hint level;
  // R retry and N skip a stalled step, only while offered (they are no keys of the sheet).
  const onIdleKey = (char: string): boolean => {
    if (!view) return false;
    if (offering && char === 'R') director.retryStep();
    else if (offering && char === 'N') director.skipStep();
    else if (char === 'b') director.setMode({ assist: view.assist === 'by-hand' ? 'prefilled' : 'by-hand' });
    else if (char === 'h') director.setMode({ hints: nextHint(view) });
    else return false;
    return true;
  };

  // Nobody joins a solo game: the sheet's header shows no join code.
  return (
    <StudentApp
      key={seat}
      conn={conn}
      firstView={at.first}
      code=""
      lang={lang}
      theme={theme}
      onEnd={onEnd}
      guide={guideLines(lang, view, transition, stalled)}
      recap={recap.due}
      onRecapClose={() => setRecap((r) => ({ ...r, due: null }))}
      onIdleKey={onIdleKey}
      quitQuestion={t(lang, 'quitAskSolo')}
    />
  );
}

/** `h`: none → the rule → the rule and the answer → none. */
export function nextHint(view: SeatView): NonNullable<SeatView['hints']> {
  const i = HINT_LEVELS.indexOf(view.hints ?? 'answer');
  return HINT_LEVELS[(i + 1) % HINT_LEVELS.length];
}
