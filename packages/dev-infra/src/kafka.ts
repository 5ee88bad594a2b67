/*
 * A single-node KRaft Kafka broker on loopback: SASL_PLAINTEXT/PLAIN client listener with
 * users from the JAAS config, StandardAuthorizer with deny-by-default, PLAINTEXT controller
 * listener (its principal, ANONYMOUS, is a super user). Writes the configs into the run dir,
 * formats storage, starts `kafka.Kafka` and waits until the admin can describe the cluster.
 */
import { spawn } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import { Kafka, logLevel } from 'kafkajs';
import { isPortOpen, LOOPBACK } from './ports';
import {
  runMarker,
  spawnLogged,
  SpawnedProcess,
  tailFile,
  terminate,
} from './processes';

export const ADMIN_USER = 'admin';
const CLIENT_LISTENER = 'CLIENT';
const CONTROLLER_LISTENER = 'CONTROLLER';

export interface KafkaPorts {
  client: number;
  controller: number;
  /** Prometheus JMX exporter HTTP port, when metrics are on. */
  metrics?: number;
}

/**
 * A listener besides the SASL_PLAINTEXT client listener, e.g. SASL_SSL or SSL for the
 * authentication tests; its own settings go in `extraProperties` as
 * `listener.name.<name lower-case>.…` lines.
 */
export interface ExtraListener {
  /** Upper-case listener name, e.g. `SECURE`. */
  name: string;
  port: number;
  securityProtocol: 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL';
}

export interface KafkaStartOptions {
  java: string;
  libDir: string;
  /** Run dir of this infra; the broker lives in `<runDir>/kafka`. */
  runDir: string;
  ports: KafkaPorts;
  /** username → password, admin included. */
  users: Record<string, string>;
  /** JMX exporter agent jar; metrics are exported when this and ports.metrics are set. */
  jmxAgentJar?: string;
  /** JVM heap cap, default 512m. */
  maxHeap?: string;
  /** Listeners besides the client and controller listeners. */
  extraListeners?: ExtraListener[];
  /**
   * server.properties lines appended last (a later line wins in Java properties), e.g.
   * the extra listeners' TLS and SASL settings.
   */
  extraProperties?: string[];
  /** Extra arguments of `StorageTool format`, e.g. `--add-scram` for SCRAM users. */
  formatArgs?: string[];
  /** JVM system properties, `name=value`, e.g. the OAUTHBEARER allowed URLs. */
  systemProperties?: string[];
  readyTimeoutMs?: number;
  /** Called as soon as the JVM is spawned (to record its pid). */
  onSpawn?: (process: SpawnedProcess) => void;
}

export interface StartedKafka {
  process: SpawnedProcess;
  brokers: string[];
  clusterId: string;
  metricsUrl?: string;
  dir: string;
}

/** User names end up in the JAAS config and in ACL principals: keep them simple. */
export function validateUserName(name: string) {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new Error(
      `Invalid Kafka user name ${JSON.stringify(
        name,
      )}: use letters, digits, '.', '_' and '-'`,
    );
  }
}

/** Deterministic password for a local user: `<name>-secret`. */
export function passwordFor(user: string): string {
  return `${user}-secret`;
}

/** 16 random bytes as unpadded base64url: the 22-character id StorageTool wants. */
export function newClusterId(): string {
  return crypto.randomBytes(16).toString('base64url');
}

/** One voter of the KRaft controller quorum. */
export interface QuorumVoter {
  nodeId: number;
  /** Its CONTROLLER listener port on loopback. */
  controllerPort: number;
}

/**
 * Where a node sits in a cluster of several: its id, the controller quorum and the
 * replication factor of new and internal topics. Absent: the single node 1, RF 1.
 */
export interface ClusterNodeOptions {
  nodeId: number;
  voters: QuorumVoter[];
  /** Default and internal-topic replication factor (at most the number of brokers). */
  replicationFactor: number;
}

