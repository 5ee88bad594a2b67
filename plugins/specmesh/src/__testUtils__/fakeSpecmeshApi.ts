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
import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { mockApis, TestApiPair } from '@backstage/frontend-test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { SpecmeshApi, specmeshApiRef } from '../api';

/** A SpecmeshApi whose every method fails until a test gives it an answer. */
export function fakeSpecmeshApi(
  overrides: Partial<SpecmeshApi> = {},
): jest.Mocked<SpecmeshApi> {
  const unanswered = (name: string) =>
    jest.fn(async () => {
      throw new Error(`The test gave no answer to ${name}`);
    });
  return {
    getDesiredState: unanswered('getDesiredState'),
    getStatus: unanswered('getStatus'),
    getMeshDrift: unanswered('getMeshDrift'),
    plan: unanswered('plan'),
    apply: unanswered('apply'),
    listApplies: unanswered('listApplies'),
    getEntityChargeback: unanswered('getEntityChargeback'),
    getEntityChargebackCsv: unanswered('getEntityChargebackCsv'),
    getTopicChargeback: unanswered('getTopicChargeback'),
    getOwnerChargeback: unanswered('getOwnerChargeback'),
    getMeshChargeback: unanswered('getMeshChargeback'),
    getConsumeInfo: unanswered('getConsumeInfo'),
    requestAccess: unanswered('requestAccess'),
    listAccessRequests: unanswered('listAccessRequests'),
    getAccessRequest: unanswered('getAccessRequest'),
    decideAccessRequest: unanswered('decideAccessRequest'),
    revokeAccess: unanswered('revokeAccess'),
    getReadersLag: unanswered('getReadersLag'),
    getOwnedGroupsLag: unanswered('getOwnedGroupsLag'),
    getLagHistory: unanswered('getLagHistory'),
    previewMessages: unanswered('previewMessages'),
    ...overrides,
  } as jest.Mocked<SpecmeshApi>;
}

/** A call that never answers: the component stays in its loading state. */
export function pending<T>(): Promise<T> {
  return new Promise<T>(() => {});
}

/** The error the client throws for an HTTP error answer. */
export async function responseError(
  statusCode: number,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'Error', message },
        request: { method: 'GET', url: '/' },
        response: { statusCode },
      }),
      { status: statusCode, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

/** The APIs the SpecMesh tabs use, with a fake backend and an in-memory catalog. */
export function specmeshTestApis(options: {
  specmeshApi?: SpecmeshApi;
  entities?: Entity[];
  canProvision?: boolean;
}): TestApiPair<any>[] {
  return [
    [specmeshApiRef, options.specmeshApi ?? fakeSpecmeshApi()],
    [catalogApiRef, catalogApiMock({ entities: options.entities ?? [] })],
    [
      permissionApiRef,
      mockApis.permission({
        authorize:
          options.canProvision === false
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      }),
    ],
  ];
}
