/*
 * Child JVMs: started detached with output to a log file, recorded by pid, stopped with
 * SIGTERM and then SIGKILL after a grace period. A pid is only signalled while its command
 * line still carries the run's marker, so a reused pid is never hit.
 */
import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';

/** A process the harness started, as recorded in the run dir. */
export interface ProcessRecord {
  name: string;
  pid: number;
  /** A string in the process' command line (the run dir marker). */
  marker: string;
  logFile: string;
}

export interface SpawnedProcess extends ProcessRecord {
  child: ChildProcess;
  /** Set once the process has exited (while this Node process watched it). */
  exit?: { code: number | null; signal: NodeJS.Signals | null };
}

export const DEFAULT_STOP_GRACE_MS = 15_000;

/** JVM system property that tags every process of one run. */
export function runMarker(runDir: string): string {
  return `-Dmeshport.infra.run=${runDir}`;
}

/** Starts `command args` in its own process group, stdout+stderr appended to logFile. */
export function spawnLogged(options: {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  logFile: string;
  marker: string;
  env?: NodeJS.ProcessEnv;
}): SpawnedProcess {
  const fd = fs.openSync(options.logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(options.command, options.args, {
      cwd: options.cwd,
      detached: true,
      stdio: ['ignore', fd, fd],
      env: options.env ?? process.env,
    });
  } finally {
    fs.closeSync(fd);
  }
  if (child.pid === undefined) {
    throw new Error(`Could not start ${options.name} (${options.command})`);
  }
  const spawned: SpawnedProcess = {
    name: options.name,
    pid: child.pid,
    marker: options.marker,
    logFile: options.logFile,
    child,
  };
  child.on('error', () => {
    spawned.exit ??= { code: null, signal: null };
  });
  child.on('exit', (code, signal) => {
    spawned.exit = { code, signal };
  });
  child.unref();
  return spawned;
}

function procState(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return undefined;
  }
}

/** True while the pid exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') {
      return false;
    }
  }
  return procState(pid) !== 'Z';
}

/** True while the pid is alive and still the process we started (checked via /proc). */
export function isOurs(record: Pick<ProcessRecord, 'pid' | 'marker'>): boolean {
  if (!isAlive(record.pid)) {
    return false;
  }
  try {
    const cmdline = fs.readFileSync(`/proc/${record.pid}/cmdline`, 'utf8');
    return cmdline.split('\0').includes(record.marker);
  } catch {
    return true; // no /proc (not Linux): trust the pid
  }
}

function sendSignal(pid: number, sig: NodeJS.Signals) {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Stops the processes: SIGTERM, wait up to graceMs, then SIGKILL and wait for them to go.
 * Returns the names of the processes that had to be killed.
 */
export async function terminate(
  records: Array<Pick<ProcessRecord, 'name' | 'pid' | 'marker'>>,
  graceMs = DEFAULT_STOP_GRACE_MS,
): Promise<string[]> {
  const live = records.filter(isOurs);
  live.forEach(r => sendSignal(r.pid, 'SIGTERM'));
  const deadline = Date.now() + graceMs;
  while (live.some(r => isAlive(r.pid)) && Date.now() < deadline) {
    await sleep(100);
  }
  const killed = live.filter(r => isAlive(r.pid));
  killed.forEach(r => sendSignal(r.pid, 'SIGKILL'));
  const killDeadline = Date.now() + 5_000;
  while (killed.some(r => isAlive(r.pid)) && Date.now() < killDeadline) {
    await sleep(50);
  }
  return killed.map(r => r.name);
}

/** Synchronous last resort (e.g. in a process 'exit' handler). */
export function killNow(records: Array<Pick<ProcessRecord, 'pid' | 'marker'>>) {
  records.filter(isOurs).forEach(r => sendSignal(r.pid, 'SIGKILL'));
}

/** The last `maxChars` characters of a log file, for error messages. */
export function tailFile(file: string, maxChars = 3000): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.length > maxChars ? `…${text.slice(-maxChars)}` : text;
  } catch {
    return '(no log)';
  }
}

// A tiny detached Node process: when the owner process disappears (crash, SIGKILL, a test
// runner killing its worker), it stops the JVMs, SIGTERM then SIGKILL. It exits on its own
// once they are gone.
const WATCHDOG_SCRIPT = `
const fs = require('fs');
const [owner, grace, marker, ...rest] = process.argv.slice(1);
const pids = rest.map(Number).filter(Boolean);
const exists = pid => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
const ours = pid => {
  if (!exists(pid)) return false;
  try {
    const stat = fs.readFileSync('/proc/' + pid + '/stat', 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return false;
    return fs.readFileSync('/proc/' + pid + '/cmdline', 'utf8').split('\\0').includes(marker);
  } catch (e) { return true; }
};
const kill = (pid, sig) => { try { process.kill(pid, sig); } catch (e) {} };
const tick = setInterval(() => {
  const live = pids.filter(ours);
  if (!live.length) process.exit(0);
  if (exists(Number(owner))) return;
  clearInterval(tick);
  live.forEach(pid => kill(pid, 'SIGTERM'));
  const deadline = Date.now() + Number(grace);
  setInterval(() => {
    const left = live.filter(ours);
    if (!left.length) process.exit(0);
    if (Date.now() > deadline) { left.forEach(pid => kill(pid, 'SIGKILL')); process.exit(0); }
  }, 200);
}, 1000);
`;

/** Stops `processes` when `ownerPid` dies. Fire and forget. */
export function startWatchdog(
  ownerPid: number,
  processes: Array<Pick<ProcessRecord, 'pid' | 'marker'>>,
  graceMs = DEFAULT_STOP_GRACE_MS,
) {
  const markers = new Set(processes.map(p => p.marker));
  if (markers.size !== 1) {
    throw new Error('startWatchdog: processes must share one run marker');
  }
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const child = spawn(
    process.execPath,
    [
      '-e',
      WATCHDOG_SCRIPT,
      String(ownerPid),
      String(graceMs),
      [...markers][0],
      ...processes.map(p => String(p.pid)),
    ],
    { detached: true, stdio: 'ignore', env },
  );
  child.on('error', () => {});
  child.unref();
}
