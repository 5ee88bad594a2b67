/*
 * startInfra(): checks prerequisites, fetches the runtimes once, starts Kafka and the schema
 * registry on free loopback ports, and returns their connection details and stop().
 *
 * Run dir state: `pids.json` (every JVM as soon as it is spawned, for `stop`) and
 * `connection.json` (the InfraConnection, once ready). Unless `keepAlive` is set, the JVMs
 * are tied to the calling process: a watchdog stops them if it dies without calling stop().
 */
import fs from 'fs';
import path from 'path';
import {
  InfraConnection,
  isInfraAlive,
  KafkaNode,
  readInfraConnection,
} from './envFile';
import { fetchRuntimes } from './fetch';
import {
  ADMIN_USER,
  passwordFor,
  startKafka,
  StartedKafka,
  validateUserName,
} from './kafka';
import { startKafkaCluster } from './kafkaCluster';
import { defaultRunDir } from './paths';
import { findFreePorts } from './ports';
import { chooseRegistryRuntime, findKafkaJava } from './prerequisites';
import {
  DEFAULT_STOP_GRACE_MS,
  isOurs,
  killNow,
  ProcessRecord,
  SpawnedProcess,
  startWatchdog,
  terminate,
} from './processes';
import { startRegistry, StartedRegistry } from './registry';
import { runtimeVersions } from './versions';

export interface StartInfraOptions {
  /** SASL users (e.g. app-ids) to create besides `admin`; password `<name>-secret`. */
  users?: string[];
  /** Start the Prometheus JMX exporter on the broker (per-topic byte counts). */
  metrics?: boolean;
  /**
   * Kafka nodes, default 1. More than one starts a KRaft cluster (every node broker and
   * controller, all voters; see kafkaCluster.ts) with replication factor min(3, brokers);
   * the connection lists every node (`kafka.nodes`) for stopBroker. Up to 5; no metrics.
   */
  brokers?: number;
  /** Where configs, data, logs and pids go; default `<cache>/../run`. */
  runDir?: string;
  /**
   * Leave the JVMs running when this process exits (the CLI's background `start`).
   * Default false: a watchdog stops them when this process dies without stop().
   */
  keepAlive?: boolean;
  /** Heap caps; defaults 512m (Kafka) and 384m (registry). */
  kafkaHeap?: string;
  registryHeap?: string;
  /** Per-service readiness timeout, default 120 s. */
  readyTimeoutMs?: number;
  /** Progress messages (default: silent). */
  log?: (message: string) => void;
}

export interface RunningInfra extends InfraConnection {
  /** True when this is an infra started by another process (stop() then does nothing). */
  reused?: boolean;
  /** SIGTERM both JVMs, SIGKILL after 15 s. Idempotent. */
  stop(): Promise<void>;
}

const PIDS_FILE = 'pids.json';
const CONNECTION_FILE = 'connection.json';

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Processes recorded in a run dir (possibly dead). */
export function recordedProcesses(runDir = defaultRunDir()): ProcessRecord[] {
  return readJson<ProcessRecord[]>(path.join(runDir, PIDS_FILE)) ?? [];
}

/** The infra running in a run dir, if all its processes are alive. */
export function runningInfraIn(
  runDir = defaultRunDir(),
): InfraConnection | undefined {
  const connection = readJson<InfraConnection>(
    path.join(runDir, CONNECTION_FILE),
  );
  return connection && isInfraAlive(connection) ? connection : undefined;
}

/**
 * Stops whatever the run dir records (SIGTERM, then SIGKILL after graceMs) and clears its
 * state. Returns the names of the processes that were running.
 */
export async function stopInfra(
  runDir = defaultRunDir(),
  graceMs = DEFAULT_STOP_GRACE_MS,
): Promise<{ stopped: string[]; killed: string[] }> {
  const records = recordedProcesses(runDir);
  const stopped = records.filter(isOurs).map(r => r.name);
  const killed = await terminate(records, graceMs);
  fs.rmSync(path.join(runDir, PIDS_FILE), { force: true });
  fs.rmSync(path.join(runDir, CONNECTION_FILE), { force: true });
  return { stopped, killed };
}

