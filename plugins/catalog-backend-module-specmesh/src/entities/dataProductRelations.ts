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
} from '@backstage/catalog-model';
import { EntityRelationSpec } from '@backstage/plugin-catalog-node';
import { SpecSummary } from '../processor/summarizeSpec';
import { topicEntityRef } from './topicEntity';

/**
 * The relations the API entity of a data product emits between itself and
 * the topics of its spec.
 *
 * @remarks
 *
 * Built-in relation types, so that the catalog graph and the standard cards
 * show them: the API `hasPart` each topic the spec owns (the topic's own
 * `partOf` comes from the topic entity, see `topicPartOf`); a topic of another
 * app-id that the spec reads is a `dependencyOf` the reading API (which
 * `dependsOn` it), both from here, as only the reader knows. A topic page thus
 * lists its producer apart from its consumers. The topic entity of another
 * app-id may not exist yet; the relation appears on it once it does.
 */
export function dataProductRelations(
  api: CompoundEntityRef,
  summary: Pick<SpecSummary, 'topics' | 'consumedTopics'>,
): EntityRelationSpec[] {
  const relations: EntityRelationSpec[] = summary.topics.map(topic => ({
    source: api,
    type: RELATION_HAS_PART,
    target: topicEntityRef(topic.name),
  }));
  for (const topic of new Set(summary.consumedTopics)) {
    const target = topicEntityRef(topic);
    relations.push(
      { source: api, type: RELATION_DEPENDS_ON, target },
      { source: target, type: RELATION_DEPENDENCY_OF, target: api },
    );
  }
  return relations;
}
