/**
 * A load process: many client connections in one process, either hub bots (load-bot.ts) or
 * peers of the bare relay (relay-child.ts) that hold the same conversation as a Raft cluster's
 * heartbeat round: the leader i1 sends one frame to each follower, each follower answers at
 * once, and when every answer is in the leader starts the next round.
 *
 * IPC: {type:'status'} → seats connected, leaders; {type:'start'} (relay: begin the rounds);
 * {type:'report', reset} → metrics since the last reset; {type:'stop'} → exit.
 */
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import WebSocket from 'ws';
import { LoadBot, newMetrics, type BotMetrics } from './load-bot.js';

export interface LoadChildConfig {
  mode: 'hub' | 'relay';
  url: string;
  key?: string;
  /** One entry per client: the cluster it sits in (hub: lottery inside it; relay: seat i1…). */
  clusters: string[];
  size: number;
  loop?: boolean;
  /** relay: frame size in bytes, like the hub's views. */
  pad?: number;
  /** hub: keep seat tokens here so a restarted process resumes its seats. */
  tokensFile?: string;
  /** hub: append every accepted verdict here (JSON lines), for the soak's checker. */
  acceptedFile?: string;
}

let metrics: BotMetrics = newMetrics();

/** The seat tokens an earlier process kept; none (fresh seats) when the file is missing or unreadable. */
function readTokens(file: string | undefined): Record<string, { cluster: string; token: string }> {
  if (!file || !existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, { cluster: string; token: string }>;
  } catch {
    return {};
  }
}

function hubBots(cfg: LoadChildConfig): { status: () => Record<string, unknown>; stop: () => void } {
  const tokens = readTokens(cfg.tokensFile);
  const bots = cfg.clusters.map((cluster, i) => {
    // Slot i of a restarted process resumes the seat slot i held (like a student's token store).
    const slot = String(i);
    const own = tokens[slot];
    return new LoadBot({
      url: cfg.url,
      key: cfg.key!,
      cluster,
      loop: cfg.loop ?? false,
      metrics: () => metrics,
      ...(own ? { token: own.token } : {}),
      onToken: (seat) => {
        if (!cfg.tokensFile) return;
        tokens[slot] = { cluster: seat.cluster, token: seat.token };
        // Written aside, then renamed: the soak SIGKILLs this process at any moment, and a file
        // cut mid-write would leave the next process nothing to read.
        writeFileSync(`${cfg.tokensFile}.tmp`, JSON.stringify(tokens));
        renameSync(`${cfg.tokensFile}.tmp`, cfg.tokensFile);
      },
      ...(cfg.acceptedFile ? { onAccepted: (a) => appendFileSync(cfg.acceptedFile!, JSON.stringify(a) + '\n') } : {}),
    }).start();
  });
  return {
    status: () => ({
      clients: bots.length,
      connected: bots.filter((b) => b.connected).length,
      leaders: bots.filter((b) => b.view?.sheet.role === 'leader').length,
      seats: bots.filter((b) => b.seat).map((b) => `${b.seat!.cluster}/${b.seat!.server}`),
    }),
    stop: () => bots.forEach((b) => b.stop()),
  };
}

function relayPeers(cfg: LoadChildConfig): { status: () => Record<string, unknown>; start: () => void; stop: () => void } {
  const pad = 'x'.repeat(Math.max(0, (cfg.pad ?? 1500) - 60));
  const sockets: WebSocket[] = [];
  const leaders: (() => void)[] = [];
  let open = 0;
  const counters = new Map<string, number>();
  for (const cluster of cfg.clusters) {
    const n = (counters.get(cluster) ?? 0) + 1;
    counters.set(cluster, n);
    const me = `i${n}`;
    const ws = new WebSocket(`${cfg.url}?id=${cluster}/${me}`, { perMessageDeflate: false });
    sockets.push(ws);
    ws.on('open', () => (open += 1));
    ws.on('error', () => {});
    const followers = Array.from({ length: cfg.size - 1 }, (_, k) => `i${k + 2}`);
    let answers = 0;
    const round = () => {
      answers = 0;
      const t = Date.now();
      for (const to of followers) ws.send(`{"to":"${to}","from":"${me}","t":${t},"k":"q","pad":"${pad}"}`);
    };
    if (me === 'i1') leaders.push(round);
    ws.on('message', (data) => {
      const now = Date.now();
      const f = JSON.parse(data.toString()) as { from: string; t: number; k: string };
      metrics.moves += 1;
      metrics.views += 1;
      metrics.viewBytes += (data as Buffer).length;
      metrics.latencies.push(now - f.t);
      if (f.k === 'q') ws.send(`{"to":"${f.from}","from":"${me}","t":${now},"k":"a","pad":"${pad}"}`);
      else if (++answers === followers.length) {
        metrics.rounds += 1;
        round();
      }
    });
  }
  return {
    status: () => ({ clients: sockets.length, connected: open, leaders: leaders.length, seats: [] }),
    start: () => leaders.forEach((r) => r()),
    stop: () => sockets.forEach((s) => s.terminate()),
  };
}

function main(): void {
  const cfg = JSON.parse(process.argv[2] ?? '{}') as LoadChildConfig;
  const load = cfg.mode === 'hub' ? { start: () => {}, ...hubBots(cfg) } : relayPeers(cfg);
  process.on('message', (m: { type: string; reset?: boolean }) => {
    if (m.type === 'status') process.send!({ type: 'status', ...load.status() });
    if (m.type === 'start') {
      load.start();
      process.send!({ type: 'start' });
    }
    if (m.type === 'report') {
      const cpu = process.cpuUsage();
      process.send!({ type: 'report', ...metrics, cpuUs: cpu.user + cpu.system });
      if (m.reset) metrics = newMetrics();
    }
    if (m.type === 'stop') {
      load.stop();
      setTimeout(() => process.exit(0), 50);
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send!({ type: 'ready' });
}

main();
