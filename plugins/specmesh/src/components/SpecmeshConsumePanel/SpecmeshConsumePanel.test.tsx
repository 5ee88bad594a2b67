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
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { topicEntity } from '../../__fixtures__/topicEntity';
import {
  fakeSpecmeshApi,
  pending,
  responseError,
} from '../../__testUtils__/fakeSpecmeshApi';
import { SpecmeshTopicCard } from '../SpecmeshTopicCard';
import { SpecmeshConsumePanel } from './SpecmeshConsumePanel';
import {
  consumeInfo,
  READER,
  render,
  TOPIC,
} from '../../__testUtils__/consumeInfo';

describe('SpecmeshConsumePanel', () => {
  it('shows servers, schema, prefix, the verdict and copy-ready settings without secrets', async () => {
    const specmeshApi = fakeSpecmeshApi({
      getConsumeInfo: jest.fn(async () => consumeInfo()),
    });
    await render(<SpecmeshConsumePanel topic={TOPIC} />, specmeshApi);

    expect(
      await screen.findByTestId('consume-bootstrap-servers'),
    ).toHaveTextContent('kafka-1:9092,kafka-2:9092');
    expect(specmeshApi.getConsumeInfo).toHaveBeenCalledWith(TOPIC);
    expect(screen.getByText('SASL_PLAINTEXT, SASL PLAIN')).toBeInTheDocument();
    expect(screen.getByTestId('consume-schema-subject')).toHaveTextContent(
      `${TOPIC}-value, version 3 (AVRO)`,
    );
    // The highlighter renders the text once it has loaded.
    await waitFor(() =>
      expect(screen.getByTestId('consume-schema-text')).toHaveTextContent(
        '"name": "UserSignedUp"',
      ),
    );
    expect(screen.getByTestId('consume-prefix')).toHaveTextContent(
      `must start with ${READER}.`,
    );
    const row = screen.getByTestId('consume-verdict');
    expect(within(row).getByText('can read')).toBeInTheDocument();
    expect(within(row).getByText(/Public topic/)).toBeInTheDocument();

    const java = screen.getByTestId('consume-settings-javaProperties');
    expect(java).toHaveTextContent(`group.id=${READER}.user_signed_up-reader`);
    expect(java).toHaveTextContent(
      'username="<username>" password="<password>"',
    );
    expect(within(java).getByRole('button')).toBeInTheDocument(); // copy

    fireEvent.click(screen.getByRole('tab', { name: 'kafkajs' }));
    expect(
      await screen.findByTestId('consume-settings-kafkajs'),
    ).toHaveTextContent(`groupId: "${READER}.user_signed_up-reader"`);
  });

  it('explains a refusal, and the lack of a data product with placeholder settings', async () => {
    await render(
      <SpecmeshConsumePanel topic={TOPIC} />,
      fakeSpecmeshApi({
        getConsumeInfo: jest.fn(async () =>
          consumeInfo({
            yourDataProducts: [],
            noDataProductReason:
              'You own no data product. Reading through consumer groups needs a data product',
          }),
        ),
      }),
    );
    expect(
      await screen.findByTestId('consume-no-data-product'),
    ).toHaveTextContent('needs a data product');
    expect(screen.getByTestId('consume-prefix')).toHaveTextContent(
      'must start with <app-id>.',
    );
  });

  it('shows a note instead of the schema when the registry is down', async () => {
    await render(
      <SpecmeshConsumePanel topic={TOPIC} />,
      fakeSpecmeshApi({
        getConsumeInfo: jest.fn(async () =>
          consumeInfo({
            schema: undefined,
            schemaNotes: ['it could not be read from the schema registry'],
          }),
        ),
      }),
    );
    expect(
      await screen.findByText('it could not be read from the schema registry'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('consume-schema-subject')).toBeNull();
  });

  it('shows progress while loading and the backend error when it fails', async () => {
    const { unmount } = await render(
      <SpecmeshConsumePanel topic={TOPIC} />,
      fakeSpecmeshApi({ getConsumeInfo: jest.fn(() => pending()) }),
    );
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    unmount();

    const error = await responseError(
      404,
      `No data product you may see in the catalog owns topic ${TOPIC}`,
    );
    await render(
      <SpecmeshConsumePanel topic={TOPIC} />,
      fakeSpecmeshApi({
        getConsumeInfo: jest.fn(async () => Promise.reject(error)),
      }),
    );
    expect(
      await screen.findByText(
        `No data product you may see in the catalog owns topic ${TOPIC}`,
      ),
    ).toBeInTheDocument();
  });
});

describe('the topic card', () => {
  it('opens the panel from its "How to consume" button, fetching only then', async () => {
    const specmeshApi = fakeSpecmeshApi({
      getStatus: jest.fn(() => pending()),
      getTopicChargeback: jest.fn(() => pending()),
      getConsumeInfo: jest.fn(async () =>
        consumeInfo({
          topic: 'acme.lifestyle.onboarding._protected.purchased',
        }),
      ),
    });
    await render(
      <EntityProvider entity={topicEntity()}>
        <SpecmeshTopicCard />
      </EntityProvider>,
      specmeshApi,
    );
    const button = await screen.findByRole('button', {
      name: 'How to consume',
    });
    expect(specmeshApi.getConsumeInfo).not.toHaveBeenCalled();
    fireEvent.click(button);
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByTestId('consume-bootstrap-servers'),
    ).toHaveTextContent('kafka-1:9092');
    expect(specmeshApi.getConsumeInfo).toHaveBeenCalledWith(
      'acme.lifestyle.onboarding._protected.purchased',
    );
  });
});
