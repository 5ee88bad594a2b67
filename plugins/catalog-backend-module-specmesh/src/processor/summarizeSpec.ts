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

import {
  appIdFromSpecId,
  DesiredState,
  DesiredTopic,
  formatProblem,
} from '@meshport/plugin-specmesh-common';
import { judgeSpec, SpecJudge } from '@meshport/plugin-specmesh-node';

/** An owned topic, with what its catalog entity shows. */
export interface TopicSummary extends DesiredTopic {
  /** Schema-registry subjects registered for the topic. */
  subjects: string[];
  /** App-ids (or `_public`) granted read access by tags. */
  grantees: string[];
}

/** What the catalog needs to know about a spec. */
export interface SpecSummary {
  /** The app-id the spec declares, when its `id` reveals one. */
  appId?: string;
  /** The rule engine's message for every error-severity problem. */
  errors: string[];
  /** `info.title` and `info.description`, when the spec has them. */
  title?: string;
  description?: string;
  /** The topics the spec owns; none when it has errors. */
  topics: TopicSummary[];
  /** Other app-ids' topics the spec reads. */
  consumedTopics: string[];
}

/**
 * Judges a spec's text (the one judge: rule book and AsyncAPI parser, the
 * same verdict as the CLI's, the backend's and the scaffolder's) and keeps
 * only what the catalog uses, so that a cache of many specs stays small.
 * With `schemaFiles` (texts by `$ref` as written) the schema rules check the
 * files too; without, file refs are taken as they are. `judge` is the
 * shared one unless given.
 */
export async function summarizeSpec(
  text: string,
  file: string,
  schemaFiles?: Record<string, string>,
  judge?: SpecJudge,
): Promise<SpecSummary> {
  const source = { file, text, ...(schemaFiles && { schemaFiles }) };
  const { state, problems, document } = await (judge
    ? judge.judge(source)
    : judgeSpec(source));
  const info = objectField(document, 'info');
  return {
    // A spec with errors has no state; its id may still name the app-id, and
    // an owner derived from it keeps the catalog from piling a second,
    // unrelated "spec.owner is required" error on top of the real one.
    appId: state?.appId ?? declaredAppId(document),
    errors: problems.filter(p => p.severity === 'error').map(formatProblem),
    ...optionalString('title', objectField(info, 'title')),
    ...optionalString('description', objectField(info, 'description')),
    topics: state ? summarizeTopics(state) : [],
    consumedTopics: state ? state.dependencies.map(d => d.topic) : [],
  };
}

function summarizeTopics(state: DesiredState): TopicSummary[] {
  return state.topics.map(topic => ({
    ...topic,
    subjects: state.schemas
      .filter(schema => schema.topic === topic.name)
      .map(schema => schema.subject),
    grantees: state.grants?.[topic.name] ?? [],
  }));
}

function declaredAppId(document: unknown): string | undefined {
  const id = objectField(document, 'id');
  return typeof id === 'string' ? appIdFromSpecId(id) : undefined;
}

function objectField(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function optionalString<K extends string>(
  key: K,
  value: unknown,
): Partial<Record<K, string>> {
  return typeof value === 'string' && value.trim() !== ''
    ? ({ [key]: value.trim() } as Record<K, string>)
    : {};
}
