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

import { ConfigReader } from '@backstage/config';
import { readPrincipalMap } from './config';

describe('readPrincipalMap', () => {
  it('is empty when nothing is configured', () => {
    expect(readPrincipalMap(new ConfigReader({}))).toEqual({});
  });

  it('maps each configured app-id to its principal', () => {
    const config = new ConfigReader({
      specmesh: {
        principals: [
          { appId: 'acme.lifestyle.onboarding', principal: 'User:sa-123abc' },
          { appId: 'acme.finance.accounting', principal: 'User:sa-456def' },
        ],
      },
    });
    expect(readPrincipalMap(config)).toEqual({
      'acme.lifestyle.onboarding': 'User:sa-123abc',
      'acme.finance.accounting': 'User:sa-456def',
    });
  });

  it('rejects a principal without a type, naming the key and the fix', () => {
    const config = new ConfigReader({
      specmesh: {
        principals: [{ appId: 'acme.lifestyle.onboarding', principal: 'sa-1' }],
      },
    });
    expect(() => readPrincipalMap(config)).toThrow(
      "Invalid specmesh.principals[0].principal 'sa-1' for app-id 'acme.lifestyle.onboarding' in app-config: a Kafka principal has the form '<type>:<name>', for example 'User:sa-123abc'",
    );
  });

  it('rejects an app-id mapped twice', () => {
    const config = new ConfigReader({
      specmesh: {
        principals: [
          { appId: 'acme.a', principal: 'User:one' },
          { appId: 'acme.a', principal: 'User:two' },
        ],
      },
    });
    expect(() => readPrincipalMap(config)).toThrow(
      "Duplicate app-id 'acme.a' in specmesh.principals[1]",
    );
  });
});
