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

// A data product too large to see at once (issue 16 asks for 200 topics):
// the scale tests of the Topics and Access tabs render its spec.

/** The access levels of the generated topics, in turn. */
export const LARGE_SPEC_LEVELS = ['_public', '_protected', '_private'] as const;

/** The access level of the generated topic `i`. */
export const levelOf = (i: number) =>
  LARGE_SPEC_LEVELS[i % LARGE_SPEC_LEVELS.length];

/**
 * An AsyncAPI spec of `appId` owning `topics` topics, `<level>.events_<i>`,
 * at every access level in turn; each protected one grants
 * `acme.reader<i>` access.
 */
export function largeSpec(appId: string, topics: number): string {
  const lines = [
    "asyncapi: '2.6.0'",
    `id: 'urn:${appId}'`,
    'info:',
    '  title: Large',
    "  version: '1.0.0'",
    'channels:',
  ];
  for (let i = 0; i < topics; i++) {
    const level = levelOf(i);
    lines.push(`  ${level}.events_${i}:`, '    publish:');
    if (level === '_protected') {
      lines.push(`      tags: [name: "grant-access:acme.reader${i}"]`);
    }
    lines.push('      message:', '        payload: {type: object}');
  }
  return `${lines.join('\n')}\n`;
}
