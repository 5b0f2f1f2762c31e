/**
 * `npm run bench [-- --quick] [-- --only hub,journal,client,onefile,soak,fuzz,web] [-- --pages N]`
 * (`--pages`: projector pages the web bench opens; 5 by default, 1 is a classroom's projector)
 * Runs the benchmarks one after another (they share 2 cores: never in parallel), prints each
 * figure as it comes and writes everything to bench-results/<time>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { clientBench } from './client.js';
import { fuzz } from './fuzz.js';
import { hubLoad, relayLoad, type LoadResult } from './hub-load.js';
import { journalSuite } from './journal.js';
import { oneFileBench } from './one-file.js';
import { fmt, machine, ratio, ROOT } from './lib.js';
import { soak } from './soak.js';
import { webProjectorBench } from './web-projector.js';

const ALL = ['hub', 'journal', 'client', 'onefile', 'soak', 'fuzz', 'web'] as const;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, pages: { type: 'string' } } });
  const quick = values.quick ?? false;
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : [...ALL];
  for (const o of only) if (!(ALL as readonly string[]).includes(o)) {
    process.stderr.write(`bench: unknown benchmark "${o}" (one of ${ALL.join(', ')})\n`);
    return 2;
  }
  const pages = Number(values.pages ?? 5);
  if (!Number.isInteger(pages) || pages < 1 || pages > 20) {
    process.stderr.write(`bench: --pages is a whole number from 1 to 20, got "${values.pages}"\n`);
    return 2;
  }
  const say = (line: string) => process.stdout.write(line + '\n');
  const results: Record<string, unknown> = { machine: machine(), quick, startedAt: new Date().toISOString() };
  say(`raft-sheet bench${quick ? ' (quick)' : ''} · ${JSON.stringify(results.machine)}`);
  let failed = false;

  if (only.includes('hub')) {
    const rooms = quick ? [{ clusters: 1, processes: 1 }, { clusters: 12, processes: 2 }] : [{ clusters: 1, processes: 1 }, { clusters: 12, processes: 2 }, { clusters: 125, processes: 4 }];
    const measureMs = quick ? 5000 : 15_000;
    const rows: { hub: LoadResult; relay: LoadResult }[] = [];
    for (const room of rooms) {
      const hub = await hubLoad({ ...room, measureMs, log: say });
      const relay = await relayLoad({ ...room, measureMs, frameBytes: Math.round(hub.avgFrameBytes) });
      rows.push({ hub, relay });
      say(
        `hub ${room.clusters}×8 (${hub.connections} conns, held ${hub.heldConnections}): ${fmt(hub.movesPerSec, 0)} moves/s, ${fmt(hub.roundsPerSec)} rounds/s (relay ${fmt(relay.roundsPerSec)}: ${ratio(hub.roundsPerSec, relay.roundsPerSec)}); ` +
          `delivery p50 ${fmt(hub.latency.p50)} p99 ${fmt(hub.latency.p99)} max ${fmt(hub.latency.max)} ms (relay ${fmt(relay.latency.p50)}/${fmt(relay.latency.p99)}/${fmt(relay.latency.max)}: p99 ${ratio(hub.latency.p99, relay.latency.p99)}); ` +
          `CPU ${fmt(hub.cpuPct, 0)}% (relay ${fmt(relay.cpuPct, 0)}%); RSS ${fmt(hub.peakRssMiB, 0)} MiB (relay ${fmt(relay.peakRssMiB, 0)}: ${ratio(hub.peakRssMiB, relay.peakRssMiB)})`,
      );
    }
    results.hub = rows;
  }
  if (only.includes('journal')) results.journal = await journalSuite(quick ? 1000 : 3000, say);
  if (only.includes('client')) {
    const c = await clientBench({ idleMs: quick ? 30_000 : 60_000, keys: quick ? 10 : 30, log: say });
    results.client = c;
    say(
      `client: first output ${fmt(c.startFirstOutputMs, 0)} ms, sheet ${fmt(c.startSheetMs, 0)} ms; key → frame p50 ${fmt(c.keyToFrame.p50)} p99 ${fmt(c.keyToFrame.p99)} ms; ` +
        `idle ${fmt(c.idleSeconds, 0)} s: CPU ${fmt(c.idleCpuPct, 2)}% of a core, ${c.idleBytes} bytes drawn; peak RSS ${fmt(c.peakRssMiB, 0)} MiB; ` +
        `render ${fmt(c.renderMs.p50, 2)} ms vs direct write ${fmt(c.directWriteMs.p50, 3)} ms per ${c.frameBytes}-byte frame`,
    );
  }
  if (only.includes('onefile')) {
    const r = await oneFileBench({ runs: quick ? 3 : 7, pairs: quick ? 3 : 6, measureMs: quick ? 4000 : 8000, log: say });
    results.onefile = r;
    const d = r.delivery;
    say(
      `one-file client: ${fmt(r.bytes / 1024, 0)} KiB (${fmt(r.gzipBytes / 1024, 0)} KiB gzipped); first frame median ${fmt(r.firstFrame.bundle.p50, 0)} ms, min ${fmt(Math.min(...r.firstFrame.bundleMs), 0)} ` +
        `(dist/bin/raft-sheet.js ${fmt(r.firstFrame.dist.p50, 0)} ms, min ${fmt(Math.min(...r.firstFrame.distMs), 0)}: ${ratio(r.firstFrame.bundle.p50, r.firstFrame.dist.p50)}); ` +
        `CPU to the first frame ${fmt(r.firstFrame.bundleCpu.p50, 0)} ms vs ${fmt(r.firstFrame.distCpu.p50, 0)} ms: ${ratio(r.firstFrame.bundleCpu.p50, r.firstFrame.distCpu.p50)}; ` +
        `a one-box Ink app's first frame ${fmt(r.firstFrame.floor.p50, 0)} ms (the bundle ${ratio(r.firstFrame.bundle.p50, r.firstFrame.floor.p50)} of it), Node alone ${fmt(r.firstFrame.node.p50, 0)} ms; ` +
        `12×8 delivery p99 during a wave of 100 downloads ${fmt(d.oneWave.p99)} ms vs ${fmt(d.plain.p99)} ms between waves: ${ratio(d.oneWave.p99, d.plain.p99)}; ` +
        `waves back to back ${fmt(d.longWaves.p99)} vs ${fmt(d.longPlain.p99)} ms: ${ratio(d.longWaves.p99, d.longPlain.p99)}; ` +
        `downloader at nice 19: a wave ${fmt(r.deliveryLowPriority.oneWave.p99)} vs ${fmt(r.deliveryLowPriority.plain.p99)} ms: ${ratio(r.deliveryLowPriority.oneWave.p99, r.deliveryLowPriority.plain.p99)}, ` +
        `back to back ${fmt(r.deliveryLowPriority.longWaves.p99)} vs ${fmt(r.deliveryLowPriority.longPlain.p99)} ms: ${ratio(r.deliveryLowPriority.longWaves.p99, r.deliveryLowPriority.longPlain.p99)}`,
    );
  }
  if (only.includes('soak')) {
    const s = await soak(quick ? { ms: 30_000, clusters: 2, hubKills: 3, botKills: 2, log: say } : { ms: 180_000, clusters: 4, hubKills: 8, botKills: 6, log: say });
    results.soak = s;
    failed ||= !s.ok;
    say(`soak ${fmt(s.seconds, 0)} s, ${s.seats} seats: ${s.hubKills} hub kills, ${s.botKills} bot-process kills, ${s.faults} faults; ${s.accepted} accepted verdicts checked against ${s.journalRecords} journal records: lost ${s.lost.length}, doubled ${s.doubled.length}, violations ${s.violations.length} (seen ${s.seenViolations}), reconnected ${s.reconnected}/${s.seats} → ${s.ok ? 'PASS' : 'FAIL'}`);
    for (const line of [...s.lost, ...s.doubled, ...s.violations].slice(0, 10)) say(`  ${line}`);
  }
  if (only.includes('fuzz')) {
    const f = await fuzz({ frames: quick ? 3000 : 20_000, log: say });
    results.fuzz = f;
    failed ||= !f.ok;
    say(`fuzz ${f.frames} frames in ${fmt(f.seconds)} s: hub alive ${f.hubAlive}; control ${fmt(f.controlMoves / f.seconds, 0)} moves/s (before ${fmt(f.controlMovesBefore, 0)}), stalls ${f.controlStalls}; unexplained journal records ${f.unexplained.length} → ${f.ok ? 'PASS' : 'FAIL'}`);
    say(`  kinds ${JSON.stringify(f.kinds)}`);
    say(`  answers ${JSON.stringify(f.answers)}; closes ${JSON.stringify(f.closes)}`);
  }
  if (only.includes('web')) {
    const w = await webProjectorBench({ clusters: 12, processes: 2, pages, measureMs: quick ? 5000 : 10_000, log: say });
    results.web = w;
    say(
      `web projector ${w.clusters}×8, ${w.pages} pages: hub delivery p99 ${fmt(w.withPages.latency.p99)} ms with the pages vs ${fmt(w.none.latency.p99)} without (${ratio(w.withPages.latency.p99, w.none.latency.p99)}; after closing them ${fmt(w.noneAfter.latency.p99)}), ` +
        `rounds/s ${fmt(w.withPages.roundsPerSec)} vs ${fmt(w.none.roundsPerSec)} (${ratio(w.withPages.roundsPerSec, w.none.roundsPerSec)}), hub CPU ${fmt(w.withPages.cpuPct, 0)}% vs ${fmt(w.none.cpuPct, 0)}%; ` +
        `page: ${fmt(w.viewsPerSec, 0)} views/s drawn in ${fmt(w.framesPerSec, 0)} frames/s, drawing p50 ${fmt(w.drawMs.p50, 2)} p99 ${fmt(w.drawMs.p99, 2)} ms per frame, rAF interval p50 ${fmt(w.frameIntervalMs.p50)} p99 ${fmt(w.frameIntervalMs.p99)} ms; browser CPU ${fmt(w.browserCpuMsPerSec, 0)} ms/s, ${fmt(w.browserCpuMsPerFrame, 1)} ms per frame; ` +
        `per page, main thread ms/s: script ${fmt(w.mainThread.scriptMs, 0)}, style ${fmt(w.mainThread.styleMs, 0)}, layout ${fmt(w.mainThread.layoutMs, 0)}, all tasks ${fmt(w.mainThread.taskMs, 0)}; largest view ${fmt(w.viewBytes / 1024, 0)} KiB; load average ${fmt(w.load[0])} → ${fmt(w.load[1])}`,
    );
  }
  const dir = path.join(ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
  writeFileSync(file, JSON.stringify(results, null, 1));
  say(`results: ${path.relative(ROOT, file)}`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
