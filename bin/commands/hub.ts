/**
 * `raft-sheet hub [--port 7070] [--host 0.0.0.0] [--clusters N] [--size 8] [--data DIR] [--resume DIR] [--lang en|ru] [--plain]`
 * Wiring only: the hub itself is server/hub.ts (startHub), the console client/console. On a
 * terminal the console runs in this process and talks to the hub over its own socket with a
 * one-run key (every action takes the instructor's path); otherwise, or with --plain, the hub
 * prints the banner and logs plainly to stdout.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { networkInterfaces } from 'node:os';
import { langFrom, type Lang } from '../../src/i18n/text.js';
import type { Hub } from '../../server/hub.js';
import { projectorAddress } from '../../server/web-projector.js';
import { MAX_CLUSTERS, PEOPLE_TIMEOUT_MS } from '../../src/game/room.js';
import { appVersion, clientFilePath } from '../app-info.js';
import { CLIENT_PATH, readClientFile } from '../../server/client-download.js';
import { defineCommand, DISPLAY_OPTIONS, intOption, rangeOption, usage, valueOptions, type Runnable } from './options.js';

const HELP = `Usage: raft-sheet hub [options]

Start the classroom hub: one room of clusters of Raft servers that students join over the LAN.
Prints the join command (with this machine's addresses), the join code and the instructor key.

Options:
  --port N         TCP port (default 7070; 0 picks a free one)
  --host ADDR      address to listen on (default 0.0.0.0: every interface)
  --clusters N     number of clusters A, B, C… AA, AB… (default 1, at most 702)
  --size N         servers per cluster, 3–9 (default 8)
  --data DIR       session directory to create (default ./sessions/<timestamp>)
  --resume DIR     resume the session recorded in DIR after a crash or a stop
  --timeout S-S    election timeout range in seconds for timers mode (default 20-40: made
                   for people; a leader must heartbeat within a third of the minimum)
  --bot-pace S-S   seconds a human-pace bot waits before each move (default 1-2)
  --seats-per-address N
                   student seats one network address may hold (default 4; raise it for a
                   class whose machines share one address, e.g. behind NAT)
  --lang en|ru     language of the banner and console (default: from LANG)
  --plain          no console: print the banner and log to stdout (the default when stdout
                   is not a terminal)
  --ascii          console without Unicode symbols
  -h, --help       this help

On a terminal the instructor console opens: the join command and code, a table of clusters,
every sheet of a cluster, and keys for games and steps, faults, bots, modes, announcements,
reset and rewind (the key line at the bottom always says what is possible). The hub's log then
goes to hub.log in the session directory only.

The session directory holds session.json, keys.json (the instructor and projector keys,
readable by you only), journal.jsonl (every accepted move, fsynced before anyone is told, each
line with its checksum), hub.log, and hub.lock while a hub runs on it: a second hub on the same
directory refuses to start. A hub killed with -9 leaves hub.lock behind; the next --resume takes
it over when the process it names is gone (delete it by hand only if the directory is shared
between machines). Stop with Ctrl-C: the journal is flushed and clients are told to come back
(close 1001); start again with --resume DIR (the keys stay the same).
The projector key lets \`raft-sheet watch\` show the room and nothing else; the web projector
(printed: http://HOST:PORT/projector#key=…, and on \`k\` in the console) is the same view in a
browser, for the room's screen.
Students without the repository need only Node 20.19+: the hub serves the one-file client at
http://HOST:PORT/raft-sheet.mjs; the banner prints the download command (Node, curl,
PowerShell), the join command for the downloaded file and its SHA-256, and so does
students.txt in the session directory.
Exit codes: 0 stopped, 1 runtime failure (port in use, directory in use, damaged session), 2 usage error.
`;

/** Addresses students on the LAN can reach (IPv4, not loopback), loopback as the last resort. */
export function lanAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(a.address);
  }
  return out.length > 0 ? out : ['127.0.0.1'];
}

