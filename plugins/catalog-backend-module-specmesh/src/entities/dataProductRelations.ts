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
  CompoundEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_PART_OF,
} from '@backstage/catalog-model';
import { EntityRelationSpec } from '@backstage/plugin-catalog-node';
import { SpecSummary } from '../processor/summarizeSpec';
import { topicEntityRef } from './topicEntity';

/**
 * The relations between a data product's API entity and the topics of its
 * spec, each in both directions.
 *
 * @remarks
 *
 * Built-in relation types, so that the catalog graph and the standard cards
 * show them: a topic the spec owns is `partOf` its API (which `hasPart` it);
 * a topic of another app-id that the spec reads is a `dependencyOf` the
 * reading API (which `dependsOn` it). A topic page thus lists its producer
 * apart from its consumers. The topic entity of another app-id may not exist
 * yet; the relation appears on it once it does.
 */
export function dataProductRelations(
  api: CompoundEntityRef,
  summary: Pick<SpecSummary, 'topics' | 'consumedTopics'>,
): EntityRelationSpec[] {
  const relations: EntityRelationSpec[] = [];
  const pair = (topic: string, fromApi: string, fromTopic: string) => {
    const target = topicEntityRef(topic);
    relations.push(
      { source: api, type: fromApi, target },
      { source: target, type: fromTopic, target: api },
    );
  };
  for (const topic of summary.topics) {
    pair(topic.name, RELATION_HAS_PART, RELATION_PART_OF);
  }
  for (const topic of new Set(summary.consumedTopics)) {
    pair(topic, RELATION_DEPENDS_ON, RELATION_DEPENDENCY_OF);
  }
  return relations;
}
