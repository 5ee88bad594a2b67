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

/*
 * Valid SpecMesh-style specs to mutate, beside the shared vectors and peer
 * specs: an AsyncAPI 2.6 spec with component messages and schemas, and an
 * AsyncAPI 3.0 spec with channels, messages and operations.
 */

const LEVELS = ['_public', '_protected', '_private'];

/** AsyncAPI 2.6, `channels` channels, refs into components. */
export function generatedV2Spec(index: number, channels: number): string {
  const lines = [
    "asyncapi: '2.6.0'",
    `id: 'urn:parity.domain.app${index}'`,
    'info:',
    `  title: Parity app ${index}`,
    "  version: '1.0.0'",
    '  description: Generated for the parity test.',
    'servers:',
    '  prod:',
    "    url: 'broker.example.com:9092'",
    '    protocol: kafka',
    'channels:',
  ];
  for (let c = 0; c < channels; c++) {
    const level = LEVELS[c % 3];
    lines.push(
      `  ${level}.events_${c}:`,
      '    bindings:',
      '      kafka:',
      `        partitions: ${3 + (c % 4)}`,
      '        replicas: 3',
      '        configs:',
      `          retention.ms: ${86400000 * (c + 1)}`,
      `    ${c % 2 ? 'subscribe' : 'publish'}:`,
      `      operationId: op${c}`,
    );
    if (level === '_protected') {
      lines.push(`      tags: [name: "grant-access:parity.reader${c}"]`);
    }
    lines.push(
      '      message:',
      c % 2
        ? "        $ref: '#/components/messages/Shared'"
        : `        payload: {type: object, properties: {n${c}: {type: number}}}`,
    );
  }
  lines.push(
    'components:',
    '  messages:',
    '    Shared:',
    '      name: Shared',
    '      contentType: application/json',
    "      payload: {$ref: '#/components/schemas/Thing'}",
    '  schemas:',
    '    Thing:',
    '      type: object',
    '      required: [id]',
    '      properties:',
    '        id: {type: string, format: uuid}',
    '        at: {type: string, format: date-time}',
  );
  return `${lines.join('\n')}\n`;
}

/** AsyncAPI 3.0, `channels` channels, each with a message and an operation. */
export function generatedV3Spec(index: number, channels: number): string {
  const lines = [
    'asyncapi: 3.0.0',
    `id: 'urn:parity.domain.v3app${index}'`,
    'info:',
    `  title: Parity v3 app ${index}`,
    "  version: '1.0.0'",
    'channels:',
  ];
  for (let c = 0; c < channels; c++) {
    lines.push(
      `  events${c}:`,
      `    address: ${LEVELS[c % 3]}.events_${c}`,
      '    bindings:',
      `      kafka: {partitions: ${3 + c}, replicas: 3}`,
      '    messages:',
      `      Event${c}:`,
      `        payload: {type: object, properties: {n: {type: integer}}}`,
    );
  }
  lines.push('operations:');
  for (let c = 0; c < channels; c++) {
    lines.push(
      `  op${c}:`,
      `    action: ${c % 2 ? 'receive' : 'send'}`,
      `    channel: {$ref: '#/channels/events${c}'}`,
      `    messages: [{$ref: '#/channels/events${c}/messages/Event${c}'}]`,
    );
  }
  return `${lines.join('\n')}\n`;
}
