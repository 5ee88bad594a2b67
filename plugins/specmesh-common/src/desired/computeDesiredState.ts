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
import type {
  AccessLevel,
  AclBinding,
  DesiredSchema,
  DesiredState,
  DesiredStateOptions,
  DesiredStateResult,
  DesiredTopic,
  TopicDependency,
} from '../model';
import { jsonPointer, ProblemCollector } from '../problems';
import { readAsyncApi2 } from '../document/asyncapi2';
import { readAsyncApi3 } from '../document/asyncapi3';
import { isJsonObject, JsonObject } from '../document/refs';
import type { ChannelUse, SpecView } from '../document/specView';
import { ownerAcls, topicReadAcls } from '../rules/acls';
import { readAccessLevel, suggestAccessLevel } from '../rules/accessLevel';
import { appIdCandidate, findAppIdDefect } from '../rules/identity';
import { ANY_PRINCIPAL, principalOf } from '../rules/principals';
import { PUBLIC_GRANTEE, readGrantTags } from '../rules/grants';
import { ownerAppIdOfTopic, ownerPrefixOfTopic } from '../rules/topicOwnership';
import {
  dottedChannelName,
  findTopicNameDefect,
  resolveTopic,
} from '../rules/topicNames';
import { BindingDefect, readTopicSettings } from '../rules/topicSettings';
import { channelSchemas } from './channelSchemas';
import {
  collectGrantTags,
  collectReadOnlyGrantTags,
  readChannelGrantees,
} from './channelGrants';
import { readSpecVersion } from './specVersion';

/**
 * Applies the rule book to an AsyncAPI document (the plain object from
 * {@link parseSpecText}): the topics, ACL bindings, schema subjects and
 * dependencies it implies, and every problem found on the way. The state is
 * present only when there is no error. Pure: schema files come in as texts.
 *
 * @public
 */
export function computeDesiredState(
  document: unknown,
  options: DesiredStateOptions = {},
): DesiredStateResult {
  const problems = new ProblemCollector(options.file);
  const state = buildState(document, options, problems);
  return problems.hasErrors || !state
    ? { problems: problems.problems }
    : { state, problems: problems.problems };
}

