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
import { dereference, isJsonObject, JsonObject } from './refs';

/**
 * The parts of an AsyncAPI document the rule book reads, the same for 2.x and
 * 3.0. Values are the document's own objects, never copies.
 */
export interface SpecView {
  channels: ChannelUse[];
}

/** A channel and the operations on it. */
export interface ChannelUse {
  /** The channel's key in `channels`. */
  key: string;
  /** JSON pointer of the channel. */
  location: string;
  /** The name to resolve to a topic: the 3.0 `address`, else the key. */
  name: string;
  /** JSON pointer of that name, for problems about it. */
  nameLocation: string;
  channel: JsonObject;
  operations: OperationUse[];
}

/** An operation on a channel, in SpecMesh's reading of who writes. */
export interface OperationUse {
  location: string;
  /** `true` when the owner writes the channel (2.x `publish`, 3.0 `send`). */
  ownerWrites: boolean;
  tags: unknown;
  messages: MessageUse[];
}

/** A message an operation carries, with local `$ref`s followed. */
export interface MessageUse {
  location: string;
  message: JsonObject;
}

/** Reports a `$ref` that cannot be followed and returns the object it leads to, if any. */
export function dereferenceObject(
  root: JsonObject,
  value: unknown,
  location: string,
  what: string,
  problems: ProblemCollector,
): JsonObject | undefined {
  const target = dereference(root, value);
  switch (target.kind) {
    case 'value':
      if (isJsonObject(target.value)) return target.value;
      problems.error(
        location,
        `The ${what} must be a map, not ${describe(target.value)}.`,
        `Write the ${what} as an AsyncAPI ${what} object.`,
      );
      return undefined;
    case 'file':
      problems.error(
        location,
        `The ${what} refers to the file "${target.ref}"; only schemas (payloads and keys) may live in files.`,
        `Move the ${what} into the spec, under components, and refer to it with "#/components/…".`,
      );
      return undefined;
    default:
      problems.error(
        location,
        `The $ref "${target.ref}" cannot be followed: ${target.reason}.`,
        'Correct the $ref.',
      );
      return undefined;
  }
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** Reads a message, or the messages of a 2.x `oneOf`, at a location. */
export function readMessages(
  root: JsonObject,
  value: unknown,
  location: string,
  problems: ProblemCollector,
  into: MessageUse[],
): void {
  const message = dereferenceObject(root, value, location, 'message', problems);
  if (!message) return;
  const alternatives = message.oneOf;
  if (Array.isArray(alternatives)) {
    alternatives.forEach((alternative, index) =>
      readMessages(
        root,
        alternative,
        `${location}/oneOf/${index}`,
        problems,
        into,
      ),
    );
    return;
  }
  into.push({ location, message });
}

/** The JSON pointer of a channel. */
export function channelLocation(key: string): string {
  return jsonPointer(['channels', key]);
}
