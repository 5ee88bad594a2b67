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
import type { SpecProblem } from '@meshport/plugin-specmesh-common';
import type { ApplyResult, Plan, PlanItemState } from '../plan';

/**
 * A spec sent by value to the backend, as {@link readSpecFile} read it: its
 * path in its workspace, its text and its schema files by `$ref`.
 *
 * @public
 */
export interface SpecmeshSubmittedSpec {
  file: string;
  text: string;
  schemaFiles?: Record<string, string>;
}

/**
 * A spec to plan or apply that the catalog may not know yet.
 *
 * @public
 */
export interface SpecmeshSpecRequest {
  spec: SpecmeshSubmittedSpec;
  /** A cluster of `specmesh.clusters`; default the entity's, else the default one. */
  cluster?: string;
  /** The spec's data product, when registered; default the one claiming its app-id. */
  entityRef?: string;
  deleteUnmanaged?: boolean;
}

/**
 * The backend's plan of a registered entity.
 *
 * @public
 */
export interface SpecmeshEntityPlan {
  entityRef: string;
  cluster: string;
  plan: Plan;
  summary: Record<PlanItemState, number>;
}

/**
 * The backend's plan of a spec sent by value.
 *
 * @public
 */
export interface SpecmeshSpecPlan {
  appId: string;
  /** The spec's data product, when the catalog has one. */
  entityRef?: string;
  cluster: string;
  plan: Plan;
  summary: Record<PlanItemState, number>;
  /** The rule book's warnings about the spec. */
  warnings: SpecProblem[];
}

/**
 * One apply, as the backend's history keeps it.
 *
 * @public
 */
export interface SpecmeshApplyRecord {
  id: string;
  /** The data product's entity; empty for a spec applied before it had one. */
  entityRef: string;
  appId: string;
  cluster: string;
  actor: string;
  startedAt: string;
  finishedAt?: string;
  status: 'running' | 'succeeded' | 'blocked' | 'failed';
  plan?: Plan;
  result?: ApplyResult;
  error?: string;
}
