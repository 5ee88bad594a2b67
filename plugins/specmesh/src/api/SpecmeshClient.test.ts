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

const entity = { kind: 'API', namespace: 'default', name: 'onboarding' };
const baseUrl = 'http://backstage/api/specmesh';

function jsonResponse(
  status: number,
  body: unknown,
  contentType = 'application/json',
) {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': contentType },
  });
}

// A fresh response per call: a body can be read once.
function clientAnswering(response: () => Response) {
  const fetch = jest.fn(async (_url: string, _init?: RequestInit) =>
    response(),
  );
  const client = new SpecmeshClient({
    discoveryApi: {
      getBaseUrl: async pluginId => `http://backstage/api/${pluginId}`,
    },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  return { client, fetch };
}

describe('SpecmeshClient', () => {
  it('reads the status of an entity from the specmesh plugin', async () => {
    const status = { entityRef: 'api:default/onboarding', items: [] };
    const { client, fetch } = clientAnswering(() => jsonResponse(200, status));

    await expect(client.getStatus(entity)).resolves.toEqual(status);
    expect(fetch).toHaveBeenCalledWith(
      `${baseUrl}/entities/API/default/onboarding/status`,
      expect.objectContaining({ method: 'GET' }),
    );
  });

  it('reads the mesh-wide drift report', async () => {
    const report = { items: [] };
    const { client, fetch } = clientAnswering(() => jsonResponse(200, report));

    await expect(client.getMeshDrift()).resolves.toEqual(report);
    expect(fetch).toHaveBeenCalledWith(
      `${baseUrl}/drift`,
      expect.objectContaining({ method: 'GET' }),
    );
  });

  it('posts the plan options as JSON', async () => {
    const { client, fetch } = clientAnswering(() =>
      jsonResponse(200, { plan: {} }),
    );

    await client.plan(entity, { deleteUnmanaged: true });

    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(`${baseUrl}/entities/API/default/onboarding/plan`);
    expect(init).toMatchObject({ method: 'POST' });
    expect(JSON.parse(String(init!.body))).toEqual({ deleteUnmanaged: true });
  });

  it('pages the history and passes the range of a chargeback report', async () => {
    const { client, fetch } = clientAnswering(() => jsonResponse(200, {}));

    await client.listApplies(entity, { limit: 5 });
    await client.getEntityChargeback(entity, {
      from: '2026-01-01',
      to: '2026-01-07',
    });
    await client.getTopicChargeback('acme.x._public.a b', { to: '2026-01-07' });
    await client.getOwnerChargeback('group:default/team-a', {
      from: '2026-01-01',
    });
    await client.getMeshChargeback({ from: '2026-01-01' });

    expect(fetch.mock.calls.map(call => call[0])).toEqual([
      `${baseUrl}/entities/API/default/onboarding/applies?limit=5`,
      `${baseUrl}/chargeback/entities/API/default/onboarding?from=2026-01-01&to=2026-01-07`,
      `${baseUrl}/chargeback/topics/acme.x._public.a%20b?to=2026-01-07`,
      `${baseUrl}/chargeback/owners/group%3Adefault%2Fteam-a?from=2026-01-01`,
      `${baseUrl}/chargeback/mesh?from=2026-01-01`,
    ]);
  });

  it('returns the CSV report as text', async () => {
    const { client, fetch } = clientAnswering(() =>
      jsonResponse(200, 'day,topic\n2026-01-01,t\n', 'text/csv'),
    );

    await expect(client.getEntityChargebackCsv(entity)).resolves.toBe(
      'day,topic\n2026-01-01,t\n',
    );
    expect(fetch.mock.calls[0][0]).toBe(
      `${baseUrl}/chargeback/entities/API/default/onboarding?format=csv`,
    );
  });

  it('rejects with a ResponseError that keeps the status code', async () => {
    const { client } = clientAnswering(() =>
      jsonResponse(403, {
        error: { name: 'NotAllowedError', message: 'Not allowed to provision' },
        request: { method: 'POST', url: '/apply' },
        response: { statusCode: 403 },
      }),
    );

    const error = await client.apply(entity).catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.cause.message).toBe('Not allowed to provision');
  });
});
