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
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { aclBindingKey } from '@meshport/plugin-specmesh-common';
import { screen, waitFor } from '@testing-library/react';
import { asyncApiEntity } from '../../__fixtures__/asyncApiEntity';
import {
  fakeSpecmeshApi,
  specmeshTestApis,
} from '../../__testUtils__/fakeSpecmeshApi';
import { kafkaTopicResource } from '../../__testUtils__/meshTopics';
import { servedDesiredState } from '../../__testUtils__/servedDesiredState';
import { FILTER_VALUES_PER_REQUEST } from '../shared/inChunks';
import { SpecmeshAccessContent } from './SpecmeshAccessContent';

const APP_ID = 'acme.scale.large';
const TOPICS = 200;
const LEVELS = ['_public', '_protected', '_private'];

/** A spec that owns TOPICS topics at every access level, a third of them with a grant. */
function largeSpec(): string {
  const lines = [
    "asyncapi: '2.6.0'",
    `id: 'urn:${APP_ID}'`,
    'info:',
    '  title: Large',
    "  version: '1.0.0'",
    'channels:',
  ];
  for (let i = 0; i < TOPICS; i++) {
    const level = LEVELS[i % 3];
    lines.push(`  ${level}.events_${i}:`, '    publish:');
    if (level === '_protected') {
      lines.push(`      tags: [name: "grant-access:acme.reader${i}"]`);
    }
    lines.push('      message:', '        payload: {type: object}');
  }
  return `${lines.join('\n')}\n`;
}

describe('SpecmeshAccessContent with 200 topics', () => {
  it('renders the access matrix with a bounded number of calls', async () => {
    const definition = largeSpec();
    const desired = servedDesiredState(definition, {
      entityRef: `api:default/${APP_ID}`,
    });
    const topics = desired.state!.topics.map(t => t.name);
    expect(topics).toHaveLength(TOPICS);
    const specmeshApi = fakeSpecmeshApi({
      getDesiredState: jest.fn(async () => desired),
      getStatus: jest.fn(async () => ({
        entityRef: `api:default/${APP_ID}`,
        appId: APP_ID,
        cluster: 'local',
        status: 'in-sync' as const,
        checkedAt: '2026-01-01T00:00:00Z',
        pendingChanges: 0,
        items: desired.state!.acls.map(binding => ({
          kind: 'acl' as const,
          key: aclBindingKey(binding),
          status: 'in-sync' as const,
          exists: true,
        })),
      })),
      listAccessRequests: jest.fn(async () => []),
      getAccessRequest: jest.fn(),
    });
    const base = asyncApiEntity({ appId: APP_ID, definition });
    const entity = {
      ...base,
      metadata: { ...base.metadata, name: APP_ID, namespace: 'default' },
    };
    const entities: Entity[] = [
      entity,
      ...topics.map((topic, i) =>
        kafkaTopicResource({
          topic,
          appId: APP_ID,
          access: i % 3 === 0 ? 'public' : 'private',
        }),
      ),
    ];
    const catalogApi = catalogApiMock({ entities });
    const getEntities = jest.spyOn(catalogApi, 'getEntities');

    await renderInTestApp(
      <EntityProvider entity={entity}>
        <SpecmeshAccessContent />
      </EntityProvider>,
      {
        apis: [
          ...specmeshTestApis({ specmeshApi }).filter(
            ([ref]) => ref !== catalogApiRef,
          ),
          [catalogApiRef, catalogApi],
          mockApis.identity({ ownershipEntityRefs: ['group:default/other'] }),
        ],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );

    // The matrix holds every topic, and every lookup has answered.
    await waitFor(
      () => {
        for (const topic of [topics[0], topics[TOPICS - 1]]) {
          expect(screen.getAllByText(topic).length).toBeGreaterThan(0);
        }
        expect(screen.queryByTestId('progress')).toBeNull();
      },
      { timeout: 60_000 },
    );
    expect(screen.getByText('Who can write and read')).toBeInTheDocument();

    // Once each: no effect asks again after its answer.
    expect(specmeshApi.getDesiredState).toHaveBeenCalledTimes(1);
    expect(specmeshApi.getStatus).toHaveBeenCalledTimes(1);
    // Incoming and outgoing requests, one list each.
    expect(specmeshApi.listAccessRequests).toHaveBeenCalledTimes(2);
    expect(specmeshApi.getAccessRequest).not.toHaveBeenCalled();
    // Per chunk of topics, not per topic: the topics' resources and their
    // consumers, in chunks; the visitor's own data products, once.
    const chunks = Math.ceil(TOPICS / FILTER_VALUES_PER_REQUEST);
    expect(getEntities).toHaveBeenCalledTimes(2 * chunks + 1);
  }, 120_000);
});
