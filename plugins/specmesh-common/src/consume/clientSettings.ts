/*
 * Copyright 2025 The Meshport Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

/**
 * How a client reaches a cluster: the names of the protocol and mechanism,
 * never the credentials (they are the reader's own, kept by the reader).
 *
 * @public
 */
export type SecurityProtocol =
  | 'PLAINTEXT'
  | 'SSL'
  | 'SASL_PLAINTEXT'
  | 'SASL_SSL';

/** @public */
export type SaslMechanismName =
  | 'PLAIN'
  | 'SCRAM-SHA-256'
  | 'SCRAM-SHA-512'
  | 'OAUTHBEARER';

/**
 * What {@link consumerClientSettings} writes settings for.
 *
 * @public
 */
export interface ConsumerClientInput {
  topic: string;
  bootstrapServers: readonly string[];
  securityProtocol: SecurityProtocol;
  saslMechanism?: SaslMechanismName;
  /** The reader's app-id; absent: a `<app-id>` placeholder. */
  appId?: string;
  schemaRegistryUrl?: string;
  /** Whether the registry asks for HTTP basic authentication (placeholders then). */
  schemaRegistryAuth?: boolean;
  valueSchemaType?: 'AVRO' | 'JSON' | 'PROTOBUF';
  keySchemaType?: 'AVRO' | 'JSON' | 'PROTOBUF';
}

/**
 * Copy-ready client settings for reading a topic. Secrets are placeholders:
 * `<username>`, `<password>`, `<registry-username>`, `<registry-password>`.
 *
 * @public
 */
export interface ConsumerClientSettings {
  /** What every consumer group id must start with (RULES §3): `<app-id>.` */
  groupPrefix: string;
  /** What every transactional id must start with: `<app-id>.` */
  transactionalIdPrefix: string;
  /** A group id under the prefix, as the snippets use it. */
  groupId: string;
  javaProperties: string;
  kafkajs: string;
}

/**
 * The placeholder for a reader that has no data product yet.
 *
 * @public
 */
export const APP_ID_PLACEHOLDER = '<app-id>';

const JAVA_DESERIALIZERS = {
  AVRO: 'io.confluent.kafka.serializers.KafkaAvroDeserializer',
  JSON: 'io.confluent.kafka.serializers.json.KafkaJsonSchemaDeserializer',
  PROTOBUF: 'io.confluent.kafka.serializers.protobuf.KafkaProtobufDeserializer',
} as const;
const STRING_DESERIALIZER =
  'org.apache.kafka.common.serialization.StringDeserializer';

const PASSWORD_LOGIN_MODULES = {
  PLAIN: 'org.apache.kafka.common.security.plain.PlainLoginModule',
  'SCRAM-SHA-256': 'org.apache.kafka.common.security.scram.ScramLoginModule',
  'SCRAM-SHA-512': 'org.apache.kafka.common.security.scram.ScramLoginModule',
} as const;

// KIP-768: the client fetches its own token with the client-credentials grant.
const OAUTHBEARER_JAVA = [
  'sasl.mechanism=OAUTHBEARER',
  'sasl.login.callback.handler.class=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler',
  'sasl.oauthbearer.token.endpoint.url=<token-endpoint-url>',
  'sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="<client-id>" clientSecret="<client-secret>";',
];

/**
 * The protocol a client needs to reach a cluster the portal reaches with
 * `ssl` and (when set) a SASL mechanism.
 *
 * @public
 */
export function securityProtocolOf(options: {
  ssl?: boolean;
  sasl?: boolean;
}): SecurityProtocol {
  if (options.sasl) return options.ssl ? 'SASL_SSL' : 'SASL_PLAINTEXT';
  return options.ssl ? 'SSL' : 'PLAINTEXT';
}

/**
 * Java properties and a kafkajs snippet that read the topic as the app-id:
 * bootstrap servers, security, a group id under the app-id's prefix, and the
 * deserializers the topic's schemas call for. Pure: the same input gives the
 * same text, in the browser and in Node.
 *
 * @public
 */
export function consumerClientSettings(
  input: ConsumerClientInput,
): ConsumerClientSettings {
  const appId = input.appId ?? APP_ID_PLACEHOLDER;
  const prefix = `${appId}.`;
  const groupId = `${prefix}${lastSegmentOf(input.topic)}-reader`;
  return {
    groupPrefix: prefix,
    transactionalIdPrefix: prefix,
    groupId,
    javaProperties: javaProperties(input, appId, groupId),
    kafkajs: kafkajsSnippet(input, appId, groupId),
  };
}

function lastSegmentOf(topic: string): string {
  const segments = topic.split('.').filter(Boolean);
  return segments[segments.length - 1] ?? 'topic';
}

function usesSasl(input: ConsumerClientInput): boolean {
  return input.securityProtocol.startsWith('SASL_');
}

