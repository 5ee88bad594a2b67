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
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  MESHPORT_APP_ID_ANNOTATION,
  MESHPORT_DATA_PRODUCT_ANNOTATION,
} from '@meshport/plugin-specmesh-common';
import { fireEvent, screen } from '@testing-library/react';
import { fakeSpecmeshApi } from '../../__testUtils__/fakeSpecmeshApi';
import { specmeshConsumeEntityCard } from '../../alpha';
import { DesiredStateResponse } from '../../api';
import { SpecmeshConsumeCard } from './SpecmeshConsumeCard';
import {
  consumeInfo,
  OWNER,
  render,
  TOPIC,
} from '../../__testUtils__/consumeInfo';

const dataProduct = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: {
    name: OWNER,
    namespace: 'default',
    annotations: {
      [MESHPORT_APP_ID_ANNOTATION]: OWNER,
      [MESHPORT_DATA_PRODUCT_ANNOTATION]: 'true',
    },
  },
  spec: {
    type: 'asyncapi',
    lifecycle: 'production',
    owner: 'group:default/lifestyle',
    definition: '',
  },
};

const desiredState = {
  problems: [],
  principals: {},
  state: {
    appId: OWNER,
    principal: `User:${OWNER}`,
    acls: [],
    schemas: [],
    dependencies: [],
    topics: [
      {
        name: `${OWNER}._private.audit`,
        access: 'private',
        partitions: null,
        replicas: null,
        configs: {},
      },
      {
        name: TOPIC,
        access: 'public',
        partitions: null,
        replicas: null,
        configs: {},
      },
    ],
  },
} as unknown as DesiredStateResponse;

describe('SpecmeshConsumeCard', () => {
  it("shows the data product's public topic first and switches topics", async () => {
    const specmeshApi = fakeSpecmeshApi({
      getDesiredState: jest.fn(async () => desiredState),
      getConsumeInfo: jest.fn(async topic => consumeInfo({ topic })),
    });
    await render(
      <EntityProvider entity={dataProduct}>
        <SpecmeshConsumeCard />
      </EntityProvider>,
      specmeshApi,
    );
    expect(await screen.findByText('How to consume')).toBeInTheDocument();
    await screen.findByTestId('consume-panel');
    expect(specmeshApi.getConsumeInfo).toHaveBeenLastCalledWith(TOPIC);

    fireEvent.mouseDown(
      screen.getByRole('button', { name: new RegExp(TOPIC) }),
    );
    fireEvent.click(
      await screen.findByRole('option', { name: `${OWNER}._private.audit` }),
    );
    await screen.findByTestId('consume-panel');
    expect(specmeshApi.getConsumeInfo).toHaveBeenLastCalledWith(
      `${OWNER}._private.audit`,
    );
  });

  it('is a content card on data products in the new frontend system', async () => {
    const tester = createExtensionTester(specmeshConsumeEntityCard);
    const appliesTo = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(appliesTo(dataProduct)).toBe(true);
    expect(appliesTo({ ...dataProduct, kind: 'Component' })).toBe(false);

    const specmeshApi = fakeSpecmeshApi({
      getDesiredState: jest.fn(async () => desiredState),
      getConsumeInfo: jest.fn(async topic => consumeInfo({ topic })),
    });
    await render(
      <EntityProvider entity={dataProduct}>
        {tester.reactElement()}
      </EntityProvider>,
      specmeshApi,
    );
    expect(
      await screen.findByTestId('consume-bootstrap-servers'),
    ).toHaveTextContent('kafka-1:9092,kafka-2:9092');
  });
});
