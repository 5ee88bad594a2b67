/*
 * Copyright 2026 The Meshport Authors
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
import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_PROPOSAL_TEMPLATE,
  DEFAULT_PROPOSAL_WAIT_MS,
  readProposalSettings,
} from './proposalSettings';

const settings = (accessRequests: object | undefined, app?: object) =>
  readProposalSettings(
    new ConfigReader({
      ...(app ? { app } : {}),
      specmesh: accessRequests ? { accessRequests } : {},
    }),
  );

describe('readProposalSettings', () => {
  it('defaults to the grant-access template and a 30 second wait', () => {
    expect(settings(undefined, { baseUrl: 'http://portal.test/' })).toEqual({
      templateRef: DEFAULT_PROPOSAL_TEMPLATE,
      waitMs: DEFAULT_PROPOSAL_WAIT_MS,
      appBaseUrl: 'http://portal.test',
    });
  });

  it('reads a template name, completing its kind and namespace', () => {
    expect(
      settings({
        proposalTemplate: 'specmesh-grant-access-local',
        proposalWait: { minutes: 2 },
      }),
    ).toMatchObject({
      templateRef: 'template:default/specmesh-grant-access-local',
      waitMs: 120_000,
    });
  });

  it.each([
    [
      { proposalTemplate: 'api:default/x' },
      /Invalid specmesh\.accessRequests\.proposalTemplate 'api:default\/x': its kind is api; name a Software Template/,
    ],
    [
      { proposalTemplate: 'a:b:c/d' },
      /Invalid specmesh\.accessRequests\.proposalTemplate/,
    ],
    [
      { proposalWait: 'soon' },
      /Invalid specmesh\.accessRequests\.proposalWait/,
    ],
  ])('refuses %j with the key and an example', (value, message) => {
    expect(() => settings(value)).toThrow(message);
  });
});
