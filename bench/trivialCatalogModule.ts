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

/*
 * catalog-ingest's `--trivial`: instead of the SpecMesh module, a processor
 * that emits the same entities and relations without reading the specs (it
 * knows the generator's topics from the API's name), so the bench can tell
 * the catalog engine's own cost from the module's. The definition is the
 * spec's text, read as is, so that the entities stored are the same size.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { DEFAULT_NAMESPACE, Entity } from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  catalogProcessingExtensionPoint,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { dataProductEmissions } from '../plugins/catalog-backend-module-specmesh/src/entities/dataProductEmissions';
import { topicPartOf } from '../plugins/catalog-backend-module-specmesh/src/entities/topicPartOf';
import { TopicSummary } from '../plugins/catalog-backend-module-specmesh/src/processor/summarizeSpec';
import { benchAppId } from './catalogSpecs';

const LEVELS = ['public', 'protected', 'private'] as const;

/** What generateCatalogSpec's product `index` owns and reads. */
function generatedTopics(index: number, count: number, channels: number) {
  const appId = benchAppId(index);
  const topics: TopicSummary[] = [];
  const consumedTopics: string[] = [];
  for (let c = 0; c < channels; c++) {
    if (c % 5 === 4) {
      const other = (index + 1 + Math.floor(c / 5)) % count;
      consumedTopics.push(`${benchAppId(other)}._public.events_0`);
      continue;
    }
    const access = LEVELS[c % 3];
    topics.push({
      name: `${appId}._${access}.events_${c}`,
      access,
      partitions: 3 + (c % 4),
      replicas: 3,
      configs: {
        'cleanup.policy': 'delete',
        'retention.ms': String(86400000 * (c + 1)),
      },
      subjects: [`${appId}._${access}.events_${c}-value`],
      grantees: access === 'protected' ? [`bench.reader${c}`] : [],
    });
  }
  return { appId, topics, consumedTopics };
}

class TrivialProcessor implements CatalogProcessor {
  constructor(
    private readonly count: number,
    private readonly channels: number,
  ) {}

  getProcessorName(): string {
    return 'BenchTrivialProcessor';
  }

  getPriority(): number {
    return 10;
  }

  async preProcessEntity(entity: Entity, location: LocationSpec) {
    const path = (entity.spec?.definition as { $text?: string })?.$text;
    if (entity.kind !== 'API' || typeof path !== 'string') return entity;
    const definition = await readFile(
      join(dirname(location.target), path),
      'utf8',
    );
    const owner = `group:${DEFAULT_NAMESPACE}/${entity.metadata.name}`;
    return { ...entity, spec: { ...entity.spec, definition, owner } };
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ) {
    // A topic emits its own partOf, as the SpecMesh module's do.
    const partOf = topicPartOf(entity);
    if (partOf) emit(processingResult.relation(partOf));
    const index = /^bench-app(\d+)$/.exec(entity.metadata.name)?.[1];
    if (entity.kind !== 'API' || index === undefined) return entity;
    const summary = generatedTopics(Number(index), this.count, this.channels);
    for (const result of dataProductEmissions(entity, location, summary, {
      appId: summary.appId,
      owner: String(entity.spec?.owner),
    })) {
      emit(result);
    }
    return entity;
  }
}

/** A catalog module with the trivial processor, for `count` products. */
export function trivialCatalogModule(count: number, channels: number) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'bench-trivial',
    register(reg) {
      reg.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.addProcessor(new TrivialProcessor(count, channels));
        },
      });
    },
  });
}
