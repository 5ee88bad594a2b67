/*
 * Stopping and starting again the broker of a running infra (or one node of a multi-broker
 * cluster), for fault tests. The broker comes back with the same data dir, ports, users,
 * topics and ACLs, so clients reconnect to the same cluster. It is started again with exactly the command line it ran with (read
 * from /proc: Linux only, like the rest of the harness's process checks).
 */
import fs from 'fs';
import path from 'path';
import type { InfraConnection } from './envFile';
import { ADMIN_USER, waitForKafka } from './kafka';
import {
  isAlive,
  isOurs,
  ProcessRecord,
  spawnLogged,
  startWatchdog,
  terminate,
} from './processes';

export interface StopKafkaOptions {
  /** SIGKILL at once, as a crash would; default false: SIGTERM, a clean shutdown. */
  kill?: boolean;
  /** With SIGTERM, how long to wait before SIGKILL; default 15 s. */
  graceMs?: number;
}

export interface RestartKafkaOptions {
  /** Leave the broker running when this process exits; default false (as startInfra). */
  keepAlive?: boolean;
  /** Readiness timeout; default 120 s. */
  readyTimeoutMs?: number;
}

export interface StoppedKafka {
  /** The broker's process as it was recorded before it was stopped. */
  stopped: ProcessRecord;
  /**
   * Starts the broker again and waits until it answers; records its new pid in the run
   * dir (pids.json and connection.json, so stopInfra and stop() still find it) and
   * returns the connection with the new process.
   */
  restart(options?: RestartKafkaOptions): Promise<InfraConnection>;
}

const PIDS_FILE = 'pids.json';
const CONNECTION_FILE = 'connection.json';

/** Stops the infra's Kafka broker, leaving the registry and the broker's data alone. */
export async function stopKafka(
  infra: InfraConnection,
  options: StopKafkaOptions = {},
): Promise<StoppedKafka> {
  return stopRecorded(
    infra,
    infra.processes.find(p => p.name === 'kafka'),
    infra.kafka.brokers,
    options,
  );
}

/**
 * Stops one node of a multi-broker cluster (started with `brokers` > 1), leaving the
 * others, the registry and its data alone. restart() waits until the node answers and
 * the cluster lists every broker again.
 */
export async function stopBroker(
  infra: InfraConnection,
  nodeId: number,
  options: StopKafkaOptions = {},
): Promise<StoppedKafka> {
  const node = infra.kafka.nodes?.find(n => n.nodeId === nodeId);
  if (!node) {
    throw new Error(
      `Node ${nodeId} is not a node of the cluster in ${infra.runDir} (nodes: ${
        infra.kafka.nodes?.map(n => n.nodeId).join(', ') ||
        'none: a single broker, use stopKafka'
      })`,
    );
  }
  return stopRecorded(
    infra,
    infra.processes.find(p => p.name === node.processName),
    [node.broker],
    options,
  );
}

async function stopRecorded(
  infra: InfraConnection,
  record: ProcessRecord | undefined,
  readinessBrokers: string[],
  options: StopKafkaOptions,
): Promise<StoppedKafka> {
  const label =
    record?.name === 'kafka' || !record
      ? 'Kafka broker'
      : `Kafka node ${record.name}`;
  if (!record || !isOurs(record)) {
    throw new Error(
      `The ${label} of ${infra.runDir} is not running (pid ${
        record?.pid ?? 'unknown'
      }); start the infra first.`,
    );
  }
  const commandLine = fs
    .readFileSync(`/proc/${record.pid}/cmdline`, 'utf8')
    .split('\0')
    .filter(Boolean);
  const cwd = fs.readlinkSync(`/proc/${record.pid}/cwd`);

  if (options.kill) {
    process.kill(record.pid, 'SIGKILL');
    const deadline = Date.now() + 10_000;
    while (isAlive(record.pid) && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  } else {
    await terminate([record], options.graceMs);
  }
  if (isAlive(record.pid)) {
    throw new Error(`${label} (pid ${record.pid}) did not stop`);
  }

  return {
    stopped: record,
    async restart(restartOptions = {}) {
      const [command, ...args] = commandLine;
      const spawned = spawnLogged({
        name: record.name,
        command,
        args,
        cwd,
        logFile: record.logFile,
        marker: record.marker,
      });
      const next: ProcessRecord = {
        name: spawned.name,
        pid: spawned.pid,
        marker: spawned.marker,
        logFile: spawned.logFile,
      };
      replaceRecord(path.join(infra.runDir, PIDS_FILE), record.pid, next);
      const connection: InfraConnection = {
        ...infra,
        kafka: {
          ...infra.kafka,
          ...(infra.kafka.nodes
            ? {
                nodes: infra.kafka.nodes.map(n =>
                  n.processName === record.name ? { ...n, pid: next.pid } : n,
                ),
              }
            : {}),
        },
        processes: infra.processes.map(p => (p.pid === record.pid ? next : p)),
      };
      const connectionFile = path.join(infra.runDir, CONNECTION_FILE);
      if (fs.existsSync(connectionFile)) {
        fs.writeFileSync(
          connectionFile,
          `${JSON.stringify(connection, null, 2)}\n`,
          { mode: 0o600 },
        );
      }
      if (!restartOptions.keepAlive) {
        startWatchdog(process.pid, [spawned]);
      }
      await waitForKafka({
        brokers: readinessBrokers,
        expectedBrokers: infra.kafka.nodes?.length ?? 1,
        username: ADMIN_USER,
        password: infra.kafka.sasl.password,
        timeoutMs: restartOptions.readyTimeoutMs ?? 120_000,
        process: spawned,
        logFiles: [record.logFile],
      });
      return connection;
    },
  };
}

function replaceRecord(file: string, oldPid: number, next: ProcessRecord) {
  let records: ProcessRecord[] = [];
  try {
    records = JSON.parse(fs.readFileSync(file, 'utf8')) as ProcessRecord[];
  } catch {
    // No record yet: the new one is all there is.
  }
  const updated = [...records.filter(r => r.pid !== oldPid), next];
  fs.writeFileSync(file, `${JSON.stringify(updated, null, 2)}\n`);
}
