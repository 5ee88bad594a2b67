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
import { screen, waitFor, within } from '@testing-library/react';
import { asyncApiEntity } from '../../__fixtures__/asyncApiEntity';
import {
  fakeSpecmeshApi,
  specmeshTestApis,
} from '../../__testUtils__/fakeSpecmeshApi';
import { servedDesiredState } from '../../__testUtils__/servedDesiredState';
import { GroupLag } from '../../api';
import { SpecmeshTopicsContent } from './SpecmeshTopicsContent';

const APP_ID = 'acme.lag.large';
const ENTITY_REF = `api:default/${APP_ID}`;
const TOPICS = 200;

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
    lines.push(
      `  _public.events_${i}:`,
      '    publish:',
      '      message:',
      '        payload: {type: object}',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Two readers per topic: one data product's group, one unattributed. */
function readersOf(topic: string, i: number): GroupLag[] {
  const group = (
    groupId: string,
    consumerAppId: string | null,
    lag: number,
  ) => ({
    groupId,
    consumerAppId,
    topic,
    lag,
    estimatedSeconds: lag ? 60 * (i + 1) : 0,
    partitions: [],
  });
  return [
    group('acme.reader.app', 'acme.reader', 1000 + i),
    group(`console-consumer-${i}`, null, 0),
  ];
}

describe('SpecmeshTopicsContent: readers and lag with 200 topics', () => {
  it("shows every topic's readers from one lag request", async () => {
    const definition = largeSpec();
    const desired = servedDesiredState(definition, { entityRef: ENTITY_REF });
    const topics = desired.state!.topics.map(t => t.name);
    expect(topics).toHaveLength(TOPICS);
    const specmeshApi = fakeSpecmeshApi({
      getDesiredState: jest.fn(async () => desired),
      getStatus: jest.fn(async () => ({
        entityRef: ENTITY_REF,
        appId: APP_ID,
        cluster: 'local',
        status: 'in-sync' as const,
        checkedAt: '2026-01-01T00:00:00Z',
        pendingChanges: 0,
        items: [],
      })),
      getReadersLag: jest.fn(async () => ({
        entityRef: ENTITY_REF,
        collectedAt: '2026-01-01T00:00:00Z',
        topics: topics.map((topic, i) => ({
          topic,
          ownerAppId: APP_ID,
          readers: readersOf(topic, i),
        })),
      })),
    });
    const base = asyncApiEntity({ appId: APP_ID, definition });
    const entity: Entity = {
      ...base,
      metadata: { ...base.metadata, name: APP_ID, namespace: 'default' },
    };

    await renderInTestApp(
      <EntityProvider entity={entity}>
        <SpecmeshTopicsContent />
      </EntityProvider>,
      {
        apis: [
          ...specmeshTestApis({ specmeshApi }).filter(
            ([ref]) => ref !== catalogApiRef,
          ),
          [catalogApiRef, catalogApiMock({ entities: [entity] })],
          mockApis.identity({ ownershipEntityRefs: ['group:default/other'] }),
        ],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );

    const last = topics[TOPICS - 1];
    await waitFor(
      () =>
        expect(screen.getAllByTestId('reader-lag')).toHaveLength(2 * TOPICS),
      { timeout: 60_000 },
    );
    const lastRow = screen.getByText(last).closest('tr')!;
    expect(
      within(lastRow)
        .getAllByTestId('reader-lag')
        .map(line => line.textContent),
    ).toEqual([
      'acme.reader: 1,199 messages · ≈ 3.3 h behind',
      'unattributed: caught up',
    ]);
    // One request for the whole data product, not one per topic.
    expect(specmeshApi.getReadersLag).toHaveBeenCalledTimes(1);
    expect(specmeshApi.getReadersLag).toHaveBeenCalledWith(ENTITY_REF, {
      topic: undefined,
    });
  });
});
