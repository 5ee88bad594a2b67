/*
 * The broker configs the harness writes: the single broker as every test uses it, and a
 * node of a multi-broker cluster (node id, quorum, replication for three copies).
 */
import { serverProperties } from './kafka';
import { clusterReplicationFactor } from './kafkaCluster';
import { parseArgs } from './cli';

const users = { admin: 'admin-secret', 'app.one': 'app.one-secret' };

/** The properties as a map (a later line wins, as in Java properties). */
function parse(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line && !line.startsWith('#')) {
      const at = line.indexOf('=');
      map.set(line.slice(0, at), line.slice(at + 1));
    }
  }
  return map;
}

const voters = [
  { nodeId: 1, controllerPort: 9101 },
  { nodeId: 2, controllerPort: 9102 },
  { nodeId: 3, controllerPort: 9103 },
];

describe('serverProperties', () => {
  it('writes the single broker as node 1, its own voter, with one copy of everything', () => {
    const props = parse(
      serverProperties({
        dataDir: '/run/kafka/data',
        ports: { client: 9092, controller: 9093 },
        users,
      }),
    );
    expect(props.get('process.roles')).toBe('broker,controller');
    expect(props.get('node.id')).toBe('1');
    expect(props.get('controller.quorum.voters')).toBe('1@127.0.0.1:9093');
    for (const key of [
      'default.replication.factor',
      'min.insync.replicas',
      'offsets.topic.replication.factor',
      'transaction.state.log.replication.factor',
      'transaction.state.log.min.isr',
      'share.coordinator.state.topic.replication.factor',
      'share.coordinator.state.topic.min.isr',
    ]) {
      expect([key, props.get(key)]).toEqual([key, '1']);
    }
  });

  it('writes a node of a three-node cluster with its id, all voters and three copies', () => {
    const text = serverProperties({
      dataDir: '/run/kafka-2/data',
      ports: { client: 9202, controller: 9102 },
      users,
      cluster: { nodeId: 2, voters, replicationFactor: 3 },
    });
    const props = parse(text);
    expect(text.split('\n')[0]).toContain('node 2 of a 3-node KRaft cluster');
    expect(props.get('node.id')).toBe('2');
    expect(props.get('process.roles')).toBe('broker,controller');
    expect(props.get('controller.quorum.voters')).toBe(
      '1@127.0.0.1:9101,2@127.0.0.1:9102,3@127.0.0.1:9103',
    );
    expect(props.get('listeners')).toBe(
      'CLIENT://127.0.0.1:9202,CONTROLLER://127.0.0.1:9102',
    );
    expect(props.get('advertised.listeners')).toBe('CLIENT://127.0.0.1:9202');
    expect(props.get('log.dirs')).toBe('/run/kafka-2/data');
    expect(props.get('default.replication.factor')).toBe('3');
    expect(props.get('offsets.topic.replication.factor')).toBe('3');
    expect(props.get('transaction.state.log.replication.factor')).toBe('3');
    expect(props.get('share.coordinator.state.topic.replication.factor')).toBe(
      '3',
    );
    // acks=all keeps working with one broker of three down.
    expect(props.get('min.insync.replicas')).toBe('2');
    expect(props.get('transaction.state.log.min.isr')).toBe('2');
    expect(props.get('share.coordinator.state.topic.min.isr')).toBe('2');
    // The same users, authorizer and super users as the single broker.
    expect(props.get('authorizer.class.name')).toBe(
      'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    );
    expect(props.get('allow.everyone.if.no.acl.found')).toBe('false');
    expect(props.get('super.users')).toBe('User:admin;User:ANONYMOUS');
    expect(props.get('listener.name.client.plain.sasl.jaas.config')).toContain(
      'user_app.one="app.one-secret"',
    );
  });

  it('with two brokers keeps two copies and needs one in sync', () => {
    const props = parse(
      serverProperties({
        dataDir: '/d',
        ports: { client: 9201, controller: 9101 },
        users,
        cluster: {
          nodeId: 1,
          voters: voters.slice(0, 2),
          replicationFactor: clusterReplicationFactor(2),
        },
      }),
    );
    expect(props.get('default.replication.factor')).toBe('2');
    expect(props.get('min.insync.replicas')).toBe('1');
  });

  it('still appends the extra listeners and properties last', () => {
    const text = serverProperties({
      dataDir: '/d',
      ports: { client: 9201, controller: 9101 },
      users,
      extraListeners: [
        { name: 'SECURE', port: 9301, securityProtocol: 'SASL_SSL' },
      ],
      extraProperties: ['min.insync.replicas=1'],
      cluster: { nodeId: 1, voters, replicationFactor: 3 },
    });
    const props = parse(text);
    expect(props.get('listeners')).toBe(
      'CLIENT://127.0.0.1:9201,CONTROLLER://127.0.0.1:9101,SECURE://127.0.0.1:9301',
    );
    expect(props.get('min.insync.replicas')).toBe('1');
  });

  it('refuses a node outside the quorum and more copies than brokers', () => {
    const base = {
      dataDir: '/d',
      ports: { client: 9201, controller: 9101 },
      users,
    };
    expect(() =>
      serverProperties({
        ...base,
        cluster: { nodeId: 4, voters, replicationFactor: 3 },
      }),
    ).toThrow('Node 4 is not among the quorum voters');
    expect(() =>
      serverProperties({
        ...base,
        cluster: { nodeId: 1, voters, replicationFactor: 4 },
      }),
    ).toThrow('Replication factor 4 needs between 1 and 3 brokers');
  });
});

describe('clusterReplicationFactor', () => {
  it('keeps at most three copies', () => {
    expect([1, 2, 3, 5].map(clusterReplicationFactor)).toEqual([1, 2, 3, 3]);
  });
});

describe('meshport-infra start --brokers', () => {
  it('takes a broker count from 1 to 5', () => {
    expect(parseArgs(['start', '--brokers', '3']).brokers).toBe(3);
    expect(parseArgs(['start', '--brokers=1']).brokers).toBe(1);
    expect(parseArgs(['start']).brokers).toBeUndefined();
  });

  it('names the option and the range when the count is wrong', () => {
    for (const wrong of ['0', '6', 'three', '2.5']) {
      expect(() => parseArgs(['start', '--brokers', wrong])).toThrow(
        `--brokers takes a whole number from 1 to 5, not "${wrong}"`,
      );
    }
  });
});

describe('meshport-infra start --kafka-heap', () => {
  it('takes a JVM heap size', () => {
    expect(parseArgs(['start', '--kafka-heap', '3g']).kafkaHeap).toBe('3g');
    expect(parseArgs(['start', '--kafka-heap=768m']).kafkaHeap).toBe('768m');
    expect(parseArgs(['start']).kafkaHeap).toBeUndefined();
  });

  it('names the option when the size is not one the JVM takes', () => {
    for (const wrong of ['3', '3gb', '0g', '-Xmx3g']) {
      expect(() => parseArgs(['start', '--kafka-heap', wrong])).toThrow(
        `--kafka-heap takes a JVM size such as 512m or 3g, not "${wrong}"`,
      );
    }
  });
});
