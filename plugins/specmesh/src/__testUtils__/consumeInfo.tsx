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
// The backend's answer and the render of the panel's tests.
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { consumerClientSettings } from '@meshport/plugin-specmesh-common';
import { ReactElement } from 'react';
import { specmeshTestApis } from './fakeSpecmeshApi';
import { ConsumeInfo, SpecmeshApi } from '../api';

export const OWNER = 'acme.lifestyle.onboarding';
export const TOPIC = `${OWNER}._public.user_signed_up`;
export const READER = 'acme.lifestyle.analytics';
const connection = {
  topic: TOPIC,
  bootstrapServers: ['kafka-1:9092', 'kafka-2:9092'],
  securityProtocol: 'SASL_PLAINTEXT' as const,
  saslMechanism: 'PLAIN' as const,
  schemaRegistryUrl: 'http://registry:8080/apis/ccompat/v7',
  valueSchemaType: 'AVRO' as const,
};

export function consumeInfo(overrides: Partial<ConsumeInfo> = {}): ConsumeInfo {
  const settings = consumerClientSettings({ ...connection, appId: READER });
  return {
    topic: TOPIC,
    ownerEntityRef: `api:default/${OWNER}`,
    ownerAppId: OWNER,
    accessLevel: 'public',
    cluster: 'local',
    bootstrapServers: connection.bootstrapServers,
    securityProtocol: 'SASL_PLAINTEXT',
    saslMechanism: 'PLAIN',
    schemaRegistryUrl: connection.schemaRegistryUrl,
    schema: {
      subject: `${TOPIC}-value`,
      version: 3,
      schemaType: 'AVRO',
      schema: '{"type":"record","name":"UserSignedUp","fields":[]}',
    },
    schemaNotes: [],
    yourDataProducts: [
      {
        entityRef: `api:default/${READER}`,
        appId: READER,
        canRead: true,
        reason: 'Public topic: every authenticated principal may read it',
        groupPrefix: settings.groupPrefix,
        transactionalIdPrefix: settings.transactionalIdPrefix,
        clientSettings: settings,
      },
    ],
    clientSettings: consumerClientSettings(connection),
    ...overrides,
  };
}

export function render(element: ReactElement, specmeshApi: SpecmeshApi) {
  return renderInTestApp(element, {
    apis: specmeshTestApis({ specmeshApi }),
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}
