/*
 * meshport-infra: fetch | start | stop | status for the local Kafka + schema registry.
 * Connection JSON goes to stdout (and the connection file); progress goes to stderr.
 */
import {
  infraConnectionFile,
  isInfraAlive,
  readInfraConnection,
  readInfraConnectionFile,
  removeInfraConnection,
  writeInfraConnection,
} from './envFile';
import { cacheDir, defaultRunDir } from './paths';
import { fetchRuntimes } from './fetch';
import { validateUserName } from './kafka';
import {
  recordedProcesses,
  runningInfraIn,
  startInfra,
  stopInfra,
} from './infra';
import {
  chooseRegistryRuntime,
  checkMaven,
  findKafkaJava,
} from './prerequisites';
import { isOurs } from './processes';
import { runtimeVersions } from './versions';

const USAGE = `Usage: meshport-infra <command> [options]

Local Kafka (KRaft, SASL/PLAIN, ACLs enforced) and Apicurio schema registry for Meshport.

Commands:
  fetch                    Fetch the runtimes from Maven Central into the cache (once).
  start [--users a,b] [--metrics] [--brokers N] [--kafka-heap SIZE] [--foreground] [--run-dir DIR]
                           Start both, print the connection JSON and write the connection
                           file. With --foreground, stay attached and stop on Ctrl-C/SIGTERM.
                           --brokers 3: a KRaft cluster of 3 nodes (broker + controller
                           each), replication factor 3, min.insync.replicas 2; the JSON
                           lists each node's id, port and pid (kafka.nodes). 1 to 5, default 1.
                           --kafka-heap 3g: each Kafka JVM's -Xmx (default 512m), for a
                           private broker holding tens of thousands of partitions.
  stop [--run-dir DIR]     Stop what the run dir records (SIGTERM, SIGKILL after 15 s).
  status [--run-dir DIR]   Print the connection JSON; exit 1 when not running.

Environment:
  MESHPORT_INFRA_CACHE     cache dir (default <repo>/.cache/dev-infra)
  MESHPORT_INFRA_RUN_DIR   run dir (default <cache>/../run)
  MESHPORT_INFRA_FILE      connection file (default <cache>/../run/infra.json)
  MESHPORT_INFRA_JAVA      java for Kafka (default $JAVA_HOME/bin/java, else java)
  MESHPORT_REGISTRY_JAVA   java 21+ for Apicurio 3.3 (default: searched; else Apicurio 3.0.9)
`;

interface Args {
  command?: string;
  users: string[];
  metrics: boolean;
  brokers?: number;
  kafkaHeap?: string;
  foreground: boolean;
  runDir?: string;
  help: boolean;
}

export function parseArgs(argv: string[]): Args {
  const args: Args = {
    users: [],
    metrics: false,
    foreground: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const inline = arg.includes('=')
        ? arg.slice(arg.indexOf('=') + 1)
        : undefined;
      if (inline !== undefined) {
        return inline;
      }
      const next = argv[++i];
      if (next === undefined) {
        throw new Error(`${arg} needs a value`);
      }
      return next;
    };
    if (arg === '--users' || arg.startsWith('--users=')) {
      args.users.push(
        ...value()
          .split(',')
          .map(u => u.trim())
          .filter(Boolean),
      );
    } else if (arg === '--run-dir' || arg.startsWith('--run-dir=')) {
      args.runDir = value();
    } else if (arg === '--brokers' || arg.startsWith('--brokers=')) {
      const raw = value();
      const brokers = Number(raw);
      if (!/^\d+$/.test(raw) || brokers < 1 || brokers > 5) {
        throw new Error(
          `--brokers takes a whole number from 1 to 5, not ${JSON.stringify(
            raw,
          )}`,
        );
      }
      args.brokers = brokers;
    } else if (arg === '--kafka-heap' || arg.startsWith('--kafka-heap=')) {
      const heap = value();
      if (!/^[1-9]\d*[mg]$/i.test(heap)) {
        throw new Error(
          `--kafka-heap takes a JVM size such as 512m or 3g, not ${JSON.stringify(
            heap,
          )}`,
        );
      }
      args.kafkaHeap = heap;
    } else if (arg === '--metrics') {
      args.metrics = true;
    } else if (arg === '--foreground' || arg === '-f') {
      args.foreground = true;
    } else if (arg === '--help' || arg === '-h') {
      args.help = true;
    } else if (!arg.startsWith('-') && !args.command) {
      args.command = arg;
    } else {
      throw new Error(`Unknown argument ${arg}`);
    }
  }
  return args;
}

const log = (message: string) =>
  process.stderr.write(`[meshport-infra] ${message}\n`);
const print = (value: unknown) =>
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