function usesSsl(input: ConsumerClientInput): boolean {
  return input.securityProtocol.endsWith('SSL');
}

/** A properties value: backslashes and line breaks escaped, so one key stays one line. */
function prop(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n');
}

function javaProperties(
  input: ConsumerClientInput,
  appId: string,
  groupId: string,
): string {
  const lines = [
    `# Reads ${input.topic} as ${appId}. Secrets are placeholders: use your own.`,
    `bootstrap.servers=${prop(input.bootstrapServers.join(','))}`,
    `security.protocol=${input.securityProtocol}`,
  ];
  if (usesSasl(input)) {
    const mechanism = input.saslMechanism ?? 'PLAIN';
    if (mechanism === 'OAUTHBEARER') {
      lines.push(...OAUTHBEARER_JAVA);
    } else {
      lines.push(
        `sasl.mechanism=${mechanism}`,
        `sasl.jaas.config=${PASSWORD_LOGIN_MODULES[mechanism]} required username="<username>" password="<password>";`,
      );
    }
  }
  lines.push(
    `# Consumer groups must start with '${appId}.' (the app-id's own prefix).`,
    `group.id=${prop(groupId)}`,
    `# Transactional producers: transactional.id must start with '${appId}.' too.`,
    `# transactional.id=${prop(`${appId}.`)}<name>`,
    'auto.offset.reset=earliest',
    `key.deserializer=${deserializerOf(input.keySchemaType)}`,
    `value.deserializer=${deserializerOf(input.valueSchemaType)}`,
  );
  if (
    input.schemaRegistryUrl &&
    (input.keySchemaType || input.valueSchemaType)
  ) {
    lines.push(`schema.registry.url=${prop(input.schemaRegistryUrl)}`);
    if (input.schemaRegistryAuth) {
      lines.push(
        'basic.auth.credentials.source=USER_INFO',
        'basic.auth.user.info=<registry-username>:<registry-password>',
      );
    }
    if (input.valueSchemaType === 'AVRO' || input.keySchemaType === 'AVRO') {
      lines.push('# Generated Avro classes: set specific.avro.reader=true');
    }
  }
  return `${lines.join('\n')}\n`;
}

function deserializerOf(type: ConsumerClientInput['valueSchemaType']): string {
  return type ? JAVA_DESERIALIZERS[type] : STRING_DESERIALIZER;
}

/** A JavaScript string literal: JSON's quoting is JavaScript's. */
const js = (value: string) => JSON.stringify(value);

function kafkajsSnippet(
  input: ConsumerClientInput,
  appId: string,
  groupId: string,
): string {
  const withRegistry = Boolean(
    input.schemaRegistryUrl && (input.keySchemaType || input.valueSchemaType),
  );
  const config = [
    `  clientId: ${js(appId)},`,
    `  brokers: [${input.bootstrapServers.map(js).join(', ')}],`,
  ];
  if (usesSsl(input)) config.push('  ssl: true,');
  if (usesSasl(input)) {
    const mechanism = (input.saslMechanism ?? 'PLAIN').toLowerCase();
    config.push(
      mechanism === 'oauthbearer'
        ? "  sasl: { mechanism: 'oauthbearer', oauthBearerProvider: async () => ({ value: '<token from your identity provider>' }) },"
        : `  sasl: { mechanism: ${js(
            mechanism,
          )}, username: '<username>', password: '<password>' },`,
    );
  }
  const lines = [
    `// Reads ${input.topic} as ${appId}. Secrets are placeholders: use your own.`,
    "import { Kafka } from 'kafkajs';",
  ];
  if (withRegistry) {
    lines.push(
      "import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';",
    );
  }
  lines.push('', 'const kafka = new Kafka({', ...config, '});');
  if (withRegistry) {
    const auth = input.schemaRegistryAuth
      ? ", auth: { username: '<registry-username>', password: '<registry-password>' }"
      : '';
    lines.push(
      `const registry = new SchemaRegistry({ host: ${js(
        input.schemaRegistryUrl!,
      )}${auth} });`,
    );
  }
  const decode = (field: string, type?: string) =>
    type && withRegistry
      ? `await registry.decode(message.${field})`
      : `message.${field}?.toString()`;
  lines.push(
    '',
    `// Consumer groups must start with '${appId}.' (the app-id's own prefix).`,
    `const consumer = kafka.consumer({ groupId: ${js(groupId)} });`,
    '// Transactional producers: transactionalId must start with it too.',
    'await consumer.connect();',
    `await consumer.subscribe({ topics: [${js(
      input.topic,
    )}], fromBeginning: true });`,
    'await consumer.run({',
    '  eachMessage: async ({ message }) => {',
    `    const key = ${decode('key', input.keySchemaType)};`,
    `    const value = ${decode('value', input.valueSchemaType)};`,
    '    console.log(key, value);',
    '  },',
    '});',
  );
  return `${lines.join('\n')}\n`;
}
