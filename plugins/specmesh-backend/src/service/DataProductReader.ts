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
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DesiredState,
  DesiredStateResult,
  formatProblem,
  PrincipalMap,
} from '@meshport/plugin-specmesh-common';
import {
  ClusterConfig,
  judgeSpec,
  selectCluster,
} from '@meshport/plugin-specmesh-node';
import {
  MESHPORT_CLUSTER_ANNOTATION,
  MESHPORT_SCHEMA_FILES_ANNOTATION,
} from '../annotations';
import { asyncApiDefinitionOf } from './asyncApiDefinition';

/**
 * What to provision where: an entity's valid desired state and its cluster.
 */
export interface ProvisioningTarget {
  entityRef: string;
  cluster: ClusterConfig;
  desired: DesiredState;
}

/**
 * Reads data products from the catalog and runs the rule book on their specs,
 * with the principal map and policy of the cluster each one is provisioned on.
 */
export class DataProductReader {
  private readonly catalog: CatalogService;
  private readonly clusters: readonly ClusterConfig[];
  private readonly principalMap: PrincipalMap;

  constructor(options: {
    catalog: CatalogService;
    /** Default first, as `readClusterConfigs` returns them. */
    clusters: readonly ClusterConfig[];
    /** The global principal map, for when no cluster is configured. */
    principalMap?: PrincipalMap;
  }) {
    this.catalog = options.catalog;
    this.clusters = options.clusters;
    this.principalMap = options.principalMap ?? {};
  }

  /**
   * The entity, read with the caller's credentials so that nobody learns about
   * an entity they may not see.
   */
  async getEntity(
    entityRef: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const ref = stringifyEntityRef(entityRef);
    const entity = await this.catalog.getEntityByRef(ref, { credentials });
    if (!entity) {
      throw new NotFoundError(`No entity ${ref} in the catalog`);
    }
    return entity;
  }

  /**
   * The one judge's verdict on the entity's spec (rule book and AsyncAPI
   * parser, as in the catalog and the CLI), with the schema files the
   * catalog module stored on the entity. Spec problems are returned, not
   * thrown; an entity that carries no AsyncAPI spec is an InputError.
   */
  async desiredStateOf(entity: Entity): Promise<DesiredStateResult> {
    const text = asyncApiDefinitionOf(entity);
    const cluster = this.clusters.length ? this.clusterOf(entity) : undefined;
    const schemaFiles = schemaFilesOf(entity);
    // Problems name the entity: the spec reached us as its spec.definition.
    const { state, problems } = await judgeSpec(
      {
        file: stringifyEntityRef(entity),
        text,
        ...(schemaFiles && { schemaFiles }),
      },
      {
        principalMap: this.principalMapOf(entity),
        ...(cluster?.idempotentWrite !== undefined && {
          idempotentWrite: cluster.idempotentWrite,
        }),
      },
    );
    return { ...(state && { state }), problems };
  }

  /**
   * The principal map in force for the entity: its cluster's, else the global
   * one. Principal names are not secrets; the portal shows them next to ACLs.
   */
  principalMapOf(entity: Entity): PrincipalMap {
    const cluster = this.clusters.length ? this.clusterOf(entity) : undefined;
    return cluster?.principals ?? this.principalMap;
  }

  /**
   * The cluster named by the entity's `meshport.dev/cluster` annotation, else
   * the default one.
   */
  clusterOf(entity: Entity): ClusterConfig {
    const name = entity.metadata.annotations?.[MESHPORT_CLUSTER_ANNOTATION];
    try {
      return selectCluster(this.clusters, name);
    } catch (error) {
      if (name === undefined) throw error;
      throw new InputError(
        `Entity ${stringifyEntityRef(
          entity,
        )} has annotation ${MESHPORT_CLUSTER_ANNOTATION}: '${name}', which is not a configured cluster: use one of ${this.clusters
          .map(cluster => `'${cluster.name}'`)
          .join(', ')}, or remove the annotation to use the default cluster`,
      );
    }
  }

  /**
   * The entity's cluster and desired state, or an InputError carrying the rule
   * book's messages when its spec has errors.
   */
  async targetOf(entity: Entity): Promise<ProvisioningTarget> {
    const entityRef = stringifyEntityRef(entity);
    const cluster = this.clusterOf(entity);
    const { state, problems } = await this.desiredStateOf(entity);
    const errors = problems.filter(problem => problem.severity === 'error');
    if (!state || errors.length > 0) {
      throw new InputError(
        `The spec of ${entityRef} has ${errors.length} error${
          errors.length === 1 ? '' : 's'
        }; fix ${
          errors.length === 1 ? 'it' : 'them'
        } before provisioning:\n${errors.map(formatProblem).join('\n')}`,
      );
    }
    return { entityRef, cluster, desired: state };
  }
}

/** The schema file texts the catalog module stored on the entity, if any. */
function schemaFilesOf(entity: Entity): Record<string, string> | undefined {
  const raw = entity.metadata.annotations?.[MESHPORT_SCHEMA_FILES_ANNOTATION];
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  if (
    !parsed ||
    typeof parsed !== 'object' ||
    Array.isArray(parsed) ||
    !Object.values(parsed).every(text => typeof text === 'string')
  ) {
    throw new InputError(
      `Annotation ${MESHPORT_SCHEMA_FILES_ANNOTATION} of entity ${stringifyEntityRef(
        entity,
      )} is not a JSON object from schema file reference to text: let the Meshport catalog module write it, or remove it`,
    );
  }
  return parsed as Record<string, string>;
}
