/*
 * Apicurio Registry (in-memory storage) on loopback. Its Confluent-compatible API is at
 * /apis/ccompat/v7 and its own API at /apis/registry/v3. Deletes through the v3 API are
 * switched on (apicurio.rest.deletion.*.enabled); ccompat deletes work either way.
 * Readiness is GET /health/ready, which 3.1+ serves on the Quarkus management port and
 * 3.0.x on the main port: both are polled.
 */
import fs from 'fs';
import path from 'path';
import { LOOPBACK } from './ports';
import {
  runMarker,
  spawnLogged,
  SpawnedProcess,
  tailFile,
  terminate,
} from './processes';

export interface RegistryStartOptions {
  java: string;
  /** `quarkus-run.jar` or `*-runner.jar` of the unpacked registry. */
  jar: string;
  version: string;
  runDir: string;
  port: number;
  managementPort: number;
  /** JVM heap cap, default 384m. */
  maxHeap?: string;
  /**
   * The most subjects the Confluent API lists (`apicurio.ccompat.max-subjects`);
   * default 1,000,000 (Apicurio's own default is 1,000).
   */
  maxSubjects?: number;
  /** JVM system properties, `name=value`, e.g. Quarkus' HTTPS settings. */
  systemProperties?: string[];
  /**
   * Whether the API answers, checked once /health/ready does; default: GET
   * `<url>/subjects` over plain HTTP answers 200 (an HTTPS-only registry needs its own).
   */
  apiReady?: () => Promise<boolean>;
  readyTimeoutMs?: number;
  /** Called as soon as the JVM is spawned (to record its pid). */
  onSpawn?: (process: SpawnedProcess) => void;
}

export interface StartedRegistry {
  process: SpawnedProcess;
  /** Confluent-compatible API base, e.g. http://127.0.0.1:1234/apis/ccompat/v7 */
  url: string;
  /** Apicurio's own v3 API base. */
  apiUrl: string;
  healthUrl: string;
  version: string;
  dir: string;
}

export function registryUrls(port: number) {
  const base = `http://${LOOPBACK}:${port}`;
  return {
    base,
    url: `${base}/apis/ccompat/v7`,
    apiUrl: `${base}/apis/registry/v3`,
  };
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function status(url: string): Promise<number | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return undefined;
  }
}

/** Polls /health/ready on both ports; returns the URL that answered 200. */
export async function waitForRegistry(options: {
  port: number;
  managementPort: number;
  timeoutMs: number;
  process?: SpawnedProcess;
  logFile?: string;
  apiReady?: () => Promise<boolean>;
}): Promise<string> {
  const candidates = [
    `http://${LOOPBACK}:${options.managementPort}/health/ready`,
    `http://${LOOPBACK}:${options.port}/health/ready`,
  ];
  const { url } = registryUrls(options.port);
  const apiReady =
    options.apiReady ?? (async () => (await status(`${url}/subjects`)) === 200);
  const deadline = Date.now() + options.timeoutMs;
  const failure = (why: string) =>
    new Error(
      options.logFile
        ? `${why}\n--- ${options.logFile}\n${tailFile(options.logFile)}`
        : why,
    );
  while (Date.now() < deadline) {
    const exit = options.process?.exit;
    if (exit) {
      throw failure(
        `The schema registry exited during start-up (code ${exit.code}, signal ${exit.signal})`,
      );
    }
    for (const health of candidates) {
      if ((await status(health)) === 200 && (await apiReady())) {
        return health;
      }
    }
    await sleep(250);
  }
  throw failure(
    `The schema registry was not ready within ${options.timeoutMs} ms`,
  );
}

export async function startRegistry(
  options: RegistryStartOptions,
): Promise<StartedRegistry> {
  const dir = path.join(options.runDir, 'registry');
  const tmpDir = path.join(dir, 'tmp');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(tmpDir, { recursive: true });
  const logFile = path.join(dir, 'registry.log');
  const args = [
    '-Xms64m',
    `-Xmx${options.maxHeap ?? '384m'}`,
    '-XX:+UseSerialGC',
    '-XX:+ExitOnOutOfMemoryError',
    '-Djava.awt.headless=true',
    runMarker(options.runDir),
    `-Djava.io.tmpdir=${tmpDir}`,
    `-Dquarkus.http.host=${LOOPBACK}`,
    `-Dquarkus.http.port=${options.port}`,
    `-Dquarkus.management.host=${LOOPBACK}`,
    `-Dquarkus.management.port=${options.managementPort}`,
    '-Dquarkus.http.access-log.enabled=false',
    '-Dapicurio.rest.deletion.group.enabled=true',
    '-Dapicurio.rest.deletion.artifact.enabled=true',
    '-Dapicurio.rest.deletion.artifact-version.enabled=true',
    // The Confluent API lists at most 1,000 subjects by default: a mesh of 1,000
    // data products has more. The reconcile reads the list once per cycle and
    // reads an unlisted subject on its own, so a higher cap saves those reads.
    `-Dapicurio.ccompat.max-subjects=${options.maxSubjects ?? 1_000_000}`,
    // Small connection pool for the in-memory H2 store (the default keeps 20 open).
    '-Dapicurio.datasource.jdbc.initial-size=2',
    '-Dapicurio.datasource.jdbc.min-size=2',
    `-Dapicurio.storage.snapshot.location=${tmpDir}`,
    `-Dapicurio.import.work-dir=${tmpDir}`,
    ...(options.systemProperties ?? []).map(property => `-D${property}`),
    '-jar',
    options.jar,
  ];
  const proc = spawnLogged({
    name: 'registry',
    command: options.java,
    args,
    cwd: dir,
    logFile,
    marker: runMarker(options.runDir),
  });
  options.onSpawn?.(proc);
  let healthUrl: string;
  try {
    healthUrl = await waitForRegistry({
      port: options.port,
      managementPort: options.managementPort,
      timeoutMs: options.readyTimeoutMs ?? 120_000,
      process: proc,
      logFile,
      apiReady: options.apiReady,
    });
  } catch (e) {
    await terminate([proc], 5_000);
    throw e;
  }
  const { url, apiUrl } = registryUrls(options.port);
  return {
    process: proc,
    url,
    apiUrl,
    healthUrl,
    version: options.version,
    dir,
  };
}
