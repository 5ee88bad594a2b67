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
import { ResponseError } from '@backstage/errors';
import { SpecmeshClient } from './SpecmeshClient';

const baseUrl = 'http://backstage/api/specmesh';

// A fresh response per call: a body can be read once.
function clientAnswering(status: number, body: unknown) {
  const fetch = jest.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      }),
  );
  const client = new SpecmeshClient({
    discoveryApi: {
      getBaseUrl: async pluginId => `http://backstage/api/${pluginId}`,
    },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  return { client, fetch };
}

function sent(fetch: jest.Mock, call = 0) {
  const [url, init] = fetch.mock.calls[call];
  return {
    url,
    method: init?.method,
    body: init?.body ? JSON.parse(String(init.body)) : undefined,
  };
}

describe('SpecmeshClient access requests', () => {
  it('posts a request for access and returns the outcome', async () => {
    const answer = { outcome: 'merged', request: { id: 'r1' } };
    const { client, fetch } = clientAnswering(200, answer);
    const ask = {
      topic: 'acme.logistics.shipping._protected.carrier_costs',
      requesterEntityRef: 'api:default/acme.lifestyle.onboarding',
      reason: 'Shipping cost per sign-up',
    };

    await expect(client.requestAccess(ask)).resolves.toEqual(answer);
    expect(sent(fetch)).toEqual({
      url: `${baseUrl}/access-requests`,
      method: 'POST',
      body: ask,
    });
  });

  it('lists requests by the filters given, as their items', async () => {
    const { client, fetch } = clientAnswering(200, { items: [{ id: 'r1' }] });

    await expect(
      client.listAccessRequests({
        ownerEntityRef: 'api:default/acme.logistics.shipping',
        state: 'pending',
      }),
    ).resolves.toEqual([{ id: 'r1' }]);
    expect(sent(fetch).url).toBe(
      `${baseUrl}/access-requests?ownerEntityRef=api%3Adefault%2Facme.logistics.shipping&state=pending`,
    );
  });

  it('reads one request by its id', async () => {
    const { client, fetch } = clientAnswering(200, {
      id: 'r/1',
      state: 'granted',
    });

    await expect(client.getAccessRequest('r/1')).resolves.toEqual({
      id: 'r/1',
      state: 'granted',
    });
    expect(sent(fetch)).toMatchObject({
      url: `${baseUrl}/access-requests/r%2F1`,
      method: 'GET',
    });
  });

  it('posts a decision to the request and a revocation to its own path', async () => {
    const { client, fetch } = clientAnswering(200, { id: 'r 1' });

    await client.decideAccessRequest('r 1', {
      decision: 'deny',
      comment: 'Not this quarter',
    });
    await client.revokeAccess({
      topic: 'acme.logistics.shipping._protected.carrier_costs',
      granteeAppId: 'acme.finance.accounting',
      comment: 'The contract ended',
    });

    expect(sent(fetch, 0)).toEqual({
      url: `${baseUrl}/access-requests/r%201/decision`,
      method: 'POST',
      body: { decision: 'deny', comment: 'Not this quarter' },
    });
    expect(sent(fetch, 1)).toMatchObject({
      url: `${baseUrl}/access-revocations`,
      method: 'POST',
      body: { granteeAppId: 'acme.finance.accounting' },
    });
  });

  it("rejects with the backend's error, status code kept", async () => {
    const { client } = clientAnswering(400, {
      error: {
        name: 'InputError',
        message: 'private data is never shared: RULES §3',
      },
      request: { method: 'POST', url: '/access-requests' },
      response: { statusCode: 400 },
    });

    const error = await client
      .requestAccess({ topic: 't', requesterEntityRef: 'r', reason: 'x' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(error.cause.message).toMatch(/never shared/);
  });
});
