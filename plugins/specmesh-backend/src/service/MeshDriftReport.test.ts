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
import { mockCredentials } from '@backstage/backend-test-utils';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { DriftRecord, DriftStore } from '../database/DriftStore';
import { MeshDriftReport } from './MeshDriftReport';

const verdict = (entityRef: string, status: DriftRecord['status']) => ({
  entityRef,
  cluster: 'local',
  status,
  checkedAt: '2026-11-24T08:00:00.000Z',
  items: [],
});

function reportOver(records: DriftRecord[], visible: string[]) {
  const getEntitiesByRefs = jest.fn(
    async (request: { entityRefs: string[] }, _options?: unknown) => ({
      items: request.entityRefs.map(ref =>
        visible.includes(ref)
          ? { apiVersion: 'v1', kind: 'API', metadata: { name: ref } }
          : undefined,
      ),
    }),
  );
  const report = new MeshDriftReport({
    drift: { list: async () => records } as unknown as DriftStore,
    catalog: { getEntitiesByRefs } as unknown as CatalogService,
  });
  return { report, getEntitiesByRefs };
}

describe('MeshDriftReport', () => {
  const credentials = mockCredentials.user('user:default/someone');

  it('keeps only the verdicts of entities the caller may see, in the store’s order', async () => {
    const { report, getEntitiesByRefs } = reportOver(
      [
        verdict('api:default/a', 'drifted'),
        verdict('api:default/hidden', 'drifted'),
        verdict('api:default/b', 'in-sync'),
      ],
      ['api:default/a', 'api:default/b'],
    );

    const { items } = await report.list(credentials);

    expect(items.map(item => item.entityRef)).toEqual([
      'api:default/a',
      'api:default/b',
    ]);
    // One catalog request for all of them, with the caller's credentials.
    expect(getEntitiesByRefs).toHaveBeenCalledTimes(1);
    expect(getEntitiesByRefs.mock.calls[0][1]).toEqual({ credentials });
  });

  it('asks the catalog once per entity even with verdicts on several clusters', async () => {
    const { report, getEntitiesByRefs } = reportOver(
      [
        verdict('api:default/a', 'drifted'),
        { ...verdict('api:default/a', 'in-sync'), cluster: 'other' },
      ],
      ['api:default/a'],
    );
    expect((await report.list(credentials)).items).toHaveLength(2);
    expect(getEntitiesByRefs.mock.calls[0][0]).toMatchObject({
      entityRefs: ['api:default/a'],
    });
  });

  it('answers an empty report without asking the catalog', async () => {
    const { report, getEntitiesByRefs } = reportOver([], []);
    expect(await report.list(credentials)).toEqual({ items: [] });
    expect(getEntitiesByRefs).not.toHaveBeenCalled();
  });
});
