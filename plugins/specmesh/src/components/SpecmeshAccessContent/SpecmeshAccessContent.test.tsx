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
import { ApiEntity, Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import { asyncApiEntity, readVector } from '../../__fixtures__/asyncApiEntity';
import {
  fakeSpecmeshApi,
  pending,
  responseError,
  specmeshTestApis,
} from '../../__testUtils__/fakeSpecmeshApi';
import { judges } from '../../__testUtils__/servedDesiredState';
import { EntityStatus, SpecmeshApi, StatusItem } from '../../api';
import { SpecmeshAccessContent } from './SpecmeshAccessContent';

const SIGNED_UP = 'acme.lifestyle.onboarding._public.user_signed_up';
const PURCHASED = 'acme.lifestyle.onboarding._protected.purchased';

const onboarding: ApiEntity = {
  ...asyncApiEntity({
    appId: 'acme.lifestyle.onboarding',
    definition: readVector('01-onboarding.asyncapi.yaml'),
  }),
  // Its topic entities, as the catalog module relates them.
  relations: ['onboarding-user-signed-up', 'onboarding-purchased'].map(
    name => ({ type: 'hasPart', targetRef: `resource:default/${name}` }),
  ),
};

function named(
  entity: ApiEntity,
  name: string,
  relations: Entity['relations'] = [],
): ApiEntity {
  return {
    ...entity,
    metadata: { ...entity.metadata, name, namespace: 'default' },
    relations,
  };
}

const accounting = named(
  asyncApiEntity({
    appId: 'acme.finance.accounting',
    definition: readVector('02-accounting.asyncapi.yaml'),
  }),
  'accounting',
  [
    {
      type: 'dependsOn',
      targetRef: 'resource:default/onboarding-user-signed-up',
    },
    { type: 'dependsOn', targetRef: 'resource:default/onboarding-purchased' },
  ],
);

/** The topic entity the catalog module writes for a topic of the onboarding spec. */
function topicResource(
  name: string,
  topic: string,
  access: 'public' | 'protected' | 'private',
  grantees: string[] = [],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      title: topic,
      annotations: {
        'meshport.dev/topic': topic,
        'meshport.dev/app-id': 'acme.lifestyle.onboarding',
        ...(grantees.length > 0 && {
          'meshport.dev/grantees': grantees.join(','),
        }),
      },
      labels: { 'meshport.dev/access': access },
    },
    spec: { type: 'kafka-topic', owner: 'group:default/lifestyle' },
  };
}

const onboardingTopics = [
  topicResource('onboarding-user-signed-up', SIGNED_UP, 'public'),
  topicResource('onboarding-purchased', PURCHASED, 'protected', [
    'some.other.domain.root',
  ]),
];

function status(items: StatusItem[]): EntityStatus {
  return {
    entityRef: 'api:default/onboarding',
    appId: 'acme.lifestyle.onboarding',
    cluster: 'local',
    status: 'drifted',
    checkedAt: '2026-01-01T00:00:00Z',
    pendingChanges: 1,
    items,
  };
}

/** The backend as the tab meets it: it judges the entity's spec; the rest as given. */
function backendFor(
  entity: ApiEntity,
  overrides: Partial<SpecmeshApi> = {},
): jest.Mocked<SpecmeshApi> {
  return fakeSpecmeshApi({
    getDesiredState: judges(entity.spec.definition, {
      entityRef: `api:default/${entity.metadata.name}`,
    }),
    getStatus: jest.fn(() => pending()),
    listAccessRequests: jest.fn(async () => []),
    ...overrides,
  });
}

