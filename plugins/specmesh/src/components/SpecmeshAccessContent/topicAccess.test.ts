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
import { AclBinding } from '@meshport/plugin-specmesh-common';
import { readVector } from '../../__fixtures__/asyncApiEntity';
import { topicEntity } from '../../__fixtures__/topicEntity';
import { servedDesiredState } from '../../__testUtils__/servedDesiredState';
import { topicEntryOf } from '../shared/topicEntry';
import {
  allowsOnTopic,
  ReadTopicOwners,
  topicAccessRows,
  ungrantedReads,
} from './topicAccess';

const onboarding = servedDesiredState(readVector('01-onboarding.asyncapi.yaml'))
  .state!;
const accounting = servedDesiredState(readVector('02-accounting.asyncapi.yaml'))
  .state!;

const SIGNED_UP = 'acme.lifestyle.onboarding._public.user_signed_up';
const PURCHASED = 'acme.lifestyle.onboarding._protected.purchased';

/** The topic entity of a topic the onboarding spec owns, as the catalog module writes it. */
function onboardingTopic(
  topic: string,
  access: string,
  grantees: string[] = [],
) {
  const entity = topicEntity();
  return topicEntryOf({
    ...entity,
    metadata: {
      ...entity.metadata,
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
  });
}

function owners(
  entries: ReturnType<typeof topicEntryOf>[],
  dataProductAppIds: string[] = ['acme.lifestyle.onboarding'],
): ReadTopicOwners {
  return {
    topics: new Map(entries.map(entry => [entry.topic, entry])),
    dataProductAppIds: new Set(dataProductAppIds),
  };
}

function binding(overrides: Partial<AclBinding>): AclBinding {
  return {
    resourceType: 'TOPIC',
    resourceName: 'acme.shop.',
    patternType: 'PREFIXED',
    principal: 'User:acme.shop',
    host: '*',
    operation: 'READ',
    permissionType: 'ALLOW',
    ...overrides,
  };
}

describe('allowsOnTopic', () => {
  it('matches prefixed and literal topic bindings for the operation', () => {
    expect(allowsOnTopic(binding({}), 'acme.shop._public.orders', 'READ')).toBe(
      true,
    );
    expect(allowsOnTopic(binding({}), 'acme.shopping.x', 'READ')).toBe(false);
    expect(
      allowsOnTopic(binding({}), 'acme.shop._public.orders', 'WRITE'),
    ).toBe(false);
    expect(
      allowsOnTopic(
        binding({
          patternType: 'LITERAL',
          resourceName: 'acme.shop.a',
          operation: 'ALL',
        }),
        'acme.shop.a',
        'WRITE',
      ),
    ).toBe(true);
    expect(
      allowsOnTopic(binding({ permissionType: 'DENY' }), 'acme.shop.a', 'READ'),
    ).toBe(false);
    expect(
      allowsOnTopic(binding({ resourceType: 'GROUP' }), 'acme.shop.a', 'READ'),
    ).toBe(false);
  });
});

describe('topicAccessRows', () => {
  it('says the owner writes and reads, grantees and everyone read, as the spec says', () => {
    const purchased = topicAccessRows(onboarding)
      .filter(row => row.topic === PURCHASED)
      .map(row => `${row.operation} ${row.principal}`);
    expect(purchased).toEqual([
      'WRITE User:acme.lifestyle.onboarding',
      'READ User:acme.lifestyle.onboarding',
      'READ User:some.other.domain.root',
    ]);
    const signedUpReaders = topicAccessRows(onboarding)
      .filter(
        row => row.topic.endsWith('user_signed_up') && row.operation === 'READ',
      )
      .map(row => row.principal);
    expect(signedUpReaders).toContain('User:*');
  });
});

describe('ungrantedReads', () => {
  it('finds the protected topic its owner does not grant to the consumer', () => {
    expect(
      ungrantedReads(
        accounting,
        owners([
          onboardingTopic(SIGNED_UP, 'public'),
          onboardingTopic(PURCHASED, 'protected', ['some.other.domain.root']),
        ]),
      ),
    ).toEqual([
      {
        topic: PURCHASED,
        ownerAppId: 'acme.lifestyle.onboarding',
        access: 'protected',
        reason: expect.stringContaining('grant-access:acme.finance.accounting'),
      },
    ]);
  });

  it('counts reads granted to the consumer or to everyone as granted', () => {
    expect(
      ungrantedReads(
        accounting,
        owners([
          onboardingTopic(SIGNED_UP, 'public'),
          onboardingTopic(PURCHASED, 'protected', ['acme.finance.accounting']),
        ]),
      ),
    ).toEqual([]);
    expect(
      ungrantedReads(
        accounting,
        owners([
          onboardingTopic(SIGNED_UP, 'public'),
          onboardingTopic(PURCHASED, 'protected', ['_public']),
        ]),
      ),
    ).toEqual([]);
  });

  it('says when the owner is in the catalog but declares no such topic', () => {
    expect(
      ungrantedReads(
        accounting,
        owners([onboardingTopic(SIGNED_UP, 'public')]),
      ),
    ).toEqual([
      {
        topic: PURCHASED,
        ownerAppId: 'acme.lifestyle.onboarding',
        reason: 'acme.lifestyle.onboarding declares no such topic.',
      },
    ]);
  });

  it('counts a read as ungranted when the owner is unknown', () => {
    const reads = ungrantedReads(accounting, owners([], []));
    expect(reads).toHaveLength(2);
    expect(reads[0].reason).toMatch(
      /^No data product with app-id acme.lifestyle.onboarding is in the catalog/,
    );
  });
});
