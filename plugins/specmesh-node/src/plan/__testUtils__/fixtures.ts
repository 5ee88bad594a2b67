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
  AclBinding,
  DesiredState,
  DesiredTopic,
} from '@meshport/plugin-specmesh-common';
import type { LiveState, LiveTopic } from '../types';

export const APP_ID = 'acme.shop';
export const OWNER = `User:${APP_ID}`;

export function desiredTopic(
  name: string,
  settings: Partial<DesiredTopic> = {},
): DesiredTopic {
  return {
    name: `${APP_ID}.${name}`,
    access: 'protected',
    partitions: null,
    replicas: null,
    configs: {},
    ...settings,
  };
}

export function liveTopic(
  name: string,
  settings: Partial<LiveTopic> = {},
): LiveTopic {
  return {
    name: `${APP_ID}.${name}`,
    partitions: 1,
    replicas: 1,
    configs: {},
    ...settings,
  };
}

export function binding(overrides: Partial<AclBinding> = {}): AclBinding {
  return {
    resourceType: 'TOPIC',
    resourceName: `${APP_ID}.`,
    patternType: 'PREFIXED',
    principal: OWNER,
    host: '*',
    operation: 'READ',
    permissionType: 'ALLOW',
    ...overrides,
  };
}

export function desiredState(
  overrides: Partial<DesiredState> = {},
): DesiredState {
  return {
    appId: APP_ID,
    principal: OWNER,
    topics: [],
    acls: [],
    schemas: [],
    dependencies: [],
    ...overrides,
  };
}

export function liveState(overrides: Partial<LiveState> = {}): LiveState {
  return { topics: [], acls: [], subjects: [], schemaChecks: {}, ...overrides };
}

/** The live state that exactly matches a desired state, as a converged cluster would report it. */
export function liveStateOf(
  desired: DesiredState,
  compatibility = 'FULL_TRANSITIVE',
): LiveState {
  return {
    topics: desired.topics.map(topic => ({
      name: topic.name,
      partitions: topic.partitions ?? 1,
      replicas: topic.replicas ?? 1,
      configs: { ...topic.configs },
    })),
    acls: desired.acls.map(acl => ({ ...acl })),
    subjects: desired.schemas.map((schema, index) => ({
      subject: schema.subject,
      version: 1,
      id: index + 1,
      schemaType: schema.schemaType,
      schema: schema.schema ?? '',
      compatibility,
    })),
    schemaChecks: {},
  };
}
