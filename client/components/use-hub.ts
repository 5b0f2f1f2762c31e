/**
 * The apps' hooks for what comes from outside (student, solo, console, projector):
 * `useHub(conn, handlers)` subscribes once per connection, unsubscribes when it changes or the
 * app unmounts, and returns the link status as state; `useKeys(handler)` is Ink's useInput the
 * same way. Both call the handlers of the latest render, so they read current props and state
 * without a ref per value — Ink re-registers a useInput handler only in a passive effect, after
 * the frame is drawn, and keys typed in between reached the handler of the render before (a
 * projector that had just drawn its clusters took `a` for a key with no clusters). What they
 * change goes through functional updates, so two messages or keys before a redraw both count.
 */
import type { EventEmitter } from 'node:events';
import { useInput, type Key } from 'ink';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConnectionEvents, LinkStatus } from '../connection.js';

export type HubHandlers = { [K in keyof ConnectionEvents]?: (...args: ConnectionEvents[K]) => void };

/** What the hook needs of HubConnection (a bare EventEmitter with a status stands in for it in tests). */
export type HubEvents = Pick<EventEmitter, 'on' | 'off'> & { status: LinkStatus; release?(): void };

export function useHub(conn: HubEvents, handlers: HubHandlers): LinkStatus {
  const [status, setStatus] = useState<LinkStatus>(conn.status);
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    setStatus(conn.status);
    // The hub's `error` messages are always listened to: an EventEmitter 'error' event nobody
    // hears throws and ends the program (a taken seat, a rate limit are not worth that).
    const events = new Set<keyof ConnectionEvents>([...(Object.keys(latest.current) as (keyof ConnectionEvents)[]), 'status', 'error']);
    const listeners = [...events].map((event) => {
      const listener = (...args: unknown[]) => {
        if (event === 'status') setStatus(args[0] as LinkStatus);
        (latest.current[event] as ((...a: unknown[]) => void) | undefined)?.(...args);
      };
      conn.on(event, listener);
      return [event, listener] as const;
    });
    // A connection started before the screen (run-student.tsx, solo's seat connection) held
    // what came meanwhile: it is handed over in order once every component of this commit
    // subscribed (their effects run in one synchronous pass; the microtask runs after it), so
    // a parent and a child listening to one connection both hear its welcome and first view.
    queueMicrotask(() => conn.release?.());
    return () => {
      for (const [event, listener] of listeners) conn.off(event, listener);
    };
  }, [conn]);
  return status;
}

/**
 * State whose latest value a key handler can read at once: Ink hands keys to `useInput` faster
 * than React redraws, and a burst of keys (`ighLoad`, `wH⏎⏎`) must each see the state the one
 * before left, and send what that state decides. `set` takes a value or a functional update.
 */
export function useLatestState<S>(initial: S | (() => S)): [S, (next: S | ((s: S) => S)) => void, () => S] {
  // Like useState, a function is the initial value's recipe, run on the first render only.
  const [state, setState] = useState(initial);
  const ref = useRef(state);
  const set = (next: S | ((s: S) => S)) => {
    ref.current = typeof next === 'function' ? (next as (s: S) => S)(ref.current) : next;
    setState(ref.current);
  };
  return [state, set, () => ref.current];
}

/** Ink's useInput, always with the handler of the latest render (see above). */
export function useKeys(handler: (input: string, key: Key) => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useInput(useCallback((input: string, key: Key) => latest.current(input, key), []));
}
