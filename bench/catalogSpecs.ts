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
 * Generated data products for the catalog benchmarks: SpecMesh-style specs
 * that own topics at every access level (with bindings, grants and schemas)
 * and read another product's public topic, so the catalog relates them.
 */

/** The app-id of generated product `index`. */
export function benchAppId(index: number): string {
  return `bench.domain${index % 17}.app${index}`;
}

const LEVELS = ['_public', '_protected', '_private'];

/**
 * An AsyncAPI 2.6 spec of product `index` out of `count`, with `channels`
 * channels: one in five reads another product's public topic.
 */
export function generateCatalogSpec(
  index: number,
  count: number,
  channels: number,
  /** One partition, one replica per topic: what a single local broker holds. */
  options: { singleBroker?: boolean } = {},
): string {
  const appId = benchAppId(index);
  const lines = [
    "asyncapi: '2.6.0'",
    `id: 'urn:${appId}'`,
    'info:',
    `  title: Bench app ${index}`,
    "  version: '1.0.0'",
    'channels:',
  ];
  for (let c = 0; c < channels; c++) {
    if (c % 5 === 4) {
      // Channel 0 of every product is public: read that of the next ones.
      const other = (index + 1 + Math.floor(c / 5)) % count;
      lines.push(
        `  ${benchAppId(other)}._public.events_0:`,
        '    subscribe:',
        `      operationId: read${c}`,
        '      message:',
        '        payload: {type: object}',
      );
      continue;
    }
    const level = LEVELS[c % 3];
    lines.push(
      `  ${level}.events_${c}:`,
      '    bindings:',
      '      kafka:',
      `        partitions: ${options.singleBroker ? 1 : 3 + (c % 4)}`,
      `        replicas: ${options.singleBroker ? 1 : 3}`,
      '        configs:',
      '          cleanup.policy: delete',
      `          retention.ms: ${86400000 * (c + 1)}`,
      '    publish:',
      `      operationId: write${c}`,
    );
    if (level === '_protected') {
      lines.push(`      tags: [name: "grant-access:bench.reader${c}"]`);
    }
    lines.push(
      '      message:',
      '        payload:',
      '          type: object',
      `          title: Event${c}`,
      '          properties:',
      '            id: {type: string}',
      `            amount${c}: {type: number, minimum: 0}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Reads `--name value` from the command line. */
export function numberOption(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}