export function serverProperties(options: {
  dataDir: string;
  ports: KafkaPorts;
  users: Record<string, string>;
  extraListeners?: ExtraListener[];
  extraProperties?: string[];
  cluster?: ClusterNodeOptions;
}): string {
  const { ports, users } = options;
  const cluster = options.cluster ?? {
    nodeId: 1,
    voters: [{ nodeId: 1, controllerPort: ports.controller }],
    replicationFactor: 1,
  };
  const { nodeId, replicationFactor: rf } = cluster;
  if (!cluster.voters.some(voter => voter.nodeId === nodeId)) {
    throw new Error(`Node ${nodeId} is not among the quorum voters`);
  }
  if (rf < 1 || rf > cluster.voters.length) {
    throw new Error(
      `Replication factor ${rf} needs between 1 and ${cluster.voters.length} brokers`,
    );
  }
  // With three copies, acks=all still succeeds with one broker down (the usual production
  // setting); with fewer copies every copy must do.
  const minInsync = rf >= 3 ? 2 : 1;
  const voters = cluster.voters
    .map(voter => `${voter.nodeId}@${LOOPBACK}:${voter.controllerPort}`)
    .join(',');
  const extra = options.extraListeners ?? [];
  for (const listener of extra) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(listener.name)) {
      throw new Error(`Invalid listener name ${JSON.stringify(listener.name)}`);
    }
  }
  const extraListeners = extra
    .map(l => `,${l.name}://${LOOPBACK}:${l.port}`)
    .join('');
  const extraProtocols = extra
    .map(l => `,${l.name}:${l.securityProtocol}`)
    .join('');
  for (const name of Object.keys(users)) {
    validateUserName(name);
  }
  const adminPassword = users[ADMIN_USER];
  if (!adminPassword) {
    throw new Error(`The ${ADMIN_USER} user is required`);
  }
  const jaasUsers = Object.entries(users)
    .map(([name, password]) => `user_${name}="${password}"`)
    .join(' ');
  const listener = CLIENT_LISTENER.toLowerCase();
  const lines = [
    options.cluster
      ? `# Generated by @meshport/dev-infra: node ${nodeId} of a ${cluster.voters.length}-node KRaft cluster for local use only.`
      : '# Generated by @meshport/dev-infra: a single-node KRaft broker for local use only.',
    'process.roles=broker,controller',
    `node.id=${nodeId}`,
    `controller.quorum.voters=${voters}`,
    `listeners=${CLIENT_LISTENER}://${LOOPBACK}:${ports.client},${CONTROLLER_LISTENER}://${LOOPBACK}:${ports.controller}${extraListeners}`,
    `advertised.listeners=${CLIENT_LISTENER}://${LOOPBACK}:${ports.client}${extraListeners}`,
    `listener.security.protocol.map=${CLIENT_LISTENER}:SASL_PLAINTEXT,${CONTROLLER_LISTENER}:PLAINTEXT${extraProtocols}`,
    `inter.broker.listener.name=${CLIENT_LISTENER}`,
    `controller.listener.names=${CONTROLLER_LISTENER}`,
    'sasl.enabled.mechanisms=PLAIN',
    'sasl.mechanism.inter.broker.protocol=PLAIN',
    `listener.name.${listener}.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required ` +
      `username="${ADMIN_USER}" password="${adminPassword}" ${jaasUsers};`,
    'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'allow.everyone.if.no.acl.found=false',
    // ANONYMOUS is the principal on the PLAINTEXT controller listener.
    `super.users=User:${ADMIN_USER};User:ANONYMOUS`,
    `log.dirs=${options.dataDir}`,
    'num.partitions=1',
    `default.replication.factor=${rf}`,
    `min.insync.replicas=${minInsync}`,
    `offsets.topic.replication.factor=${rf}`,
    'offsets.topic.num.partitions=1',
    `transaction.state.log.replication.factor=${rf}`,
    `transaction.state.log.min.isr=${minInsync}`,
    'transaction.state.log.num.partitions=1',
    `share.coordinator.state.topic.replication.factor=${rf}`,
    `share.coordinator.state.topic.min.isr=${minInsync}`,
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=false',
    'delete.topic.enable=true',
    'num.network.threads=2',
    'num.io.threads=2',
    'background.threads=2',
    'log.cleaner.threads=1',
    'num.recovery.threads.per.data.dir=1',
    ...(options.extraProperties ?? []),
    '',
  ];
  return lines.join('\n');
}

export function log4j2Properties(): string {
  return [
    '# Generated by @meshport/dev-infra: broker logs go to ${sys:kafka.logs.dir}/server.log',
    'status = warn',
    'appender.file.type = RollingFile',
    'appender.file.name = FILE',
    'appender.file.fileName = ${sys:kafka.logs.dir}/server.log',
    'appender.file.filePattern = ${sys:kafka.logs.dir}/server.log.%i',
    'appender.file.layout.type = PatternLayout',
    'appender.file.layout.pattern = [%d] %p %m (%c)%n',
    'appender.file.policies.type = Policies',
    'appender.file.policies.size.type = SizeBasedTriggeringPolicy',
    'appender.file.policies.size.size = 20MB',
    'appender.file.strategy.type = DefaultRolloverStrategy',
    'appender.file.strategy.max = 3',
    'rootLogger.level = INFO',
    'rootLogger.appenderRef.file.ref = FILE',
    'logger.state.name = state.change.logger',
    'logger.state.level = WARN',
    'logger.authorizer.name = kafka.authorizer.logger',
    'logger.authorizer.level = WARN',
    'logger.request.name = kafka.request.logger',
    'logger.request.level = WARN',
    '',
  ].join('\n');
}

