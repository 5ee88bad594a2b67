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
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessorResult,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { SpecSummary } from '../processor/summarizeSpec';
import { dataProductRelations } from './dataProductRelations';
import { topicEntity, TopicEntityContext } from './topicEntity';

/**
 * What a data product's API entity adds to the catalog: an entity for each topic its spec
 * owns, and its relations to its own topics and to those it reads. (Each topic emits its
 * own `partOf` when processed in turn: see topicPartOf.)
 */
export function dataProductEmissions(
  api: Entity,
  location: LocationSpec,
  summary: Pick<SpecSummary, 'topics' | 'consumedTopics'>,
  context: Omit<TopicEntityContext, 'api'>,
): CatalogProcessorResult[] {
  const topicContext = { ...context, api: stringifyEntityRef(api) };
  return [
    ...summary.topics.map(topic =>
      processingResult.entity(location, topicEntity(topic, topicContext)),
    ),
    ...dataProductRelations(getCompoundEntityRef(api), summary).map(relation =>
      processingResult.relation(relation),
    ),
  ];
}
