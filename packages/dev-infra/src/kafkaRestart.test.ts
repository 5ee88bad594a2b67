/*
 * stopBroker's refusals, without a broker: a single-broker infra, a node id the cluster
 * does not have, a node whose process is gone.
 */
import type { InfraConnection } from './envFile';
import { stopBroker } from './kafkaRestart';

const DEAD_PID = 2 ** 22 + 17; // above Linux's default pid_max: never a live process

function infraWith(nodes?: number[]): InfraConnection {
  return {
    kafka: {
      brokers: (nodes ?? [1]).map(id => `127.0.0.1:${9090 + id}`),
      sasl: { mechanism: 'plain', username: 'admin', password: 'admin-secret' },
      users: {},
      clusterId: 'test',
      version: '4.1.1',
      ...(nodes
        ? {
            nodes: nodes.map(nodeId => ({
              nodeId,
              broker: `127.0.0.1:${9090 + nodeId}`,
              port: 9090 + nodeId,
              controllerPort: 9190 + nodeId,
              pid: DEAD_PID,
              processName: `kafka-${nodeId}`,
            })),
          }
        : {}),
    },
    registry: { url: '', apiUrl: '', healthUrl: '', version: '' },
    runDir: '/tmp/meshport-no-such-run',
    processes: (nodes ?? []).map(nodeId => ({
      name: `kafka-${nodeId}`,
      pid: DEAD_PID,
      marker: '-Dmeshport.infra.run=/tmp/meshport-no-such-run',
      logFile: '/dev/null',
    })),
    startedAt: new Date(0).toISOString(),
  };
}

describe('stopBroker', () => {
  it('points a single-broker infra to stopKafka', async () => {
    await expect(stopBroker(infraWith(), 1)).rejects.toThrow(
      'Node 1 is not a node of the cluster in /tmp/meshport-no-such-run (nodes: none: a single broker, use stopKafka)',
    );
  });

  it("names the cluster's nodes for an unknown node id", async () => {
    await expect(stopBroker(infraWith([1, 2, 3]), 4)).rejects.toThrow(
      'Node 4 is not a node of the cluster in /tmp/meshport-no-such-run (nodes: 1, 2, 3)',
    );
  });

  it('refuses a node that is not running', async () => {
    await expect(stopBroker(infraWith([1, 2, 3]), 2)).rejects.toThrow(
      `The Kafka node kafka-2 of /tmp/meshport-no-such-run is not running (pid ${DEAD_PID}); start the infra first.`,
    );
  });
});
