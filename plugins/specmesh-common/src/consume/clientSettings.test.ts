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
import {
  APP_ID_PLACEHOLDER,
  consumerClientSettings,
  securityProtocolOf,
} from './clientSettings';

const base = {
  topic: 'acme.lifestyle.onboarding._public.user_signed_up',
  bootstrapServers: ['kafka-1:9092', 'kafka-2:9092'],
};

/** Every `key=value` line of a properties text, comments left out. */
function propertiesOf(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .filter(line => line && !line.startsWith('#'))
      .map(line => {
        const at = line.indexOf('=');
        return [line.slice(0, at), line.slice(at + 1)];
      }),
  );
}

describe('securityProtocolOf', () => {
  it.each([
    [{}, 'PLAINTEXT'],
    [{ ssl: true }, 'SSL'],
    [{ sasl: true }, 'SASL_PLAINTEXT'],
    [{ ssl: true, sasl: true }, 'SASL_SSL'],
  ])('%j is %s', (options, protocol) => {
    expect(securityProtocolOf(options)).toBe(protocol);
  });
});

describe('consumerClientSettings', () => {
  it('writes Java properties with the app-id prefix and SCRAM placeholders', () => {
    const settings = consumerClientSettings({
      ...base,
      securityProtocol: 'SASL_SSL',
      saslMechanism: 'SCRAM-SHA-512',
      appId: 'acme.lifestyle.analytics',
      schemaRegistryUrl: 'http://registry:8080/apis/ccompat/v7',
      valueSchemaType: 'AVRO',
    });
    expect(settings.groupPrefix).toBe('acme.lifestyle.analytics.');
    expect(settings.transactionalIdPrefix).toBe('acme.lifestyle.analytics.');
    const props = propertiesOf(settings.javaProperties);
    expect(props).toEqual({
      'bootstrap.servers': 'kafka-1:9092,kafka-2:9092',
      'security.protocol': 'SASL_SSL',
      'sasl.mechanism': 'SCRAM-SHA-512',
      'sasl.jaas.config':
        'org.apache.kafka.common.security.scram.ScramLoginModule required username="<username>" password="<password>";',
      'group.id': 'acme.lifestyle.analytics.user_signed_up-reader',
      'auto.offset.reset': 'earliest',
      'key.deserializer':
        'org.apache.kafka.common.serialization.StringDeserializer',
      'value.deserializer':
        'io.confluent.kafka.serializers.KafkaAvroDeserializer',
      'schema.registry.url': 'http://registry:8080/apis/ccompat/v7',
    });
    expect(settings.javaProperties).toContain(
      "transactional.id must start with 'acme.lifestyle.analytics.'",
    );
  });

  it('writes OAUTHBEARER settings that fetch a token with client credentials, secrets as placeholders', () => {
    const settings = consumerClientSettings({
      ...base,
      securityProtocol: 'SASL_SSL',
      saslMechanism: 'OAUTHBEARER',
      appId: 'a.b',
    });
    const properties = propertiesOf(settings.javaProperties);
    expect(properties['sasl.mechanism']).toBe('OAUTHBEARER');
    expect(properties['sasl.login.callback.handler.class']).toBe(
      'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler',
    );
    expect(properties['sasl.oauthbearer.token.endpoint.url']).toBe(
      '<token-endpoint-url>',
    );
    expect(properties['sasl.jaas.config']).toBe(
      'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="<client-id>" clientSecret="<client-secret>";',
    );
    expect(settings.javaProperties).not.toMatch(/username|password/);
    expect(settings.kafkajs).toContain("mechanism: 'oauthbearer'");
    expect(settings.kafkajs).toContain('oauthBearerProvider');
    expect(settings.kafkajs).not.toMatch(/password/);
  });

  it('uses the PLAIN login module for PLAIN and leaves SASL out without it', () => {
    const plain = consumerClientSettings({
      ...base,
      securityProtocol: 'SASL_PLAINTEXT',
      saslMechanism: 'PLAIN',
      appId: 'a.b',
    });
    expect(propertiesOf(plain.javaProperties)['sasl.jaas.config']).toMatch(
      /^org\.apache\.kafka\.common\.security\.plain\.PlainLoginModule required/,
    );
    const open = consumerClientSettings({
      ...base,
      securityProtocol: 'PLAINTEXT',
      appId: 'a.b',
    });
    expect(open.javaProperties).not.toMatch(/sasl/);
    expect(open.kafkajs).not.toMatch(/sasl|ssl/);
  });

  it('names the deserializer of each schema type and asks for registry credentials by placeholder', () => {
    const settings = consumerClientSettings({
      ...base,
      securityProtocol: 'PLAINTEXT',
      appId: 'a.b',
      schemaRegistryUrl: 'https://registry.example',
      schemaRegistryAuth: true,
      keySchemaType: 'JSON',
      valueSchemaType: 'PROTOBUF',
    });
    const props = propertiesOf(settings.javaProperties);
    expect(props['key.deserializer']).toBe(
      'io.confluent.kafka.serializers.json.KafkaJsonSchemaDeserializer',
    );
    expect(props['value.deserializer']).toBe(
      'io.confluent.kafka.serializers.protobuf.KafkaProtobufDeserializer',
    );
    expect(props['basic.auth.user.info']).toBe(
      '<registry-username>:<registry-password>',
    );
    expect(settings.kafkajs).toContain(
      "auth: { username: '<registry-username>', password: '<registry-password>' }",
    );
  });

  it('leaves the registry out when the topic has no schema', () => {
    const settings = consumerClientSettings({
      ...base,
      securityProtocol: 'PLAINTEXT',
      appId: 'a.b',
      schemaRegistryUrl: 'http://registry',
    });
    expect(settings.javaProperties).not.toContain('schema.registry.url');
    expect(settings.kafkajs).not.toContain('SchemaRegistry');
    expect(settings.kafkajs).toContain('message.value?.toString()');
  });

  it('writes a kafkajs consumer under the prefix with quoted literals', () => {
    const settings = consumerClientSettings({
      ...base,
      securityProtocol: 'SASL_SSL',
      saslMechanism: 'SCRAM-SHA-256',
      appId: 'acme.shop',
      schemaRegistryUrl: 'http://registry',
      valueSchemaType: 'AVRO',
    });
    expect(settings.kafkajs).toContain(
      'brokers: ["kafka-1:9092", "kafka-2:9092"]',
    );
    expect(settings.kafkajs).toContain('ssl: true');
    expect(settings.kafkajs).toContain(
      `sasl: { mechanism: "scram-sha-256", username: '<username>', password: '<password>' }`,
    );
    expect(settings.kafkajs).toContain(
      'kafka.consumer({ groupId: "acme.shop.user_signed_up-reader" })',
    );
    expect(settings.kafkajs).toContain(
      'topics: ["acme.lifestyle.onboarding._public.user_signed_up"]',
    );
    expect(settings.kafkajs).toContain('await registry.decode(message.value)');
  });

  it('keeps a hostile value on its own properties line', () => {
    const settings = consumerClientSettings({
      ...base,
      bootstrapServers: ['evil:1\nsasl.jaas.config=stolen'],
      securityProtocol: 'PLAINTEXT',
      appId: 'a.b',
    });
    expect(settings.javaProperties).not.toMatch(/^sasl\.jaas\.config=/m);
    expect(settings.kafkajs).toContain('"evil:1\\nsasl.jaas.config=stolen"');
  });

  it('uses a placeholder app-id for a reader without a data product', () => {
    const settings = consumerClientSettings({
      ...base,
      securityProtocol: 'PLAINTEXT',
    });
    expect(settings.groupPrefix).toBe(`${APP_ID_PLACEHOLDER}.`);
    expect(propertiesOf(settings.javaProperties)['group.id']).toBe(
      '<app-id>.user_signed_up-reader',
    );
  });
});
