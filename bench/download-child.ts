/**
 * A class downloading the one-file client at once (issue 15), in its own process so its CPU is
 * not the measuring process's: on `start`, waves of `clients` simultaneous
 * `GET /raft-sheet.mjs` (accepting gzip, as the banner's `fetch` command does), each wave as soon
 * as the previous one is complete, until `finish`, which answers with the count and each wave's
 * time. Every body's length is checked against content-length.
 *
 * IPC: sends {type:'ready'}; `wave` → one wave, answered {type:'wave', ms, downloads, failed,
 * bytes} when it is complete; `start` → {type:'start'} and waves back to back until `finish` →
 * {type:'finish', waves, downloads, bytes, waveMs[], failed}; `stop` exits.
 */
import * as http from 'node:http';
import { setPriority } from 'node:os';

interface Config {
  url: string;
  clients: number;
  /** Niceness of this process (19: only the CPU nobody else wants; bench/one-file.ts). */
  nice?: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as Config;
if (config.nice) setPriority(config.nice);
let running = false;
let done: Promise<void> = Promise.resolve();
const result = { waves: 0, downloads: 0, bytes: 0, waveMs: [] as number[], failed: 0 };

/**
 * One download as Node's fetch asks for it (gzip accepted), read with node:http and only
 * counted: unpacking happens on a student's own machine, and on these 2 shared cores the
 * downloader's CPU would otherwise be charged to the hub.
 */
function one(): Promise<void> {
  return new Promise((resolve) => {
    const req = http.get(config.url, { headers: { 'accept-encoding': 'gzip, deflate' }, agent: false }, (res) => {
      let got = 0;
      res.on('data', (d: Buffer) => (got += d.length));
      res.on('end', () => {
        if (res.statusCode !== 200 || got !== Number(res.headers['content-length'])) result.failed += 1;
        else {
          result.downloads += 1;
          result.bytes += got;
        }
        resolve();
      });
      res.on('error', () => {
        result.failed += 1;
        resolve();
      });
    });
    req.on('error', () => {
      result.failed += 1;
      resolve();
    });
  });
}

async function waves(): Promise<void> {
  while (running) {
    const t0 = performance.now();
    await Promise.all(Array.from({ length: config.clients }, one));
    result.waveMs.push(performance.now() - t0);
    result.waves += 1;
  }
}

process.on('message', (m: { type: string }) => {
  if (m.type === 'start') {
    running = true;
    done = waves();
    process.send!({ type: 'start' });
  }
  if (m.type === 'finish') {
    running = false;
    // The wave under way completes: its downloads were inside the window.
    void done.then(() => process.send!({ type: 'finish', ...result }));
  }
  if (m.type === 'wave') {
    // One class at once: `clients` downloads started together; answers when the last is in.
    const before = { downloads: result.downloads, failed: result.failed, bytes: result.bytes };
    const t0 = performance.now();
    void Promise.all(Array.from({ length: config.clients }, one)).then(() =>
      process.send!({ type: 'wave', ms: performance.now() - t0, downloads: result.downloads - before.downloads, failed: result.failed - before.failed, bytes: result.bytes - before.bytes }),
    );
  }
  if (m.type === 'stop') process.exit(0);
});
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'ready' });
