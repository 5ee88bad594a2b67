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
import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { SpecmeshApi } from './SpecmeshApi';
import {
  ApplyHistoryResponse,
  ApplyRecord,
  DayRange,
  DesiredStateResponse,
  DriftReport,
  EntityChargeback,
  EntityStatus,
  MeshChargeback,
  OwnerChargeback,
  PlanResponse,
  ProvisionOptions,
  TopicChargeback,
} from './types';

const PLUGIN_ID = 'specmesh';

type Query = Record<string, string | number | undefined>;

function entityPath(entity: CompoundEntityRef): string {
  return [entity.kind, entity.namespace, entity.name]
    .map(encodeURIComponent)
    .join('/');
}

function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The {@link SpecmeshApi} over HTTP, through the app's discovery and fetch
 * APIs (which add the user's token).
 *
 * @public
 */
export class SpecmeshClient implements SpecmeshApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getDesiredState(entity: CompoundEntityRef): Promise<DesiredStateResponse> {
    return this.json(`/entities/${entityPath(entity)}/desired-state`);
  }

  getStatus(entity: CompoundEntityRef): Promise<EntityStatus> {
    return this.json(`/entities/${entityPath(entity)}/status`);
  }

  getMeshDrift(): Promise<DriftReport> {
    return this.json('/drift');
  }

  plan(
    entity: CompoundEntityRef,
    options: ProvisionOptions = {},
  ): Promise<PlanResponse> {
    return this.json(`/entities/${entityPath(entity)}/plan`, {
      method: 'POST',
      body: options,
    });
  }

  apply(
    entity: CompoundEntityRef,
    options: ProvisionOptions = {},
  ): Promise<ApplyRecord> {
    return this.json(`/entities/${entityPath(entity)}/apply`, {
      method: 'POST',
      body: options,
    });
  }

  listApplies(
    entity: CompoundEntityRef,
    page: { limit?: number; offset?: number } = {},
  ): Promise<ApplyHistoryResponse> {
    return this.json(
      `/entities/${entityPath(entity)}/applies${queryString(page)}`,
    );
  }

  getEntityChargeback(
    entity: CompoundEntityRef,
    range: DayRange = {},
  ): Promise<EntityChargeback> {
    return this.json(
      `/chargeback/entities/${entityPath(entity)}${queryString({ ...range })}`,
    );
  }

  async getEntityChargebackCsv(
    entity: CompoundEntityRef,
    range: DayRange = {},
  ): Promise<string> {
    const response = await this.request(
      `/chargeback/entities/${entityPath(entity)}${queryString({
        ...range,
        format: 'csv',
      })}`,
    );
    return response.text();
  }

  getTopicChargeback(
    topic: string,
    range: DayRange = {},
  ): Promise<TopicChargeback> {
    return this.json(
      `/chargeback/topics/${encodeURIComponent(topic)}${queryString({
        ...range,
      })}`,
    );
  }

  getOwnerChargeback(
    ownerRef: string,
    range: DayRange = {},
  ): Promise<OwnerChargeback> {
    return this.json(
      `/chargeback/owners/${encodeURIComponent(ownerRef)}${queryString({
        ...range,
      })}`,
    );
  }

  getMeshChargeback(range: DayRange = {}): Promise<MeshChargeback> {
    return this.json(`/chargeback/mesh${queryString({ ...range })}`);
  }

  private async json<T>(
    path: string,
    init?: { method: 'POST'; body: object },
  ): Promise<T> {
    const response = await this.request(path, init);
    return (await response.json()) as T;
  }

  private async request(
    path: string,
    init?: { method: 'POST'; body: object },
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl(PLUGIN_ID);
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}`,
      init && {
        method: init.method,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(init.body),
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
