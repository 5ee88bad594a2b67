/*
 * A KRaft cluster of several nodes on loopback, for the multi-broker tests: every node is
 * broker AND controller (process.roles=broker,controller) and all of them vote in the
 * quorum. On a 2-core machine this is the cheapest shape that still survives a broker
 * being stopped: 3 JVMs instead of 4 (3 brokers + 1 controller, where stopping the lone
 * controller stops the cluster) or 6 (3 + 3); with 3 voters, stopping one node leaves a
 * majority of 2, so the cluster keeps electing leaders and accepting writes.
 *
 * Each node has its own dir `<runDir>/kafka-<id>` and the same SASL users, authorizer and
 * super users as the single broker; the replication factor of new and internal topics is
 * min(3, nodes), min.insync.replicas 2 at RF 3.
 */
import path from 'path';
import type { KafkaNode } from './envFile';
import {
  ADMIN_USER,
  KafkaStartOptions,
  newClusterId,
  prepareKafkaNode,
  QuorumVoter,
  spawnKafkaNode,
  waitForKafka,
} from './kafka';
import { LOOPBACK } from './ports';
import { SpawnedProcess, terminate } from './processes';

export interface KafkaClusterStartOptions
  extends Omit<
    KafkaStartOptions,
    | 'ports'
    | 'jmxAgentJar'
    | 'extraListeners'
    | 'extraProperties'
    | 'formatArgs'
    | 'systemProperties'
  > {
  /** Client and controller port of each node, node ids 1…n in order. */
  nodePorts: Array<{ client: number; controller: number }>;
}

export interface StartedKafkaCluster {
  processes: SpawnedProcess[];
  brokers: string[];
  nodes: KafkaNode[];
  clusterId: string;
}

/** The most copies a cluster of `nodes` brokers keeps of each partition by default. */
export function clusterReplicationFactor(nodes: number): number {
  return Math.min(3, nodes);
}

/** Default heap of a cluster node: three of them share the machine. */
const NODE_HEAP = '384m';

export function kafkaNodeName(nodeId: number): string {
  return `kafka-${nodeId}`;
}

/** Formats and starts every node, then waits until all brokers have registered. */
export async function startKafkaCluster(
  options: KafkaClusterStartOptions,
): Promise<StartedKafkaCluster> {
  const count = options.nodePorts.length;
  if (count < 2) {
    throw new Error('A cluster needs at least 2 nodes; use startKafka for one');
  }
  const voters: QuorumVoter[] = options.nodePorts.map((ports, i) => ({
    nodeId: i + 1,
    controllerPort: ports.controller,
  }));
  const clusterId = newClusterId();
  const replicationFactor = clusterReplicationFactor(count);
  const prepared = [];
  // One at a time: each format is a JVM start, and the cores are few.
  for (const voter of voters) {
    prepared.push(
      await prepareKafkaNode({
        ...options,
        ports: options.nodePorts[voter.nodeId - 1],
        dir: path.join(options.runDir, kafkaNodeName(voter.nodeId)),
        clusterId,
        cluster: { nodeId: voter.nodeId, voters, replicationFactor },
      }),
    );
  }
  const spawned = prepared.map((node, i) =>
    spawnKafkaNode(node, {
      ...options,
      maxHeap: options.maxHeap ?? NODE_HEAP,
      ports: options.nodePorts[i],
      name: kafkaNodeName(i + 1),
    }),
  );
  const processes = spawned.map(s => s.process);
  const brokers = options.nodePorts.map(p => `${LOOPBACK}:${p.client}`);
  try {
    await waitForKafka({
      brokers,
      username: ADMIN_USER,
      password: options.users[ADMIN_USER],
      timeoutMs: options.readyTimeoutMs ?? 180_000,
      processes,
      expectedBrokers: count,
      logFiles: spawned.flatMap(s => s.logFiles),
    });
  } catch (e) {
    await terminate(processes, 5_000);
    throw e;
  }
  return {
    processes,
    brokers,
    clusterId,
    nodes: voters.map((voter, i) => ({
      nodeId: voter.nodeId,
      broker: brokers[i],
      port: options.nodePorts[i].client,
      controllerPort: voter.controllerPort,
      pid: processes[i].pid,
      processName: processes[i].name,
    })),
  };
}
