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
 * The preconditions of the parser's core rules (at error severity) that the
 * structure validation does not cover. Each returns true when the rule
 * certainly finds nothing; otherwise the parser judges the spec and says
 * what it found in its own words.
 */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objects(value: unknown): Json[] {
  return isObject(value) ? Object.values(value).filter(isObject) : [];
}

/** Channel addresses with no parameters, query or fragment; no channel servers. */
function channelsArePlain(channels: unknown): boolean {
  if (!isObject(channels)) return true;
  for (const [key, channel] of Object.entries(channels)) {
    if (/[{}?#]/.test(key)) return false;
    if (!isObject(channel)) continue;
    if (channel.servers !== undefined) return false;
    if (typeof channel.address === 'string' && /[{}]/.test(channel.address)) {
      return false;
    }
  }
  return true;
}

/** Server URLs with no variables to define. */
function serversArePlain(servers: unknown): boolean {
  for (const server of objects(servers)) {
    for (const field of ['url', 'host', 'pathname']) {
      const value = server[field];
      if (typeof value === 'string' && /[{}]/.test(value)) return false;
    }
  }
  return true;
}

/** No two values of `key` on the given objects alike. */
function unique(items: Json[], key: string): boolean {
  const seen = new Set<unknown>();
  for (const item of items) {
    const value = item[key];
    if (value === undefined) continue;
    if (seen.has(value)) return false;
    seen.add(value);
  }
  return true;
}

/** AsyncAPI 2 operations and messages, in channels and component channels. */
export function v2Messages(document: Json): Json[] {
  const messages: Json[] = [];
  const channelGroups = [
    document.channels,
    isObject(document.components) ? document.components.channels : undefined,
  ];
  for (const channel of channelGroups.flatMap(objects)) {
    for (const operation of [channel.publish, channel.subscribe]) {
      if (!isObject(operation) || !isObject(operation.message)) continue;
      messages.push(operation.message);
      if (Array.isArray(operation.message.oneOf)) {
        messages.push(...operation.message.oneOf.filter(isObject));
      }
    }
  }
  if (isObject(document.components)) {
    messages.push(...objects(document.components.messages));
  }
  return messages;
}

function v2Operations(document: Json): Json[] {
  const channelGroups = [
    document.channels,
    isObject(document.components) ? document.components.channels : undefined,
  ];
  return channelGroups
    .flatMap(objects)
    .flatMap(channel => [channel.publish, channel.subscribe])
    .filter(isObject);
}

/** AsyncAPI 2 core rules, on the resolved document. */
export function v2CoreRulesPass(resolved: Json): boolean {
  return (
    serversArePlain(resolved.servers) &&
    channelsArePlain(resolved.channels) &&
    unique(v2Operations(resolved), 'operationId') &&
    unique(v2Messages(resolved), 'messageId')
  );
}

/** AsyncAPI 3 core rules: the ones on refs read the document as written. */
export function v3CoreRulesPass(written: Json, resolved: Json): boolean {
  if (!serversArePlain(resolved.servers)) return false;
  if (!channelsArePlain(resolved.channels)) return false;
  if (isObject(resolved.components)) {
    if (!channelsArePlain(resolved.components.channels)) return false;
  }
  const components = isObject(written.components) ? written.components : {};
  for (const [operations, root] of [
    [written.operations, true],
    [components.operations, false],
  ] as const) {
    for (const operation of objects(operations)) {
      if (!operationRefsAreUnambiguous(operation, root)) return false;
    }
  }
  return true;
}

function operationRefsAreUnambiguous(operation: Json, root: boolean): boolean {
  const channel = isObject(operation.channel)
    ? operation.channel.$ref
    : undefined;
  if (typeof channel !== 'string') return false;
  if (root && !channel.startsWith('#/channels/')) return false;
  if (operation.messages === undefined) return true;
  if (!Array.isArray(operation.messages)) return false;
  return operation.messages.every(
    message =>
      isObject(message) &&
      typeof message.$ref === 'string' &&
      message.$ref.startsWith(`${channel}/messages/`),
  );
}
