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
import type { JsonObject } from './refs';
import { isJsonObject } from './refs';
import {
  ChannelUse,
  channelLocation,
  dereferenceObject,
  MessageUse,
  OperationUse,
  readMessages,
  SpecView,
} from './specView';

/**
 * Reads an AsyncAPI 2.x document. SpecMesh's reading, kept for compatibility:
 * `publish` means the owner writes the channel, `subscribe` that it reads it.
 */
export function readAsyncApi2(
  root: JsonObject,
  problems: ProblemCollector,
): SpecView {
  const channels: ChannelUse[] = [];
  const channelMap = root.channels;
  if (!isJsonObject(channelMap)) return { channels };
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
    const operations: OperationUse[] = [];
    readOperation(
      root,
      channel.publish,
      `${location}/publish`,
      true,
      problems,
      operations,
    );
    readOperation(
      root,
      channel.subscribe,
      `${location}/subscribe`,
      false,
      problems,
      operations,
    );
    channels.push({
      key,
      location,
      name: key,
      nameLocation: location,
      channel,
      operations,
    });
  }
  return { channels };
}

function readOperation(
  root: JsonObject,
  value: unknown,
  location: string,
  ownerWrites: boolean,
  problems: ProblemCollector,
  into: OperationUse[],
): void {
  if (value === undefined || value === null) return;
  const operation = dereferenceObject(
    root,
    value,
    location,
    'operation',
    problems,
  );
  if (!operation) return;
  const messages: MessageUse[] = [];
  if (operation.message !== undefined && operation.message !== null) {
    readMessages(
      root,
      operation.message,
      `${location}/message`,
      problems,
      messages,
    );
  }
  into.push({ location, ownerWrites, tags: operation.tags, messages });
}