/** Exporter rules: per-topic bytes/messages in and out, and log sizes. */
export function jmxExporterConfig(): string {
  return [
    'lowercaseOutputName: true',
    'lowercaseOutputLabelNames: true',
    'includeObjectNames:',
    '  - "kafka.server:type=BrokerTopicMetrics,*"',
    '  - "kafka.log:type=Log,*"',
    'rules:',
    `  - pattern: 'kafka.server<type=BrokerTopicMetrics, name=(BytesIn|BytesOut|MessagesIn|BytesRejected)PerSec, topic=(.+)><>Count'`,
    '    name: kafka_server_brokertopicmetrics_$1_total',
    '    type: COUNTER',
    '    labels:',
    '      topic: "$2"',
    `  - pattern: 'kafka.server<type=BrokerTopicMetrics, name=(BytesIn|BytesOut|MessagesIn|BytesRejected)PerSec><>Count'`,
    '    name: kafka_server_brokertopicmetrics_$1_total',
    '    type: COUNTER',
    `  - pattern: 'kafka.log<type=Log, name=Size, topic=(.+), partition=(.+)><>Value'`,
    '    name: kafka_log_log_size',
    '    type: GAUGE',
    '    labels:',
    '      topic: "$1"',
    '      partition: "$2"',
    '',
  ].join('\n');
}

function run(command: string, args: string[], logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const fd = fs.openSync(logFile, 'a');
    const child = spawn(command, args, { stdio: ['ignore', fd, fd] });
    fs.closeSync(fd);
    child.once('error', reject);
    child.once('exit', code =>
      code === 0
        ? resolve()
        : reject(
            new Error(
              `\`${command} ${args.join(
                ' ',
              )}\` exited with ${code}:\n${tailFile(logFile)}`,
            ),
          ),
    );
  });
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Polls until the admin user can describe the cluster and the group coordinator answers
 * (or the broker dies).
 */
export async function waitForKafka(options: {
  brokers: string[];
  username: string;
  password: string;
  timeoutMs: number;
  process?: SpawnedProcess;
  /** Every node of a cluster: the wait fails as soon as one of them exits. */
  processes?: SpawnedProcess[];
  /** Brokers that must have registered (default 1): a cluster is ready when all have. */
  expectedBrokers?: number;
  logFiles?: string[];
}): Promise<void> {
  const watched = [
    ...(options.process ? [options.process] : []),
    ...(options.processes ?? []),
  ];
  const expectedBrokers = options.expectedBrokers ?? 1;
  const deadline = Date.now() + options.timeoutMs;
  const [host, port] = options.brokers[0].split(':');
  const failure = (why: string) =>
    new Error(
      `${why}\n${(options.logFiles ?? [])
        .map(f => `--- ${f}\n${tailFile(f)}`)
        .join('\n')}`,
    );
  let lastError: unknown;
  while (Date.now() < deadline) {
    const exited = watched.find(p => p.exit);
    if (exited?.exit) {
      throw failure(
        `Kafka${
          watched.length > 1 ? ` (${exited.name})` : ''
        } exited during start-up (code ${exited.exit.code}, signal ${
          exited.exit.signal
        })`,
      );
    }
    if (await isPortOpen(Number(port), host)) {
      const admin = new Kafka({
        clientId: 'meshport-dev-infra-readiness',
        brokers: options.brokers,
        logLevel: logLevel.NOTHING,
        connectionTimeout: 2000,
        requestTimeout: 5000,
        retry: { retries: 0 },
        sasl: {
          mechanism: 'plain',
          username: options.username,
          password: options.password,
        },
      }).admin();
      try {
        await admin.connect();
        const cluster = await admin.describeCluster();
        // Internal topics get the cluster's replication factor: the group coordinator
        // (below) can only create __consumer_offsets once every broker has registered.
        if (
          cluster.brokers.length >= expectedBrokers &&
          cluster.controller !== null
        ) {
          // Also wait for the group coordinator: on a fresh broker the first group request
          // creates __consumer_offsets, and until it is loaded JoinGroup answers
          // COORDINATOR_LOAD_IN_PROGRESS (which a client with few retries reports).
          await admin.fetchOffsets({ groupId: 'meshport-dev-infra-readiness' });
          return;
        }
      } catch (e) {
        lastError = e;
      } finally {
        await admin.disconnect().catch(() => {});
      }
    }
    await sleep(250);
  }
  throw failure(
    `Kafka was not ready within ${options.timeoutMs} ms (${
      lastError instanceof Error ? lastError.message : 'port closed'
    })`,
  );
}