const BANNER: Record<Lang, { title: string; join: string; download: string; or: string; sha: string; key: string; projector: string; web: string; keyResumed: string; dir: string; stop: string }> = {
  en: {
    title: 'raft-sheet hub',
    join: 'Students join with:',
    download: 'Students without the repository (Node 20.19+ only): download the client, then join:',
    or: 'or',
    sha: 'SHA-256 of raft-sheet.mjs:',
    key: 'Instructor key (keep it to yourself):',
    projector: 'Projector key (raft-sheet watch; watches only):',
    web: 'Projector: open in a browser on the room\'s screen:',
    keyResumed: 'Instructor key: unchanged (as printed when the session started)',
    dir: 'Session directory:',
    stop: 'Ctrl-C stops the hub; resume later with:',
  },
  ru: {
    title: 'хаб raft-sheet',
    join: 'Студенты подключаются командой:',
    download: 'Студенты без репозитория (нужен только Node 20.19+): скачать клиент, затем подключиться:',
    or: 'или',
    sha: 'SHA-256 файла raft-sheet.mjs:',
    key: 'Ключ преподавателя (не показывайте его):',
    projector: 'Ключ проектора (raft-sheet watch; только просмотр):',
    web: 'Проектор: откройте в браузере на экране аудитории:',
    keyResumed: 'Ключ преподавателя: прежний (напечатан при запуске сессии)',
    dir: 'Каталог сессии:',
    stop: 'Ctrl-C останавливает хаб; продолжить потом:',
  },
};