function buildState(
  document: unknown,
  options: DesiredStateOptions,
  problems: ProblemCollector,
): DesiredState | undefined {
  if (!isJsonObject(document)) {
    problems.error(
      '/',
      'The document is not an AsyncAPI spec: its top level is not a map.',
      'Start the file with "asyncapi: 3.0.0", "id: urn:<app-id>", "info" and "channels".',
    );
    return undefined;
  }
  const version = readSpecVersion(document, problems);
  const appId = readAppId(document, problems);
  if (version === undefined || appId === undefined) return undefined;

  const view: SpecView =
    version === 2
      ? readAsyncApi2(document, problems)
      : readAsyncApi3(document, problems);
  if (document.channels !== undefined && !isJsonObject(document.channels)) {
    problems.error(
      '/channels',
      'channels must be a map from channel name to channel.',
      'Write channels as a map, e.g. "_public.user_signed_up: { … }".',
    );
  } else if (
    document.channels === undefined ||
    Object.keys(document.channels).length === 0
  ) {
    problems.warning(
      '/channels',
      'The spec declares no channels, so it owns no topics.',
      'Add the channels the application writes and reads.',
    );
  }

  const principal = principalOf(appId, options.principalMap);
  const topics: DesiredTopic[] = [];
  const grantAcls: AclBinding[] = [];
  const schemas: DesiredSchema[] = [];
  const dependencies: TopicDependency[] = [];
  const grants: Record<string, string[]> = {};
  const channelOfTopic = new Map<string, ChannelUse>();

  for (const channel of view.channels) {
    if (channel.operations.length === 0) {
      problems.warning(
        channel.location,
        `The channel "${channel.key}" has no operation, so it is neither written nor read and declares nothing.`,
        version === 2
          ? 'Add a publish (the owner writes) or subscribe (it reads) operation.'
          : 'Add an operation with action send (the owner writes) or receive (it reads) that refers to it.',
      );
      continue;
    }
    const ownerWrites = channel.operations.some(
      operation => operation.ownerWrites,
    );
    const { topic, owned } = resolveTopic(channel.name, appId, ownerWrites);

    const relative = owned
      ? topic.slice(appId.length + 1)
      : dottedChannelName(channel.name);
    const level = readAccessLevel(relative);
    if (level.kind === 'typo') {
      problems.error(
        channel.nameLocation,
        `The channel "${channel.name}" starts with "${level.segment}", which is not an access level.`,
        `Use "${suggestAccessLevel(
          level.segment,
        )}" (the levels are _public, _protected and _private, lower case).`,
      );
    }
    const nameDefect = findTopicNameDefect(topic);
    if (nameDefect) {
      problems.error(
        channel.nameLocation,
        `The channel "${channel.name}" resolves to the topic "${topic}", which ${nameDefect}.`,
        'Rename the channel.',
      );
    }
    const earlier = channelOfTopic.get(topic);
    if (earlier) {
      problems.error(
        channel.nameLocation,
        `The channels "${earlier.key}" and "${channel.key}" both resolve to the topic "${topic}".`,
        'Declare each topic once: merge the two channels or rename one.',
      );
      continue;
    }
    channelOfTopic.set(topic, channel);

    if (!owned) {
      addDependency(channel, topic, problems, dependencies);
      continue;
    }

    let access: AccessLevel;
    if (level.kind === 'level') {
      access = level.level;
    } else {
      access = 'protected';
      if (level.kind === 'missing') {
        problems.warning(
          channel.nameLocation,
          `The channel "${channel.name}" has no access level, so the topic "${topic}" is treated as _protected (the owner and explicit grantees read it).`,
          'Start the channel name with _public., _protected. or _private. to say who may read it.',
        );
      }
    }

    const binding = readKafkaBinding(channel, problems);
    const bindingDefects: BindingDefect[] = [];
    const settings = readTopicSettings(binding, bindingDefects);
    for (const defect of bindingDefects) {
      problems.error(
        `${channel.location}/bindings/kafka${jsonPointer(defect.path)}`,
        defect.message,
        defect.fix,
      );
    }
    topics.push({ name: topic, access, ...settings });

    const grantees = readChannelGrantees(collectGrantTags(channel), problems);
    if (grantees.length > 0) {
      applyGrants(
        channel,
        topic,
        access,
        appId,
        grantees,
        options,
        problems,
        grantAcls,
      );
      if (access !== 'private') grants[topic] = grantees;
    }

    if (ownerWrites) {
      schemas.push(
        ...channelSchemas(channel, topic, binding, {
          root: document,
          schemaFiles: options.schemaFiles,
          problems,
        }),
      );
    }
  }

  const acls = dedupeAcls([
    ...ownerAcls(appId, principal, {
      idempotentWrite: options.idempotentWrite ?? true,
    }),
    ...grantAcls,
  ]);
  const state: DesiredState = {
    appId,
    principal,
    topics,
    acls,
    schemas,
    dependencies,
  };
  if (Object.keys(grants).length > 0) state.grants = grants;
  return state;
}

function readAppId(
  document: JsonObject,
  problems: ProblemCollector,
): string | undefined {
  const id = document.id;
  if (id === undefined || id === null) {
    problems.error(
      '/id',
      'The spec has no "id"; SpecMesh needs it to know which application owns the topics.',
      'Add "id: urn:<app-id>" at the top level, e.g. "id: urn:acme.lifestyle.onboarding".',
    );
    return undefined;
  }
  if (typeof id !== 'string') {
    problems.error(
      '/id',
      `The id must be a string "urn:<app-id>", not ${JSON.stringify(id)}.`,
      'Write the id as "urn:<app-id>", e.g. "urn:acme.lifestyle.onboarding".',
    );
    return undefined;
  }
  const candidate = appIdCandidate(id);
  if (candidate === undefined) {
    problems.error(
      '/id',
      `The id "${id}" does not start with "urn:".`,
      `Write it as "urn:${id}" if "${id}" is the app-id.`,
    );
    return undefined;
  }
  const defect = findAppIdDefect(candidate);
  if (defect) {
    problems.error(
      '/id',
      `The id "${id}" does not give a valid app-id. ${defect.message}`,
      defect.fix,
    );
    return undefined;
  }
  return candidate;
}

