/*
 * Copyright 2026 The Meshport Authors
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
import type { AccessLevel } from '../model';
import { ProblemCollector } from '../problems';
import { readAsyncApi2 } from '../document/asyncapi2';
import { readAsyncApi3 } from '../document/asyncapi3';
import { isJsonObject } from '../document/refs';
import type { ChannelUse } from '../document/specView';
import { readSpecVersion } from '../desired/specVersion';
import { readAccessLevel } from '../rules/accessLevel';
import { appIdFromSpecId } from '../rules/identity';
import { dottedChannelName, resolveTopic } from '../rules/topicNames';
import { GrantEditError } from './GrantEditError';

/** Which channel to change: by its full Kafka topic name or its key in `channels`. */
export type ChannelSelector = { topic: string } | { channel: string };

/** An owned channel found for an edit, with what the rule book says about it. */
export interface GrantChannel {
  use: ChannelUse;
  topic: string;
  /** The access level; a channel without one reads as protected (§2). */
  access: AccessLevel;
  ownerAppId: string;
  version: 2 | 3;
}

/**
 * Finds the owned channel a grant edit is about, mapping topics to channels
 * with the rule book's own readers (§2), so the editor and the desired state
 * can never disagree about which channel a topic is.
 */
export function findGrantChannel(
  document: unknown,
  selector: ChannelSelector,
): GrantChannel {
  if (!isJsonObject(document)) {
    throw new GrantEditError(
      'The file is not an AsyncAPI spec: its top level is not a map.',
      "Give the path of the data product's AsyncAPI spec.",
    );
  }
  const problems = new ProblemCollector();
  const version = readSpecVersion(document, problems);
  if (version === undefined) {
    throw new GrantEditError(
      problems.problems[0]?.message ?? 'The AsyncAPI version is not supported.',
      'Edit an AsyncAPI 2.x or 3.x spec.',
    );
  }
  const ownerAppId =
    typeof document.id === 'string' ? appIdFromSpecId(document.id) : undefined;
  if (ownerAppId === undefined) {
    throw new GrantEditError(
      'The spec has no valid "id: urn:<app-id>", so its channels cannot be mapped to topics.',
      "Fix the spec's id first (meshport validate tells how).",
    );
  }
  const view =
    version === 2
      ? readAsyncApi2(document, problems)
      : readAsyncApi3(document, problems);
  const owned: string[] = [];
  for (const use of view.channels) {
    const ownerWrites = use.operations.some(operation => operation.ownerWrites);
    const { topic, owned: isOwned } = resolveTopic(
      use.name,
      ownerAppId,
      ownerWrites,
    );
    if (isOwned) owned.push(topic);
    if (!matches(selector, use, topic)) continue;
    if (!isOwned) {
      throw new GrantEditError(
        `The channel "${use.key}" reads "${topic}", a topic of another application; only a topic's owner can grant access to it.`,
        'Ask the owner of that topic to grant access in its own spec.',
      );
    }
    const level = readAccessLevel(topic.slice(ownerAppId.length + 1));
    if (level.kind === 'typo') {
      throw new GrantEditError(
        `The channel "${use.name}" starts with "${level.segment}", which is not an access level.`,
        'Fix the channel name first (meshport validate tells how).',
      );
    }
    const access = level.kind === 'level' ? level.level : 'protected';
    return { use, topic, access, ownerAppId, version };
  }
  const wanted = 'topic' in selector ? selector.topic : selector.channel;
  throw new GrantEditError(
    `The spec of ${ownerAppId} has no channel for "${wanted}".`,
    owned.length > 0
      ? `Name one of its topics: ${owned.slice(0, 20).join(', ')}.`
      : 'The spec owns no topics; grants apply to topics its owner writes.',
  );
}

function matches(
  selector: ChannelSelector,
  use: ChannelUse,
  topic: string,
): boolean {
  if ('topic' in selector) return selector.topic === topic;
  return (
    selector.channel === use.key ||
    dottedChannelName(selector.channel) === dottedChannelName(use.name)
  );
}
