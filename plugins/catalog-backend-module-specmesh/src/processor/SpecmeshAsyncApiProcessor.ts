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
  ANNOTATION_SOURCE_LOCATION,
  DEFAULT_NAMESPACE,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  DataProductRecognition,
  isDataProductEntity,
  MESHPORT_APP_ID_ANNOTATION,
  MESHPORT_DATA_PRODUCT_ANNOTATION,
  MESHPORT_SCHEMA_FILES_ANNOTATION,
  readSchemaFilesAnnotation,
} from '@meshport/plugin-specmesh-common';
import { SpecJudge } from '@meshport/plugin-specmesh-node';
import { LRUCache } from 'lru-cache';
import { hash } from 'node:crypto';
import { CONFIG_KEY, readSpecmeshCatalogConfig } from '../config';
import { dataProductEmissions } from '../entities/dataProductEmissions';
import { topicPartOf } from '../entities/topicPartOf';
import { OwnershipRules } from '../ownership/OwnershipRules';
import { isAsyncApiEntity } from './isAsyncApiEntity';
import { SpecSummary, summarizeSpec } from './summarizeSpec';

const DEFAULT_CACHE_SIZE = 5000;

/**
 * Options of {@link SpecmeshAsyncApiProcessor}.
 *
 * @public
 */
export interface SpecmeshAsyncApiProcessorOptions {
  /**
   * How many distinct specs to remember the rule engine's result for.
   * Default: 5000.
   */
  cacheSize?: number;
  /** Owners and systems by app-id prefix. Default: no rules. */
  ownershipRules?: OwnershipRules;
  /** The judge of specs; the shared one (`judgeSpec`'s) by default. */
  judge?: SpecJudge;
  /**
   * Which AsyncAPI APIs are data products (see `isDataProductEntity`);
   * every other entity passes through untouched. Default: `annotated`.
   */
  dataProducts?: DataProductRecognition;
}

/**
 * Turns the AsyncAPI spec in `spec.definition` of every data product (an `API`
 * entity of `spec.type: asyncapi` that `isDataProductEntity` accepts; other
 * entities pass through untouched) into catalog data: the app-id annotation
 * (`meshport.dev/app-id`), the owner and system (see {@link OwnershipRules}),
 * a `kafka-topic` Resource entity per owned topic, and the relations between
 * the API and the topics it owns and reads. Each error the rule engine finds
 * becomes a processing error of that entity alone.
 *
 * @public
 */
export class SpecmeshAsyncApiProcessor implements CatalogProcessor {
  // The catalog re-processes every entity every few minutes: remember the
  // result per spec content so an unchanged spec costs one hash.
  private readonly summaries: LRUCache<string, SpecSummary>;
  private readonly ownershipRules: OwnershipRules;
  private readonly judge?: SpecJudge;
  private readonly dataProducts: DataProductRecognition;

  /** A processor configured by `catalog.processors.specmesh`. */
  static fromConfig(config: Config): SpecmeshAsyncApiProcessor {
    const { ownership, cacheSize, dataProducts } =
      readSpecmeshCatalogConfig(config);
    return new SpecmeshAsyncApiProcessor({
      cacheSize,
      dataProducts,
      ownershipRules: new OwnershipRules(ownership, `${CONFIG_KEY}.ownership`),
    });
  }

  constructor(options: SpecmeshAsyncApiProcessorOptions = {}) {
    this.summaries = new LRUCache({
      max: options.cacheSize ?? DEFAULT_CACHE_SIZE,
    });
    this.ownershipRules = options.ownershipRules ?? new OwnershipRules([]);
    this.judge = options.judge;
    this.dataProducts = options.dataProducts ?? 'annotated';
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
    // A portal's other AsyncAPI APIs are not ours: untouched, never judged.
    if (!isDataProductEntity(entity, this.dataProducts)) {
      return entity;
    }
    const summary = await this.summaryOf(entity);
    if (!summary) {
      return entity;
    }
    for (const message of summary.errors) {
      emit(processingResult.inputError(location, message));
    }
    return summary.appId
      ? this.withDataProduct(entity, summary.appId, summary)
      : entity;
  }

