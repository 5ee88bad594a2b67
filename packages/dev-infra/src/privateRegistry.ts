/*
 * A schema registry of its own, without Kafka, for a test that needs registry
 * settings the shared infra does not have (a small subject list cap, say).
 * Apicurio keeps its store in memory: stopping it forgets everything.
 */
import path from 'path';
import { fetchRuntimes } from './fetch';
import { findFreePorts } from './ports';
import { chooseRegistryRuntime, findKafkaJava } from './prerequisites';
import { startWatchdog, terminate } from './processes';
import { startRegistry } from './registry';
import { runtimeVersions } from './versions';

export interface PrivateRegistryOptions {
  /** A directory of the caller's own; the registry's files go under it. */
  runDir: string;
  /** The most subjects `GET /subjects` lists (`apicurio.ccompat.max-subjects`). */
  maxSubjects?: number;
  readyTimeoutMs?: number;
}

export interface PrivateRegistry {
  /** Confluent-compatible API base, e.g. http://127.0.0.1:1234/apis/ccompat/v7 */
  url: string;
  /** Stops the registry (it is also stopped when the starting process dies). */
  stop(): Promise<void>;
}

/** Starts an Apicurio Registry on free loopback ports and waits until it answers. */
export async function startPrivateRegistry(
  options: PrivateRegistryOptions,
): Promise<PrivateRegistry> {
  const runtime = chooseRegistryRuntime(
    findKafkaJava(),
    runtimeVersions().apicurio,
  );
  const runtimes = await fetchRuntimes({ registryVersion: runtime.version });
  const [port, managementPort] = await findFreePorts(2);
  const started = await startRegistry({
    java: runtime.java.bin,
    jar: runtimes.registry.jar,
    version: runtimes.registry.version,
    runDir: path.resolve(options.runDir),
    port,
    managementPort,
    maxSubjects: options.maxSubjects,
    readyTimeoutMs: options.readyTimeoutMs,
    onSpawn: spawned => startWatchdog(process.pid, [spawned]),
  });
  return {
    url: started.url,
    stop: async () => {
      await terminate([started.process], 5_000);
    },
  };
}