/** The Kafka JVMs: one broker, or every node of a cluster. */
type StartedKafkaNodes = Pick<
  StartedKafka,
  'brokers' | 'clusterId' | 'metricsUrl'
> & { processes: SpawnedProcess[]; nodes?: KafkaNode[] };

const MAX_BROKERS = 5;

function validBrokerCount(brokers: number, metrics?: boolean): number {
  if (!Number.isInteger(brokers) || brokers < 1 || brokers > MAX_BROKERS) {
    throw new Error(
      `brokers must be a whole number from 1 to ${MAX_BROKERS}, not ${brokers}`,
    );
  }
  if (brokers > 1 && metrics) {
    throw new Error(
      'metrics are only available with one broker (the exporter runs in its JVM); ' +
        'start without --metrics or with --brokers 1',
    );
  }
  return brokers;
}

function userMap(users: string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const user of users.map(u => u.trim()).filter(Boolean)) {
    validateUserName(user);
    if (user !== ADMIN_USER) {
      map[user] = passwordFor(user);
    }
  }
  return map;
}

export async function startInfra(
  options: StartInfraOptions = {},
): Promise<RunningInfra> {
  const log = options.log ?? (() => {});
  const runDir = path.resolve(options.runDir ?? defaultRunDir());
  const users = userMap(options.users ?? []);
  const brokerCount = validBrokerCount(options.brokers ?? 1, options.metrics);

  // 1. Prerequisites and runtimes.
  const kafkaJava = findKafkaJava();
  const registryRuntime = chooseRegistryRuntime(
    kafkaJava,
    runtimeVersions().apicurio,
  );
  if (registryRuntime.note) {
    log(registryRuntime.note);
  }
  const runtimes = await fetchRuntimes({
    registryVersion: registryRuntime.version,
    log,
  });

  // 2. Run dir: refuse to start twice, clear leftovers of a dead run.
  fs.mkdirSync(runDir, { recursive: true });
  const leftovers = recordedProcesses(runDir);
  if (leftovers.length && leftovers.every(isOurs)) {
    throw new Error(
      `Kafka and the registry are already running from ${runDir} ` +
        `(pids ${leftovers
          .map(p => p.pid)
          .join(', ')}); stop them first (meshport-infra stop).`,
    );
  }
  await stopInfra(runDir, 5_000);

  // 3. Start both, recording each JVM as soon as it exists.
  const spawned: SpawnedProcess[] = [];
  const record = (p: SpawnedProcess) => {
    spawned.push(p);
    const records: ProcessRecord[] = spawned.map(
      ({ name, pid, marker, logFile }) => ({
        name,
        pid,
        marker,
        logFile,
      }),
    );
    fs.writeFileSync(
      path.join(runDir, PIDS_FILE),
      `${JSON.stringify(records, null, 2)}\n`,
    );
    if (!options.keepAlive) {
      startWatchdog(process.pid, [p]);
    }
  };
  const exitHook = () => killNow(spawned);
  if (!options.keepAlive) {
    process.on('exit', exitHook);
  }

  const [
    clientPort,
    controllerPort,
    registryPort,
    managementPort,
    ...morePorts
  ] = await findFreePorts(
    4 + (options.metrics ? 1 : 0) + 2 * (brokerCount - 1),
  );
  const adminPassword = passwordFor(ADMIN_USER);
  const kafkaUsers = { [ADMIN_USER]: adminPassword, ...users };
  const started = Date.now();
  log(
    `Starting Kafka ${runtimes.kafka.version} (Java ${kafkaJava.version}${
      brokerCount > 1 ? `, ${brokerCount} brokers` : ''
    }) and Apicurio Registry ` +
      `${runtimes.registry.version} (Java ${registryRuntime.java.version}) in ${runDir} …`,
  );
  const kafkaStart: Promise<StartedKafkaNodes> =
    brokerCount > 1
      ? startKafkaCluster({
          java: kafkaJava.bin,
          libDir: runtimes.kafka.libDir,
          runDir,
          nodePorts: [
            { client: clientPort, controller: controllerPort },
            ...Array.from({ length: brokerCount - 1 }, (_, i) => ({
              client: morePorts[2 * i],
              controller: morePorts[2 * i + 1],
            })),
          ],
          users: kafkaUsers,
          maxHeap: options.kafkaHeap,
          readyTimeoutMs: options.readyTimeoutMs,
          onSpawn: record,
        })
      : startKafka({
          java: kafkaJava.bin,
          libDir: runtimes.kafka.libDir,
          runDir,
          ports: {
            client: clientPort,
            controller: controllerPort,
            metrics: morePorts[0],
          },
          users: kafkaUsers,
          jmxAgentJar: options.metrics
            ? runtimes.jmxExporter.agentJar
            : undefined,
          maxHeap: options.kafkaHeap,
          readyTimeoutMs: options.readyTimeoutMs,
          onSpawn: record,
        }).then(single => ({ ...single, processes: [single.process] }));
  const [kafkaResult, registryResult] = await Promise.allSettled([
    kafkaStart,
    startRegistry({
      java: registryRuntime.java.bin,
      jar: runtimes.registry.jar,
      version: runtimes.registry.version,
      runDir,
      port: registryPort,
      managementPort,
      maxHeap: options.registryHeap,
      readyTimeoutMs: options.readyTimeoutMs,
      onSpawn: record,
    }),
  ]);
  if (
    kafkaResult.status === 'rejected' ||
    registryResult.status === 'rejected'
  ) {
    await stopInfra(runDir, 5_000);
    process.off('exit', exitHook);
    const reasons = [kafkaResult, registryResult]
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map(r =>
        r.reason instanceof Error ? r.reason.message : String(r.reason),
      );
    throw new Error(
      `Could not start the local infra:\n${reasons.join('\n\n')}`,
    );
  }
  const kafka = kafkaResult.value;
  const registry: StartedRegistry = registryResult.value;
  log(
    `Kafka and the registry are ready after ${(
      (Date.now() - started) /
      1000
    ).toFixed(1)} s`,
  );

  const connection: InfraConnection = {
    kafka: {
      brokers: kafka.brokers,
      sasl: {
        mechanism: 'plain',
        username: ADMIN_USER,
        password: adminPassword,
      },
      users,
      ...(kafka.metricsUrl ? { metricsUrl: kafka.metricsUrl } : {}),
      clusterId: kafka.clusterId,
      version: runtimes.kafka.version,
      ...(kafka.nodes ? { nodes: kafka.nodes } : {}),
    },
    registry: {
      url: registry.url,
      apiUrl: registry.apiUrl,
      healthUrl: registry.healthUrl,
      version: registry.version,
    },
    runDir,
    processes: [...kafka.processes, registry.process].map(
      ({ name, pid, marker, logFile }) => ({
        name,
        pid,
        marker,
        logFile,
      }),
    ),
    startedAt: new Date().toISOString(),
  };
  fs.writeFileSync(
    path.join(runDir, CONNECTION_FILE),
    `${JSON.stringify(connection, null, 2)}\n`,
    { mode: 0o600 },
  );

  let stopping: Promise<void> | undefined;
  return {
    ...connection,
    stop() {
      stopping ??= stopInfra(runDir).then(() => {
        process.off('exit', exitHook);
      });
      return stopping;
    },
  };
}

/**
 * Reuses the infra described by the connection file (MESHPORT_INFRA_FILE) when it is alive
 * and has the requested users (and metrics, if asked); otherwise starts one. stop() on a
 * reused infra does nothing: its owner stops it.
 */
export async function startOrReuseInfra(
  options: StartInfraOptions = {},
): Promise<RunningInfra> {
  const existing = readInfraConnection();
  if (
    existing &&
    (options.users ?? []).every(
      u => u === ADMIN_USER || u in existing.kafka.users,
    ) &&
    (!options.metrics || existing.kafka.metricsUrl) &&
    (options.brokers ?? 1) <= (existing.kafka.nodes?.length ?? 1)
  ) {
    return { ...existing, reused: true, stop: async () => {} };
  }
  return startInfra(options);
}