  // Runs after validation, on the entity's final owner and system.
  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const partOf = topicPartOf(entity);
    if (partOf) {
      emit(processingResult.relation(partOf));
      return entity;
    }
    if (!isDataProductEntity(entity, this.dataProducts)) {
      return entity;
    }
    const summary = await this.summaryOf(entity);
    if (!summary?.appId || summary.errors.length > 0) {
      return entity;
    }
    const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
    const owner = fullRef(entity.spec?.owner, 'Group', namespace);
    if (!owner) {
      // The built-in processor reports the malformed owner.
      return entity;
    }
    const system = fullRef(entity.spec?.system, 'System', namespace);
    for (const result of dataProductEmissions(entity, location, summary, {
      appId: summary.appId,
      owner,
      ...(system && { system }),
      sourceLocation: entity.metadata.annotations?.[ANNOTATION_SOURCE_LOCATION],
    })) {
      emit(result);
    }
    return entity;
  }

  private async summaryOf(entity: Entity): Promise<SpecSummary | undefined> {
    if (!isAsyncApiEntity(entity)) {
      return undefined;
    }
    const definition = entity.spec?.definition;
    if (typeof definition !== 'string') {
      // An unresolved placeholder; the placeholder processor reports why.
      return undefined;
    }
    const file = stringifyEntityRef(entity);
    const schemaFilesAnnotation =
      entity.metadata.annotations?.[MESHPORT_SCHEMA_FILES_ANNOTATION];
    // One-shot hashing: a hash object per call cost more than the hashing.
    // The annotation's length keeps its end from moving into the definition.
    const annotation = schemaFilesAnnotation ?? '';
    const key = hash(
      'sha256',
      `${file}\0${annotation.length}\0${annotation}\0${definition}`,
    );
    let summary = this.summaries.get(key);
    if (!summary) {
      summary = await summarizeWithSchemaFiles(
        definition,
        file,
        schemaFilesAnnotation,
        this.judge,
      );
      this.summaries.set(key, summary);
    }
    return summary;
  }

  private withDataProduct(
    entity: Entity,
    appId: string,
    info: Pick<SpecSummary, 'title' | 'description'>,
  ): Entity {
    const { owner, system } = this.ownershipRules.resolve(appId, {
      owner: entity.spec?.owner,
      system: entity.spec?.system,
    });
    const title = entity.metadata.title ?? info.title;
    const description = entity.metadata.description ?? info.description;
    return {
      ...entity,
      metadata: {
        ...entity.metadata,
        ...(title !== undefined && { title }),
        ...(description !== undefined && { description }),
        annotations: {
          ...entity.metadata.annotations,
          // Set already, unless every AsyncAPI API is a data product; the
          // entity tabs look for it.
          [MESHPORT_DATA_PRODUCT_ANNOTATION]: 'true',
          [MESHPORT_APP_ID_ANNOTATION]: appId,
        },
      },
      spec: { ...entity.spec, owner, ...(system && { system }) },
    };
  }
}

// The catalog module's file processors annotate the schema files of specs read
// from files; without the annotation (inline and url definitions), file refs
// are taken as they are.
async function summarizeWithSchemaFiles(
  definition: string,
  file: string,
  schemaFilesAnnotation: string | undefined,
  judge: SpecJudge | undefined,
): Promise<SpecSummary> {
  if (schemaFilesAnnotation === undefined) {
    return summarizeSpec(definition, file, undefined, judge);
  }
  const reading = readSchemaFilesAnnotation(schemaFilesAnnotation);
  if (!reading.ok) {
    const summary = await summarizeSpec(definition, file, undefined, judge);
    return {
      ...summary,
      errors: [...summary.errors, `${file}: ${reading.message}`],
    };
  }
  return summarizeSpec(definition, file, reading.files, judge);
}

/** A full ref of a ref as an entity's spec may write it, or `undefined`. */
function fullRef(
  ref: unknown,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  if (typeof ref !== 'string' || ref.trim() === '') {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace }),
    );
  } catch {
    return undefined;
  }
}
