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

describe('SpecmeshClient: lag and preview', () => {
  it("asks for a data product's readers, of one topic when given", async () => {
    const answer = {
      entityRef: 'api:default/x',
      collectedAt: null,
      topics: [],
    };
    const { client, fetch } = clientAnswering(200, answer);

    await expect(
      client.getReadersLag('api:default/x', { topic: 'x._public.a' }),
    ).resolves.toEqual(answer);
    expect(fetch.mock.calls[0][0]).toBe(
      `${baseUrl}/lag/readers?entityRef=api%3Adefault%2Fx&topic=x._public.a`,
    );
    await client.getOwnedGroupsLag('api:default/x');
    expect(fetch.mock.calls[1][0]).toBe(
      `${baseUrl}/lag/groups?entityRef=api%3Adefault%2Fx`,
    );
  });

  it("asks for a group's lag history on a topic, over the days given", async () => {
    const answer = { topic: 'x._public.a', groupId: 'y.g', points: [] };
    const { client, fetch } = clientAnswering(200, answer);

    await expect(
      client.getLagHistory('x._public.a', 'y.g', { days: 30 }),
    ).resolves.toEqual(answer);
    expect(fetch.mock.calls[0][0]).toBe(
      `${baseUrl}/lag/history?topic=x._public.a&groupId=y.g&days=30`,
    );
    // Without days the backend's default applies.
    await client.getLagHistory('x._public.a', 'y.g');
    expect(fetch.mock.calls[1][0]).toBe(
      `${baseUrl}/lag/history?topic=x._public.a&groupId=y.g`,
    );
  });

  it('asks for a preview with its limit and partition, and passes a 403 on', async () => {
    const { client, fetch } = clientAnswering(200, { messages: [] });
    await client.previewMessages('x._public.a', { limit: 5, partition: 2 });
    expect(fetch.mock.calls[0][0]).toBe(
      `${baseUrl}/topics/x._public.a/messages?limit=5&partition=2`,
    );

    const refused = clientAnswering(403, {
      error: { name: 'NotAllowedError', message: 'owners only' },
      request: { method: 'GET', url: '/topics/x._private.b/messages' },
      response: { statusCode: 403 },
    });
    const error = await refused.client
      .previewMessages('x._private.b')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.cause.message).toBe('owners only');
  });
});
