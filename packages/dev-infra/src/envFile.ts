/*
 * The connection file: JSON describing a running infra, so that other processes (test
 * workers, the demo backend, scripts) reuse one broker and registry. Default
 * `<cache>/../run/infra.json`, or MESHPORT_INFRA_FILE.
 */
import fs from 'fs';
import path from 'path';
import { defaultConnectionFile } from './paths';
import { isOurs, ProcessRecord } from './processes';

/** One node of a multi-broker cluster (broker and controller). */
export interface KafkaNode {
  nodeId: number;
  /** Its SASL_PLAINTEXT client address, `127.0.0.1:<port>`. */
  broker: string;
  port: number;
  controllerPort: number;
  pid: number;
  /** The name of its record in `processes` (`kafka-<id>`). */
  processName: string;
}

export interface KafkaConnection {
  /** Bootstrap servers, e.g. ["127.0.0.1:40123"] (SASL_PLAINTEXT). */
  brokers: string[];
  /** The admin (super user) credentials. */
  sasl: { mechanism: 'plain'; username: string; password: string };
  /** The other SASL/PLAIN users: username → password (admin not included). */
  users: Record<string, string>;
  /** Prometheus endpoint of the JMX exporter, when started with metrics. */
  metricsUrl?: string;
  clusterId: string;
  version: string;
  /**
   * The nodes of a multi-broker cluster (`brokers` lists all of them), to stop and start
   * one (stopBroker); absent for the single broker.
   */
  nodes?: KafkaNode[];
}

export interface RegistryConnection {
  /** Confluent-compatible API base (…/apis/ccompat/v7). */
  url: string;
  /** Apicurio's own API base (…/apis/registry/v3). */
  apiUrl: string;
  /** Readiness endpoint (GET → 200 when ready). */
  healthUrl: string;
  version: string;
}

export interface InfraConnection {
  kafka: KafkaConnection;
  registry: RegistryConnection;
  /** Where configs, data, logs and pids live. */
  runDir: string;
  processes: ProcessRecord[];
  startedAt: string;
}

export function infraConnectionFile(): string {
  return defaultConnectionFile();
}

/** Writes the connection file atomically; returns its path. */
export function writeInfraConnection(
  connection: InfraConnection,
  file = infraConnectionFile(),
): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(connection, null, 2)}\n`, {
    mode: 0o600,
  });
  fs.renameSync(tmp, file);
  return file;
}

/** The connection in the file, without checking that it is alive. */
export function readInfraConnectionFile(
  file = infraConnectionFile(),
): InfraConnection | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as InfraConnection;
    return parsed?.kafka?.brokers && parsed?.registry?.url ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** True while every process of the connection is running. */
export function isInfraAlive(connection: InfraConnection): boolean {
  return (
    Array.isArray(connection.processes) &&
    connection.processes.length > 0 &&
    connection.processes.every(isOurs)
  );
}

/**
 * The running infra described by the connection file, or undefined when there is no file
 * or its processes are gone.
 */
export function readInfraConnection(
  file = infraConnectionFile(),
): InfraConnection | undefined {
  const connection = readInfraConnectionFile(file);
  return connection && isInfraAlive(connection) ? connection : undefined;
}

/** Removes the connection file (only if it describes `runDir`, when given). */
export function removeInfraConnection(
  file = infraConnectionFile(),
  runDir?: string,
) {
  const connection = readInfraConnectionFile(file);
  if (
    runDir &&
    connection &&
    path.resolve(connection.runDir) !== path.resolve(runDir)
  ) {
    return;
  }
  fs.rmSync(file, { force: true });
}
