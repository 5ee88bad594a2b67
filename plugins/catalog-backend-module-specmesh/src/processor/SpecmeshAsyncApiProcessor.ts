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

import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { MESHPORT_APP_ID_ANNOTATION } from '@meshport/plugin-specmesh-common';
import { createHash } from 'node:crypto';
import { isAsyncApiEntity } from './isAsyncApiEntity';
import { LruCache } from './LruCache';
import { SpecSummary, summarizeSpec } from './summarizeSpec';

const DEFAULT_CACHE_SIZE = 500;

/**
 * Options of {@link SpecmeshAsyncApiProcessor}.
 *
 * @public
 */
export interface SpecmeshAsyncApiProcessorOptions {
  /**
   * How many distinct specs to remember the rule engine's verdict for.
   * Default: 500.
   */
  cacheSize?: number;
}

/**
 * Reads the AsyncAPI spec in `spec.definition` of every `API` entity of
 * `spec.type: asyncapi`. It annotates the entity with the spec's app-id
 * (`meshport.dev/app-id`), makes `group:default/<app-id>` its owner unless
 * `spec.owner` names one, and reports each error the rule engine finds as a
 * processing error of that entity alone.
 *
 * @public
 */
export class SpecmeshAsyncApiProcessor implements CatalogProcessor {
  // The catalog re-processes every entity every few minutes: remember the
  // verdict per spec content so an unchanged spec costs one hash.
  private readonly summaries: LruCache<SpecSummary>;

  constructor(options: SpecmeshAsyncApiProcessorOptions = {}) {
    this.summaries = new LruCache(options.cacheSize ?? DEFAULT_CACHE_SIZE);
  }

  getProcessorName(): string {
    return 'SpecmeshAsyncApiProcessor';
  }

  // Runs before validation: an API entity without spec.owner is invalid, and
  // the owner is what this processor may supply.
  async preProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isAsyncApiEntity(entity)) {
      return entity;
    }
    const definition = entity.spec?.definition;
    if (typeof definition !== 'string') {
      // An unresolved placeholder; the placeholder processor reports why.
      return entity;
    }

    const summary = this.summarize(definition, stringifyEntityRef(entity));
    for (const message of summary.errors) {
      emit(processingResult.inputError(location, message));
    }
    return summary.appId ? withAppId(entity, summary.appId) : entity;
  }

  private summarize(text: string, file: string): SpecSummary {
    const key = createHash('sha256')
      .update(file)
      .update('\0')
      .update(text)
      .digest('hex');
    let summary = this.summaries.get(key);
    if (!summary) {
      summary = summarizeSpec(text, file);
      this.summaries.set(key, summary);
    }
    return summary;
  }
}

function withAppId(entity: Entity, appId: string): Entity {
  const owner = entity.spec?.owner;
  const hasOwner = typeof owner === 'string' && owner.trim() !== '';
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: {
        ...entity.metadata.annotations,
        [MESHPORT_APP_ID_ANNOTATION]: appId,
      },
    },
    spec: {
      ...entity.spec,
      owner: hasOwner ? owner : `group:default/${appId}`,
    },
  };
}
