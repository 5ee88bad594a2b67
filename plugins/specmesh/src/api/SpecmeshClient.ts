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
import {
  DefaultApiClient,
  GetMeshChargeback,
  TypedResponse,
} from '@meshport/plugin-specmesh-common/client';
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
import type { ConsumeInfo } from './consumeTypes';
import {
  AccessDecision,
  AccessRequest,
  AccessRequestCreated,
  AccessRequestQuery,
  NewAccessRequest,
  NewAccessRevocation,
} from './accessRequestTypes';
import type { LagGroups, LagHistory, LagReaders } from './lagTypes';
import type { PreviewOptions, MessagePreview } from './previewTypes';

type ChargebackQuery = GetMeshChargeback['query'];

function entityPath(entity: CompoundEntityRef) {
  return { kind: entity.kind, namespace: entity.namespace, name: entity.name };
}

/**
 * The query of a chargeback request. The generator calls the `from` parameter
 * `_from` (a reserved word in its templates) but fills the URL by the
 * parameter's own name, so the request carries `from`.
 */
function chargebackQuery(
  range: DayRange,
  format?: 'json' | 'csv',
): ChargebackQuery {
  const query = { from: range.from, to: range.to, format };
  return query as ChargebackQuery;
}

/**
 * The {@link SpecmeshApi} over HTTP: the client generated from the backend's
 * OpenAPI document, through the app's discovery and fetch APIs (which add the
 * user's token).
 *
 * @public
 */
export class SpecmeshClient implements SpecmeshApi {
  private readonly client: DefaultApiClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.client = new DefaultApiClient(options);
  }

  getDesiredState(entity: CompoundEntityRef): Promise<DesiredStateResponse> {
    return json(this.client.getDesiredState({ path: entityPath(entity) }));
  }

  getStatus(entity: CompoundEntityRef): Promise<EntityStatus> {
    return json(this.client.getEntityStatus({ path: entityPath(entity) }));
  }

  getMeshDrift(): Promise<DriftReport> {
    return json(this.client.getMeshDrift({}));
  }

  plan(
    entity: CompoundEntityRef,
    options: ProvisionOptions = {},
  ): Promise<PlanResponse> {
    return json(
      this.client.planEntity({ path: entityPath(entity), body: options }),
    );
  }

  apply(
    entity: CompoundEntityRef,
    options: ProvisionOptions = {},
  ): Promise<ApplyRecord> {
    return json(
      this.client.applyEntity({ path: entityPath(entity), body: options }),
    );
  }

  listApplies(
    entity: CompoundEntityRef,
    page: { limit?: number; offset?: number } = {},
  ): Promise<ApplyHistoryResponse> {
    return json(
      this.client.listEntityApplies({ path: entityPath(entity), query: page }),
    );
  }

  getEntityChargeback(
    entity: CompoundEntityRef,
    range: DayRange = {},
  ): Promise<EntityChargeback> {
    return json(
      this.client.getEntityChargeback({
        path: entityPath(entity),
        query: chargebackQuery(range),
      }),
    );
  }

  async getEntityChargebackCsv(
    entity: CompoundEntityRef,
    range: DayRange = {},
  ): Promise<string> {
    const response = await succeeded(
      this.client.getEntityChargeback({
        path: entityPath(entity),
        query: chargebackQuery(range, 'csv'),
      }),
    );
    return response.text();
  }

  getTopicChargeback(
    topic: string,
    range: DayRange = {},
  ): Promise<TopicChargeback> {
    return json(
      this.client.getTopicChargeback({
        path: { topic },
        query: chargebackQuery(range),
      }),
    );
  }

  getOwnerChargeback(
    ownerRef: string,
    range: DayRange = {},
  ): Promise<OwnerChargeback> {
    return json(
      this.client.getOwnerChargeback({
        path: { ownerRef },
        query: chargebackQuery(range),
      }),
    );
  }

  getMeshChargeback(range: DayRange = {}): Promise<MeshChargeback> {
    return json(
      this.client.getMeshChargeback({ query: chargebackQuery(range) }),
    );
  }

  getConsumeInfo(topic: string): Promise<ConsumeInfo> {
    return json(this.client.getTopicConsumeInfo({ path: { topic } }));
  }

  requestAccess(request: NewAccessRequest): Promise<AccessRequestCreated> {
    return json(this.client.createAccessRequest({ body: request }));
  }

  async listAccessRequests(
    query: AccessRequestQuery = {},
  ): Promise<AccessRequest[]> {
    return (await json(this.client.listAccessRequests({ query }))).items;
  }

  getAccessRequest(id: string): Promise<AccessRequest> {
    return json(this.client.getAccessRequest({ path: { id } }));
  }

  decideAccessRequest(
    id: string,
    decision: AccessDecision,
  ): Promise<AccessRequest> {
    return json(
      this.client.decideAccessRequest({ path: { id }, body: decision }),
    );
  }

  revokeAccess(revocation: NewAccessRevocation): Promise<AccessRequest> {
    return json(this.client.createAccessRevocation({ body: revocation }));
  }

  getReadersLag(
    entityRef: string,
    options: { topic?: string } = {},
  ): Promise<LagReaders> {
    return json(
      this.client.getLagReaders({
        query: { entityRef, topic: options.topic },
      }),
    );
  }

  getOwnedGroupsLag(entityRef: string): Promise<LagGroups> {
    return json(this.client.getLagGroups({ query: { entityRef } }));
  }

  getLagHistory(
    topic: string,
    groupId: string,
    options: { days?: number } = {},
  ): Promise<LagHistory> {
    return json(
      this.client.getLagHistory({
        query: { topic, groupId, days: options.days },
      }),
    );
  }

  previewMessages(
    topic: string,
    options: PreviewOptions = {},
  ): Promise<MessagePreview> {
    return json(
      this.client.getTopicMessages({ path: { topic }, query: options }),
    );
  }
}

/** The response, or a `ResponseError` carrying the backend's error. */
async function succeeded<T>(
  request: Promise<TypedResponse<T>>,
): Promise<TypedResponse<T>> {
  const response = await request;
  if (!response.ok) {
    throw await ResponseError.fromResponse(response as Response);
  }
  return response;
}

async function json<T>(request: Promise<TypedResponse<T>>): Promise<T> {
  return (await succeeded(request)).json();
}