function renderAccess(
  entity: ApiEntity,
  options: { specmeshApi?: SpecmeshApi; entities?: Entity[] } = {},
) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <SpecmeshAccessContent />
    </EntityProvider>,
    {
      apis: specmeshTestApis({
        specmeshApi: options.specmeshApi ?? backendFor(entity),
        entities: options.entities,
      }),
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

function rowsOf(topic: string, who: string) {
  return screen
    .getAllByText(who)
    .map(cell => cell.closest('tr')!)
    .filter(row => within(row).queryByText(topic));
}

describe('SpecmeshAccessContent', () => {
  it('shows who can write and read each topic as the spec and the cluster say', async () => {
    const specmeshApi = backendFor(onboarding, {
      getStatus: jest.fn(async () =>
        status([
          {
            kind: 'acl',
            key: 'ALLOW User:acme.lifestyle.onboarding WRITE TOPIC:PREFIXED:acme.lifestyle.onboarding. @*',
            status: 'in-sync',
            exists: true,
          },
          {
            kind: 'acl',
            key: 'ALLOW User:some.other.domain.root READ TOPIC:LITERAL:acme.lifestyle.onboarding._protected.purchased @*',
            status: 'missing',
            exists: false,
          },
          {
            kind: 'acl',
            key: 'ALLOW User:acme.stranger READ TOPIC:LITERAL:acme.lifestyle.onboarding._protected.purchased @*',
            status: 'unexpected',
            exists: true,
          },
        ]),
      ),
    });
    renderAccess(onboarding, { specmeshApi });

    expect(
      await screen.findByText('Who can write and read'),
    ).toBeInTheDocument();
    // The cluster's side has arrived once a binding reads as in place.
    await screen.findAllByText('in place');

    const [rootReads] = rowsOf(PURCHASED, 'some.other.domain.root');
    expect(within(rootReads).getByText('read')).toBeInTheDocument();
    expect(within(rootReads).getByText('granted')).toBeInTheDocument();
    expect(
      within(rootReads).getByText('missing on the cluster'),
    ).toBeInTheDocument();

    const [strangerReads] = rowsOf(PURCHASED, 'acme.stranger');
    expect(within(strangerReads).getByText('not granted')).toBeInTheDocument();
    expect(
      within(strangerReads).getByText('on the cluster, not in the spec'),
    ).toBeInTheDocument();

    const everyone = rowsOf(
      SIGNED_UP,
      'everyone (any authenticated principal)',
    );
    expect(everyone).toHaveLength(1);
    expect(within(everyone[0]).getByText('read')).toBeInTheDocument();
    expect(
      rowsOf(PURCHASED, 'everyone (any authenticated principal)'),
    ).toHaveLength(0);

    const ownerOnSignedUp = rowsOf(
      SIGNED_UP,
      'owner (acme.lifestyle.onboarding)',
    );
    expect(
      ownerOnSignedUp.map(
        row => within(row).getAllByText(/^(write|read)$/)[0].textContent,
      ),
    ).toEqual(['write', 'read']);
    expect(
      within(ownerOnSignedUp[0]).getByText('in place'),
    ).toBeInTheDocument();
  });

  it("matches the cluster's ACLs through the cluster's principal map", async () => {
    // What the backend answers when specmesh.principals maps the grantee.
    const principals = { 'some.other.domain.root': 'User:svc-root' };
    const specmeshApi = backendFor(onboarding, {
      getDesiredState: judges(onboarding.spec.definition, { principals }),
      getStatus: jest.fn(async () =>
        status([
          {
            kind: 'acl',
            key: 'ALLOW User:svc-root READ TOPIC:LITERAL:acme.lifestyle.onboarding._protected.purchased @*',
            status: 'in-sync',
            exists: true,
          },
        ]),
      ),
    });
    renderAccess(onboarding, { specmeshApi });

    const mapped = 'some.other.domain.root (User:svc-root)';
    expect(await screen.findAllByText(mapped)).not.toHaveLength(0);
    await screen.findAllByText('in place');
    const [rootReads] = rowsOf(PURCHASED, mapped);
    expect(within(rootReads).getByText('granted')).toBeInTheDocument();
    expect(within(rootReads).getByText('in place')).toBeInTheDocument();
    // No row for the unmapped principal, which the cluster never holds.
    expect(
      screen.queryByText('some.other.domain.root'),
    ).not.toBeInTheDocument();
  });

  it('lists the consumers the catalog knows, and whether the spec grants them', async () => {
    renderAccess(named(onboarding, 'onboarding', onboarding.relations), {
      specmeshApi: backendFor(onboarding, {
        getStatus: jest.fn(async () => status([])),
      }),
      entities: [...onboardingTopics, accounting],
    });

    expect(
      await screen.findByText('Consumers the catalog knows'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getAllByRole('link', { name: 'accounting' })).toHaveLength(
        2,
      ),
    );
    const consumerRows = screen
      .getAllByRole('link', { name: 'accounting' })
      .map(link => within(link.closest('tr')!));
    const signedUpRow = consumerRows.find(row => row.queryByText(SIGNED_UP))!;
    expect(signedUpRow.getByText('yes')).toBeInTheDocument();
    const purchasedRow = consumerRows.find(row => row.queryByText(PURCHASED))!;
    expect(
      purchasedRow.getByText('no: its reads will be refused'),
    ).toBeInTheDocument();
  });

  it('says which reads of a consumer spec its owners do not grant', async () => {
    renderAccess(accounting, {
      specmeshApi: backendFor(accounting, {
        getStatus: jest.fn(async () => status([])),
      }),
      entities: [
        named(onboarding, 'onboarding', onboarding.relations),
        ...onboardingTopics,
      ],
    });

    expect(
      await screen.findByText(
        '1 of 2 reads are not granted; the cluster will refuse them.',
        { exact: false },
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(PURCHASED)).toBeInTheDocument();
    expect(
      screen.getByText(/does not grant acme.finance.accounting read access/),
    ).toBeInTheDocument();
  });

  it('says when the owner of a read topic is not in the catalog', async () => {
    renderAccess(accounting, {
      specmeshApi: backendFor(accounting, {
        getStatus: jest.fn(async () => status([])),
      }),
    });

    expect(
      await screen.findByText(
        '2 of 2 reads are not granted; the cluster will refuse them.',
        { exact: false },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(
        /No data product with app-id acme.lifestyle.onboarding/,
      ),
    ).toHaveLength(2);
  });

  it('keeps the spec side and tells the user what to do when the status is forbidden', async () => {
    const error = await responseError(403, 'Denied by policy');
    renderAccess(onboarding, {
      specmeshApi: backendFor(onboarding, {
        getStatus: jest.fn(async () => {
          throw error;
        }),
      }),
    });

    expect(
      await screen.findByText(/You may not see the cluster's ACLs/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Ask the data product's owners/),
    ).toBeInTheDocument();
    expect(screen.getAllByText('not checked').length).toBeGreaterThan(0);
  });

  it("asks the backend for the spec's desired state, and waits for it", async () => {
    const specmeshApi = backendFor(onboarding, {
      getDesiredState: jest.fn(() => pending()),
    });
    renderAccess(onboarding, { specmeshApi });

    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(
      screen.queryByText('Who can write and read'),
    ).not.toBeInTheDocument();
    expect(specmeshApi.getDesiredState).toHaveBeenCalledWith({
      kind: 'API',
      namespace: 'default',
      name: 'onboarding',
    });
  });

  it('shows no matrix for a spec the rule book rejects, and points to the Topics tab', async () => {
    const typo = asyncApiEntity({
      appId: 'acme.typo',
      definition: [
        "asyncapi: '2.5.0'",
        "id: 'urn:acme.typo'",
        'info: { title: Typo, version: 1.0.0 }',
        'channels:',
        '  _pubic.misspelled:',
        '    publish:',
        '      message: { payload: { type: string } }',
      ].join('\n'),
    });
    renderAccess(typo, {
      specmeshApi: backendFor(typo, {
        getStatus: jest.fn(async () => {
          throw await responseError(400, 'The spec has 1 error');
        }),
      }),
    });

    expect(await screen.findByText('No access to show')).toBeInTheDocument();
    expect(screen.getByText(/The Topics tab lists them/)).toBeInTheDocument();
    // The status of a spec with errors fails as a matter of course: not an error to show.
    expect(screen.queryByText(/cluster's ACLs/)).not.toBeInTheDocument();
  });

  it("explains a desired state the backend refuses, in the backend's words", async () => {
    const error = await responseError(
      400,
      "Entity api:default/onboarding has annotation meshport.dev/cluster: 'nope', which is not a configured cluster",
    );
    renderAccess(onboarding, {
      specmeshApi: backendFor(onboarding, {
        getDesiredState: jest.fn(async () => {
          throw error;
        }),
      }),
    });

    expect(
      await screen.findByText(
        /The backend cannot derive the access of this spec/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/'nope', which is not a configured cluster\. Fix what/),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('Who can write and read'),
    ).not.toBeInTheDocument();
  });

  it('asks for the app-id annotation', async () => {
    renderAccess(
      asyncApiEntity({ definition: readVector('01-onboarding.asyncapi.yaml') }),
    );

    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
  });
});