/** A node's configs and formatted storage, ready to be spawned. */
export interface PreparedKafkaNode {
  dir: string;
  configFile: string;
  logsDir: string;
  /** `-cp <lib>/*` and the log settings: shared by the format tool and the broker. */
  classpath: string;
  logProps: string[];
}

/**
 * Writes a node's configs into `dir` (data and logs cleared) and formats its storage
 * with the cluster id (every node of a cluster gets the same one).
 */
export async function prepareKafkaNode(
  options: KafkaStartOptions & {
    dir: string;
    clusterId: string;
    cluster?: ClusterNodeOptions;
  },
): Promise<PreparedKafkaNode> {
  const { dir } = options;
  const dataDir = path.join(dir, 'data');
  const logsDir = path.join(dir, 'logs');
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(logsDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  fs.mkdirSync(logsDir, { recursive: true });

  const configFile = path.join(dir, 'server.properties');
  const log4jFile = path.join(dir, 'log4j2.properties');
  fs.writeFileSync(
    configFile,
    serverProperties({
      dataDir,
      ports: options.ports,
      users: options.users,
      extraListeners: options.extraListeners,
      extraProperties: options.extraProperties,
      cluster: options.cluster,
    }),
    { mode: 0o600 },
  );
  fs.writeFileSync(log4jFile, log4j2Properties());

  const classpath = path.join(options.libDir, '*');
  const logProps = [
    `-Dlog4j2.configurationFile=${log4jFile}`,
    `-Dkafka.logs.dir=${logsDir}`,
  ];
  await run(
    options.java,
    [
      '-Xmx256m',
      '-XX:+UseSerialGC',
      ...logProps,
      '-cp',
      classpath,
      'kafka.tools.StorageTool',
      'format',
      `--cluster-id=${options.clusterId}`,
      '--config',
      configFile,
      '--ignore-formatted',
      ...(options.formatArgs ?? []),
    ],
    path.join(logsDir, 'format.log'),
  );
  return { dir, configFile, logsDir, classpath, logProps };
}

/** Starts a prepared node's JVM (not waiting for it); `name` labels its process record. */
export function spawnKafkaNode(
  node: PreparedKafkaNode,
  options: KafkaStartOptions & { name: string },
): { process: SpawnedProcess; metricsUrl?: string; logFiles: string[] } {
  const jvmArgs = [
    '-Xms128m',
    `-Xmx${options.maxHeap ?? '512m'}`,
    '-XX:+UseSerialGC',
    '-XX:+ExitOnOutOfMemoryError',
    '-Djava.awt.headless=true',
    runMarker(options.runDir),
    ...node.logProps,
    ...(options.systemProperties ?? []).map(property => `-D${property}`),
  ];
  let metricsUrl: string | undefined;
  if (options.jmxAgentJar && options.ports.metrics) {
    const jmxConfig = path.join(node.dir, 'jmx-exporter.yaml');
    fs.writeFileSync(jmxConfig, jmxExporterConfig());
    jvmArgs.push(
      `-javaagent:${options.jmxAgentJar}=${LOOPBACK}:${options.ports.metrics}:${jmxConfig}`,
    );
    metricsUrl = `http://${LOOPBACK}:${options.ports.metrics}/metrics`;
  }
  const stdoutLog = path.join(node.logsDir, 'stdout.log');
  const proc = spawnLogged({
    name: options.name,
    command: options.java,
    args: [...jvmArgs, '-cp', node.classpath, 'kafka.Kafka', node.configFile],
    cwd: node.dir,
    logFile: stdoutLog,
    marker: runMarker(options.runDir),
  });
  options.onSpawn?.(proc);
  return {
    process: proc,
    metricsUrl,
    logFiles: [stdoutLog, path.join(node.logsDir, 'server.log')],
  };
}

/** Writes the configs, formats fresh storage, starts the broker and waits for it. */
export async function startKafka(
  options: KafkaStartOptions,
): Promise<StartedKafka> {
  const dir = path.join(options.runDir, 'kafka');
  const clusterId = newClusterId();
  const node = await prepareKafkaNode({ ...options, dir, clusterId });
  const {
    process: proc,
    metricsUrl,
    logFiles,
  } = spawnKafkaNode(node, { ...options, name: 'kafka' });
  const brokers = [`${LOOPBACK}:${options.ports.client}`];
  try {
    await waitForKafka({
      brokers,
      username: ADMIN_USER,
      password: options.users[ADMIN_USER],
      timeoutMs: options.readyTimeoutMs ?? 120_000,
      process: proc,
      logFiles,
    });
  } catch (e) {
    await terminate([proc], 5_000);
    throw e;
  }
  return { process: proc, brokers, clusterId, metricsUrl, dir };
}