async function fetchCommand() {
  checkMaven();
  const java = findKafkaJava();
  const registry = chooseRegistryRuntime(java, runtimeVersions().apicurio);
  if (registry.note) {
    log(registry.note);
  }
  print(await fetchRuntimes({ registryVersion: registry.version, log }));
  return 0;
}

async function startCommand(args: Args) {
  args.users.forEach(validateUserName);
  const runDir = args.runDir ?? defaultRunDir();
  const file = infraConnectionFile();
  const existing = runningInfraIn(runDir);
  if (existing) {
    const missing = args.users.filter(
      u => u !== 'admin' && !(u in existing.kafka.users),
    );
    const runningBrokers = existing.kafka.nodes?.length ?? 1;
    if (args.brokers !== undefined && args.brokers !== runningBrokers) {
      log(
        `Already running from ${runDir} with ${runningBrokers} broker(s), not ${args.brokers}: ` +
          'run `meshport-infra stop` first.',
      );
      return 1;
    }
    if (missing.length || (args.metrics && !existing.kafka.metricsUrl)) {
      log(
        `Already running from ${runDir} without ${
          missing.length ? `users ${missing.join(', ')}` : 'metrics'
        }: run \`meshport-infra stop\` first.`,
      );
      return 1;
    }
    log(`Already running from ${runDir}`);
    writeInfraConnection(existing, file);
    print(existing);
    return 0;
  }
  const infra = await startInfra({
    users: args.users,
    metrics: args.metrics,
    brokers: args.brokers,
    kafkaHeap: args.kafkaHeap,
    runDir,
    keepAlive: !args.foreground,
    log,
  });
  const { stop, ...connection } = infra;
  writeInfraConnection(connection, file);
  log(`Connection file: ${file}`);
  print(connection);
  if (!args.foreground) {
    return 0;
  }

  log('Running in the foreground: Ctrl-C stops Kafka and the registry.');
  return new Promise<number>(resolve => {
    let stopping = false;
    const timers: { watch?: NodeJS.Timeout } = {};
    const shutdown = async (why: string, code: number) => {
      if (stopping) {
        return;
      }
      stopping = true;
      clearInterval(timers.watch);
      log(`${why}: stopping …`);
      await stop();
      removeInfraConnection(file, runDir);
      log('Stopped.');
      resolve(code);
    };
    process.once('SIGINT', () => shutdown('SIGINT', 0));
    process.once('SIGTERM', () => shutdown('SIGTERM', 0));
    timers.watch = setInterval(() => {
      const dead = connection.processes.filter(p => !isOurs(p));
      if (dead.length) {
        shutdown(
          `${dead
            .map(p => p.name)
            .join(' and ')} exited unexpectedly (see ${dead
            .map(p => p.logFile)
            .join(', ')})`,
          1,
        );
      }
    }, 2000);
  });
}

async function stopCommand(args: Args) {
  const file = infraConnectionFile();
  const fromFile = readInfraConnectionFile(file);
  const runDir = args.runDir ?? fromFile?.runDir ?? defaultRunDir();
  const { stopped, killed } = await stopInfra(runDir);
  removeInfraConnection(file, runDir);
  if (stopped.length) {
    log(
      `Stopped ${stopped.join(' and ')}${
        killed.length ? ` (killed after timeout: ${killed.join(', ')})` : ''
      }`,
    );
  } else {
    log(`Nothing running from ${runDir}`);
  }
  return 0;
}

async function statusCommand(args: Args) {
  const connection = args.runDir
    ? runningInfraIn(args.runDir)
    : readInfraConnection();
  if (connection) {
    print(connection);
    return 0;
  }
  const runDir = args.runDir ?? defaultRunDir();
  const stale = readInfraConnectionFile();
  const leftovers = recordedProcesses(runDir).filter(isOurs);
  const notes = [`cache ${cacheDir()}`, `run dir ${runDir}`];
  if (stale && !isInfraAlive(stale)) {
    notes.push(`stale connection file ${infraConnectionFile()}`);
  }
  if (leftovers.length) {
    notes.push(
      `partly running: ${leftovers
        .map(p => `${p.name} pid ${p.pid}`)
        .join(', ')} (run stop)`,
    );
  }
  log(`Not running (${notes.join('; ')})`);
  return 1;
}

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.help || !args.command) {
    process.stdout.write(USAGE);
    return args.help ? 0 : 2;
  }
  switch (args.command) {
    case 'fetch':
      return fetchCommand();
    case 'start':
      return startCommand(args);
    case 'stop':
      return stopCommand(args);
    case 'status':
      return statusCommand(args);
    default:
      throw new Error(`Unknown command ${args.command}\n\n${USAGE}`);
  }
}

/** Entry point of bin/meshport-infra: runs main() and exits with its code. */
export function runCli(argv = process.argv.slice(2)) {
  main(argv).then(
    code => process.exit(code),
    error => {
      log(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}

if (require.main === module) {
  runCli();
}