function readKafkaBinding(
  channel: ChannelUse,
  problems: ProblemCollector,
): JsonObject | undefined {
  const bindings = channel.channel.bindings;
  if (bindings === undefined || bindings === null) return undefined;
  if (!isJsonObject(bindings)) {
    problems.error(
      `${channel.location}/bindings`,
      'bindings must be a map of protocol bindings.',
      'Write "bindings: { kafka: { partitions: 3 } }".',
    );
    return undefined;
  }
  const kafka = bindings.kafka;
  if (kafka === undefined || kafka === null) return undefined;
  if (!isJsonObject(kafka)) {
    problems.error(
      `${channel.location}/bindings/kafka`,
      'The Kafka binding must be a map (partitions, replicas, configs, …).',
      'Write "kafka: { partitions: 3, replicas: 3 }".',
    );
    return undefined;
  }
  return kafka;
}

function applyGrants(
  channel: ChannelUse,
  topic: string,
  access: AccessLevel,
  appId: string,
  grantees: string[],
  options: DesiredStateOptions,
  problems: ProblemCollector,
  into: AclBinding[],
): void {
  if (access === 'private') {
    problems.error(
      channel.nameLocation,
      `The channel "${
        channel.name
      }" is _private but grants read access to ${grantees.join(
        ', ',
      )}; private data is never shared.`,
      'Remove the grant-access tags, or make the channel _protected to share it with named app-ids.',
    );
    return;
  }
  if (access === 'public') {
    problems.warning(
      channel.nameLocation,
      `The channel "${
        channel.name
      }" is _public, so its grant-access tags (${grantees.join(
        ', ',
      )}) change nothing: every authenticated principal reads it.`,
      'Remove the grant-access tags, or make the channel _protected if only the grantees should read it.',
    );
    return;
  }
  for (const grantee of grantees) {
    if (grantee === appId) {
      problems.warning(
        channel.nameLocation,
        `The channel "${channel.name}" grants access to its own owner ${appId}, which already reads it.`,
        `Remove "grant-access:${appId}".`,
      );
      continue;
    }
    const principal =
      grantee === PUBLIC_GRANTEE
        ? ANY_PRINCIPAL
        : principalOf(grantee, options.principalMap);
    into.push(...topicReadAcls(topic, principal));
  }
}

function addDependency(
  channel: ChannelUse,
  topic: string,
  problems: ProblemCollector,
  into: TopicDependency[],
): void {
  const prefix = ownerPrefixOfTopic(topic);
  const owner = prefix === undefined ? undefined : ownerAppIdOfTopic(topic);
  if (prefix !== undefined && owner === undefined) {
    problems.warning(
      channel.nameLocation,
      `The channel "${channel.name}" reads "${topic}", but "${prefix}" is not a valid app-id, so the topic's owner is unknown.`,
      'Write the topic name exactly as its owner declares it, e.g. "acme.finance.accounting._public.invoice_issued".',
    );
  }
  if (readGrantTags(collectReadOnlyGrantTags(channel)).grantees.length > 0) {
    problems.warning(
      channel.nameLocation,
      `The channel "${channel.name}" reads another application's topic; its grant-access tags have no effect.`,
      "Only a topic's owner can grant access: ask the owner to add the grant to its spec.",
    );
  }
  into.push({ topic, appId: owner ?? null });
}

function dedupeAcls(bindings: AclBinding[]): AclBinding[] {
  const seen = new Set<string>();
  const unique: AclBinding[] = [];
  for (const binding of bindings) {
    const key = `${binding.resourceType}\u0000${binding.resourceName}\u0000${binding.patternType}\u0000${binding.principal}\u0000${binding.operation}\u0000${binding.permissionType}\u0000${binding.host}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(binding);
  }
  return unique;
}
