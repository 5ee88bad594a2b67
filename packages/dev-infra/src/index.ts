/*
 * @meshport/dev-infra: a real local Kafka broker (KRaft, SASL/PLAIN, ACLs enforced) and an
 * Apicurio schema registry (Confluent-compatible API), fetched from Maven Central and run as
 * child JVMs, for development, tests and benchmarks.
 */
export {
  startInfra,
  startOrReuseInfra,
  stopInfra,
  runningInfraIn,
} from './infra';
export type { RunningInfra, StartInfraOptions } from './infra';
export {
  readInfraConnection,
  readInfraConnectionFile,
  writeInfraConnection,
  removeInfraConnection,
  infraConnectionFile,
  isInfraAlive,
} from './envFile';
export type {
  InfraConnection,
  KafkaConnection,
  KafkaNode,
  RegistryConnection,
} from './envFile';
export { fetchRuntimes, cachedRuntimes } from './fetch';
export type { FetchedRuntimes, FetchOptions } from './fetch';
export {
  findKafkaJava,
  chooseRegistryRuntime,
  checkMaven,
} from './prerequisites';
export type { JavaInfo } from './prerequisites';
export { findFreePorts } from './ports';
export { cacheDir, defaultRunDir, defaultConnectionFile } from './paths';
export { ADMIN_USER, passwordFor } from './kafka';
export { stopBroker, stopKafka } from './kafkaRestart';
export type {
  RestartKafkaOptions,
  StopKafkaOptions,
  StoppedKafka,
} from './kafkaRestart';
export { runtimeVersions } from './versions';
export { startDemoLoad } from './demoLoad';
export type {
  DemoLoadPlan,
  DemoProducerFlow,
  DemoConsumerFlow,
  RunningDemoLoad,
} from './demoLoad';
export { kafkaErrorTypes } from './kafkaErrors';
export { createTestTopics } from './createTestTopics';
export { testProducer } from './testProducer';
export { dropTestDatabase, TEST_DATABASES } from './testDatabases';
export {
  startCommittingConsumer,
  waitForCommittedOffset,
} from './consumerGroups';
export { createHostileSpecCorpus, OUTSIDE_SECRET } from './hostileSpecCorpus';
export type { HostileSpec, HostileSpecCorpus } from './hostileSpecCorpus';
export { startPrivateRegistry } from './privateRegistry';
export type {
  PrivateRegistry,
  PrivateRegistryOptions,
} from './privateRegistry';
export { startSecureInfra } from './security/secureInfra';
export type {
  ClientCertificate,
  SecureInfra,
  SecureInfraOptions,
} from './security/secureInfra';
