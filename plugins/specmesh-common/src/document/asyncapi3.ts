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
import type { ProblemCollector } from '../problems';
import { jsonPointer } from '../problems';
import type { JsonObject } from './refs';
import { isJsonObject, refOf, resolvePointer } from './refs';
import {
  ChannelUse,
  channelLocation,
  dereferenceObject,
  MessageUse,
  readMessages,
  SpecView,
} from './specView';

const CHANNEL_REF_PREFIX = '#/channels/';

/**
 * Reads an AsyncAPI 3.0 document: operations point at channels; `send` means
 * the owner writes the channel, `receive` that it reads it. The topic is the
 * channel's `address`, or its key when the address is absent.
 */
export function readAsyncApi3(
  root: JsonObject,
  problems: ProblemCollector,
): SpecView {
  const channels: ChannelUse[] = [];
  const byKey = new Map<string, ChannelUse>();
  const byObject = new Map<JsonObject, ChannelUse>();
  // Channels whose error is already reported; operations on them add nothing.
  const unusable = new Set<string>();
  const channelMap = root.channels;
  if (isJsonObject(channelMap)) {
    for (const key of Object.keys(channelMap)) {
      const location = channelLocation(key);
      const channel = dereferenceObject(
        root,
        channelMap[key],
        location,
        'channel',
        problems,
      );
      if (!channel) continue;
      const use = readChannel(key, location, channel, problems);
      if (!use) {
        unusable.add(key);
        continue;
      }
      channels.push(use);
      byKey.set(key, use);
      byObject.set(channel, use);
    }
  }
  const operationMap = root.operations;
  if (operationMap === undefined || operationMap === null) return { channels };
  if (!isJsonObject(operationMap)) {
    problems.error(
      '/operations',
      'operations must be a map from operation id to operation.',
      'Write operations as a map, e.g. "sendInvoice: { action: send, channel: … }".',
    );
    return { channels };
  }
  for (const id of Object.keys(operationMap)) {
    const location = jsonPointer(['operations', id]);
    const operation = dereferenceObject(
      root,
      operationMap[id],
      location,
      'operation',
      problems,
    );
    if (!operation) continue;
    const action = operation.action;
    if (action !== 'send' && action !== 'receive') {
      problems.error(
        `${location}/action`,
        `The operation "${id}" has action ${JSON.stringify(
          action,
        )}; it must be "send" (the owner writes) or "receive" (it reads).`,
        'Set action: send or action: receive.',
      );
      continue;
    }
    const channel = findChannel(root, operation.channel, byKey, byObject);
    if (!channel && unusable.has(channelKeyOf(operation.channel) ?? ''))
      continue;
    if (!channel) {
      problems.error(
        `${location}/channel`,
        `The operation "${id}" does not refer to a channel of this document (${JSON.stringify(
          refOf(operation.channel) ?? operation.channel,
        )}).`,
        'Set channel: { $ref: "#/channels/<channel key>" }.',
      );
      continue;
    }
    const messages: MessageUse[] = [];
    if (Array.isArray(operation.messages)) {
      operation.messages.forEach((message, index) =>
        readMessages(
          root,
          message,
          `${location}/messages/${index}`,
          problems,
          messages,
        ),
      );
    } else {
      readChannelMessages(root, channel, problems, messages);
    }
    channel.operations.push({
      location,
      ownerWrites: action === 'send',
      tags: operation.tags,
      messages,
    });
  }
  return { channels };
}

function readChannel(
  key: string,
  location: string,
  channel: JsonObject,
  problems: ProblemCollector,
): ChannelUse | undefined {
  const address = channel.address;
  if (address === undefined || address === null) {
    return {
      key,
      location,
      name: key,
      nameLocation: location,
      channel,
      operations: [],
    };
  }
  if (typeof address !== 'string') {
    problems.error(
      `${location}/address`,
      `The address of channel "${key}" must be a string, not ${JSON.stringify(
        address,
      )}.`,
      'Write the topic name as the address, or remove it to use the channel key.',
    );
    return undefined;
  }
  return {
    key,
    location,
    name: address,
    nameLocation: `${location}/address`,
    channel,
    operations: [],
  };
}

function findChannel(
  root: JsonObject,
  reference: unknown,
  byKey: Map<string, ChannelUse>,
  byObject: Map<JsonObject, ChannelUse>,
): ChannelUse | undefined {
  const key = channelKeyOf(reference);
  const use = key === undefined ? undefined : byKey.get(key);
  if (use) return use;
  const ref = refOf(reference);
  const target = ref?.startsWith('#')
    ? resolvePointer(root, ref.slice(1))
    : undefined;
  return isJsonObject(target) ? byObject.get(target) : undefined;
}

/** The channel key of a `{ $ref: '#/channels/<key>' }`, if it is one. */
function channelKeyOf(reference: unknown): string | undefined {
  const ref = refOf(reference);
  if (
    ref === undefined ||
    !ref.startsWith(CHANNEL_REF_PREFIX) ||
    ref.includes('/', CHANNEL_REF_PREFIX.length)
  ) {
    return undefined;
  }
  return decodeKey(ref.slice(CHANNEL_REF_PREFIX.length));
}

function decodeKey(token: string): string {
  let key = token;
  if (key.includes('%')) {
    try {
      key = decodeURIComponent(key);
    } catch {
      // Keep the key as written.
    }
  }
  return key.replaceAll('~1', '/').replaceAll('~0', '~');
}

function readChannelMessages(
  root: JsonObject,
  channel: ChannelUse,
  problems: ProblemCollector,
  into: MessageUse[],
): void {
  const messages = channel.channel.messages;
  if (!isJsonObject(messages)) return;
  for (const name of Object.keys(messages)) {
    readMessages(
      root,
      messages[name],
      `${channel.location}/messages/${jsonPointer([name]).slice(1)}`,
      problems,
      into,
    );
  }
}