export const hub: Runnable = defineCommand(
  {
    name: 'hub',
    help: HELP,
    options: { ...valueOptions('port', 'host', 'clusters', 'size', 'data', 'resume', 'timeout', 'bot-pace', 'seats-per-address'), ...DISPLAY_OPTIONS, plain: { type: 'boolean', default: false } },
  },
  async ({ values }) => {
    const port = intOption(values.port, '--port', 0, 65535, 7070);
    const clusters = intOption(values.clusters, '--clusters', 1, MAX_CLUSTERS);
    const size = intOption(values.size, '--size', 3, 9);
    const seatsPerAddress = intOption(values['seats-per-address'], '--seats-per-address', 1, 10_000);
    const timeout = rangeOption(values.timeout, '--timeout');
    const botPace = rangeOption(values['bot-pace'], '--bot-pace');
    if (values.resume && values.timeout) usage('--resume keeps the recorded timeout range: do not combine it with --timeout');
    if (values.resume && (values.data || values.clusters || values.size)) {
      usage('--resume takes the room as it was recorded: do not combine it with --data, --clusters or --size');
    }
    const lang = langFrom(values.lang, process.env);
    const withConsole = !values.plain && process.stdin.isTTY === true && process.stdout.isTTY === true;
    if (withConsole && process.env.NO_COLOR) process.env.FORCE_COLOR = '0';
    const consoleKey = randomBytes(18).toString('base64url');
    // The one-file client the hub hands out (issue 15): read once; absent when only tsc ran.
    const client = readClientFile(clientFilePath());
    const { startHub } = await import('../../server/hub.js');
    // A hub that cannot start (port or directory in use, a damaged session) throws: exit 1.
    const running = await startHub({
      port,
      host: values.host ?? '0.0.0.0',
      ...(clusters !== undefined ? { clusters } : {}),
      ...(size !== undefined ? { size } : {}),
      ...(values.data ? { data: values.data } : {}),
      ...(values.resume ? { resume: values.resume } : { room: { electionTimeoutMs: timeout ?? PEOPLE_TIMEOUT_MS } }),
      ...(botPace ? { humanPaceMs: botPace } : {}),
      ...(seatsPerAddress !== undefined ? { seatsPerAddress } : {}),
      lang,
      ...(client ? { client } : {}),
      app: appVersion(),
      stdoutLog: !withConsole,
      consoleKey,
      onFatal: () => {
        if (withConsole) process.stdout.write('\x1b[?1049l');
        process.stderr.write('raft-sheet hub: the journal could not be written; the hub stopped (see hub.log)\n');
        process.exit(1);
      },
    });
    const t = BANNER[lang];
    const hosts = running.host === '0.0.0.0' || running.host === '::' ? lanAddresses() : [running.host];
    const students = client ? [...downloadLines(t, hosts[0], running.port, running.code, client.sha256), ''] : [];
    // Under the console the banner is not printed: the download lines wait in the session directory.
    if (client) {
      try {
        writeFileSync(path.join(running.dir, 'students.txt'), students.map((l) => l.replace(/^ {2}/, '')).join('\n'));
      } catch (err) {
        running.log('warn', `students.txt not written: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (withConsole) return runWithConsole(running, hosts, consoleKey, lang, values.ascii ?? false);
    // The web projector's address carries the read-only key in its fragment (never sent to a server).
    const webKey = running.projectorKey ?? running.key;
    const lines = [
      '',
      `  ${t.title} · code ${running.code}`,
      '',
      `  ${t.join}`,
      ...hosts.map((h) => `    raft-sheet join ws://${h}:${running.port} --code ${running.code}`),
      '',
      ...students,
      running.key ? `  ${t.key} ${running.key}` : `  ${t.keyResumed}`,
      ...(running.projectorKey ? [`  ${t.projector} ${running.projectorKey}`] : []),
      ...(webKey ? ['', `  ${t.web}`, ...hosts.map((h) => `    ${projectorAddress(h, running.port, webKey)}`), ''] : []),
      `  ${t.dir} ${running.dir}`,
      ...(running.torn ? [`  journal: a torn last line (line ${running.torn.line}) was cut off; ${running.replayed} records replayed`] : running.replayed > 0 ? [`  resumed: ${running.replayed} journal records replayed`] : []),
      `  ${t.stop} raft-sheet hub --resume ${running.dir}${running.port !== 7070 ? ` --port ${running.port}` : ''}`,
      '',
    ];
    process.stdout.write(lines.join('\n') + '\n');
    return new Promise<number>((resolve) => {
      const stop = (signal: string) => {
        running.log('info', `${signal}: shutting down`);
        running.close().then(
          () => resolve(0),
          () => resolve(1),
        );
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
      // The terminal closing (an SSH drop, a killed tmux) must flush and say goodbye too.
      process.once('SIGHUP', () => stop('SIGHUP'));
    });
  },
);

/**
 * The banner's lines for students who have only Node: a download that works on every system
 * (Node's own fetch; curl; PowerShell), the join with the downloaded file, and its SHA-256.
 */
export function downloadLines(t: { download: string; or: string; sha: string }, host: string, port: number, code: string, sha256: string): string[] {
  const url = `http://${host}:${port}${CLIENT_PATH}`;
  return [
    `  ${t.download}`,
    `    node -e "fetch('${url}').then(r=>r.arrayBuffer()).then(b=>require('fs').writeFileSync('raft-sheet.mjs',Buffer.from(b)))"`,
    `      ${t.or} curl -o raft-sheet.mjs ${url}`,
    `      ${t.or} (PowerShell) Invoke-WebRequest ${url} -OutFile raft-sheet.mjs`,
    `    node raft-sheet.mjs join ws://${host}:${port} --code ${code}`,
    `  ${t.sha} ${sha256}`,
  ];
}

/** The console in this process; the hub stops when the instructor quits or a signal comes. */
async function runWithConsole(running: Hub, hosts: string[], consoleKey: string, lang: Lang, ascii: boolean): Promise<number> {
  const { runConsole } = await import('../../client/console/run-console.js');
  let stopConsole: (() => void) | null = null;
  const onSignal = (signal: string) => {
    running.log('info', `${signal}: shutting down`);
    stopConsole?.();
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const s of signals) process.once(s, onSignal);
  await runConsole({
    url: `ws://${running.host === '0.0.0.0' || running.host === '::' ? '127.0.0.1' : running.host}:${running.port}/`,
    key: consoleKey,
    // The console shows one key line (`k`); the projector key rides along on it.
    banner: {
      code: running.code,
      join: hosts.map((h) => `raft-sheet join ws://${h}:${running.port} --code ${running.code}`),
      key: running.key && running.projectorKey ? `${running.key} · ${lang === 'ru' ? 'проектор' : 'projector'} ${running.projectorKey}` : running.key,
      ...(running.projectorKey ?? running.key ? { projector: projectorAddress(hosts[0] ?? '127.0.0.1', running.port, running.projectorKey ?? running.key) } : {}),
      dir: running.dir,
    },
    lang,
    ascii,
    color: !process.env.NO_COLOR,
    onStop: (stop) => (stopConsole = stop),
  });
  for (const s of signals) process.off(s, onSignal);
  try {
    await running.close();
  } catch {
    return 1;
  }
  process.stdout.write(`raft-sheet hub stopped. Resume with: raft-sheet hub --resume ${running.dir}${running.port !== 7070 ? ` --port ${running.port}` : ''}\n`);
  return 0;
}
