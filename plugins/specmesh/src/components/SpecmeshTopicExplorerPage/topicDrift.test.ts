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
import { parseAclBindingKey } from '@meshport/plugin-specmesh-common';
import type { StatusItem } from '../../api';
import { driftVerdict } from '../../__testUtils__/meshTopics';
import {
  aclConcernsTopic,
  describeDifference,
  indexVerdicts,
  itemConcernsTopic,
  topicDriftOf,
} from './topicDrift';

const ONBOARDING = 'acme.lifestyle.onboarding';
const SIGNED_UP = `${ONBOARDING}._public.user_signed_up`;
const PURCHASED = `${ONBOARDING}._protected.purchased`;

const signedUp = {
  topic: SIGNED_UP,
  appId: ONBOARDING,
  dataProductRef: `api:default/${ONBOARDING}`,
  schemaSubjects: [] as string[],
};

function item(
  kind: StatusItem['kind'],
  key: string,
  status: StatusItem['status'],
  extra: Partial<StatusItem> = {},
): StatusItem {
  return { kind, key, status, exists: status !== 'missing', ...extra };
}

const acl = (resource: string, principal = 'User:acme.finance.accounting') =>
  `ALLOW ${principal} READ ${resource} @*`;

describe('aclConcernsTopic', () => {
  it.each([
    ['a literal binding on the topic', `TOPIC:LITERAL:${SIGNED_UP}`, true],
    ['a literal binding on another topic', `TOPIC:LITERAL:${PURCHASED}`, false],
    ['the literal wildcard', 'TOPIC:LITERAL:*', true],
    ['a prefix of the topic', `TOPIC:PREFIXED:${ONBOARDING}._public`, true],
    ['the data product prefix', `TOPIC:PREFIXED:${ONBOARDING}.`, true],
    ['another prefix', `TOPIC:PREFIXED:${ONBOARDING}._private`, false],
    ['a group of the same name', `GROUP:PREFIXED:${ONBOARDING}.`, false],
  ])('%s: %s', (_case, resource, expected) => {
    expect(
      aclConcernsTopic(parseAclBindingKey(acl(resource))!, SIGNED_UP),
    ).toBe(expected);
  });
});

describe('itemConcernsTopic', () => {
  it('matches the topic item by name', () => {
    expect(
      itemConcernsTopic(item('topic', SIGNED_UP, 'drifted'), signedUp),
    ).toBe(true);
    expect(
      itemConcernsTopic(item('topic', PURCHASED, 'drifted'), signedUp),
    ).toBe(false);
  });

  it("matches the topic name strategy's subjects and the ones the entity names", () => {
    const withRecordSubject = {
      ...signedUp,
      schemaSubjects: ['acme.SignedUp'],
    };

    expect(
      itemConcernsTopic(
        item('schema', `${SIGNED_UP}-value`, 'missing'),
        signedUp,
      ),
    ).toBe(true);
    expect(
      itemConcernsTopic(
        item('schema', `${SIGNED_UP}-key`, 'missing'),
        signedUp,
      ),
    ).toBe(true);
    expect(
      itemConcernsTopic(item('schema', 'acme.SignedUp', 'missing'), signedUp),
    ).toBe(false);
    expect(
      itemConcernsTopic(
        item('schema', 'acme.SignedUp', 'missing'),
        withRecordSubject,
      ),
    ).toBe(true);
    expect(
      itemConcernsTopic(
        item('schema', `${PURCHASED}-value`, 'missing'),
        signedUp,
      ),
    ).toBe(false);
  });

  it('matches ACL bindings on the topic or a prefix of it', () => {
    expect(
      itemConcernsTopic(
        item('acl', acl(`TOPIC:PREFIXED:${ONBOARDING}._public`), 'missing'),
        signedUp,
      ),
    ).toBe(true);
    expect(
      itemConcernsTopic(
        item('acl', acl(`TOPIC:LITERAL:${PURCHASED}`), 'missing'),
        signedUp,
      ),
    ).toBe(false);
  });
});

describe('describeDifference', () => {
  it.each<[string, StatusItem, string[]]>([
    [
      'a changed setting',
      item('topic', SIGNED_UP, 'drifted', {
        changes: [{ field: 'partitions', before: 1, after: 3 }],
      }),
      ['partitions 1 → 3'],
    ],
    [
      'a config reset to the default',
      item('topic', SIGNED_UP, 'drifted', {
        changes: [{ field: 'configs.retention.ms', before: '1000' }],
      }),
      ['configs.retention.ms 1000 → default'],
    ],
    [
      'a missing topic',
      item('topic', SIGNED_UP, 'missing'),
      ['topic missing on the cluster'],
    ],
    [
      'a newer schema and a compatibility change',
      item('schema', `${SIGNED_UP}-value`, 'drifted', {
        changes: [
          { field: 'schema', before: 'version 2', after: 'new version' },
          { field: 'compatibility', before: 'NONE', after: 'BACKWARD' },
        ],
      }),
      [
        `schema ${SIGNED_UP}-value: the spec's is newer`,
        `${SIGNED_UP}-value compatibility NONE → BACKWARD`,
      ],
    ],
    [
      'an unregistered subject',
      item('schema', `${SIGNED_UP}-value`, 'missing'),
      [`schema ${SIGNED_UP}-value not registered`],
    ],
    [
      'a missing prefixed grant',
      item('acl', acl(`TOPIC:PREFIXED:${ONBOARDING}._public`), 'missing'),
      [
        `ACL missing: READ for User:acme.finance.accounting on ${ONBOARDING}._public*`,
      ],
    ],
    [
      'a binding the spec no longer implies',
      item(
        'acl',
        acl(`TOPIC:LITERAL:${SIGNED_UP}`, 'User:acme.old'),
        'unexpected',
      ),
      ['ACL not in the spec: READ for User:acme.old'],
    ],
  ])('describes %s', (_case, statusItem, expected) => {
    expect(describeDifference(statusItem)).toEqual(expected);
  });
});

describe('topicDriftOf', () => {
  it('says a topic without a verdict was not checked', () => {
    expect(topicDriftOf(signedUp, indexVerdicts([]))).toEqual({
      state: 'not-checked',
    });
  });

  it('finds the topic in sync when the verdict lists nothing about it', () => {
    const index = indexVerdicts([
      driftVerdict(ONBOARDING, 'drifted', [
        item('topic', PURCHASED, 'drifted', {
          changes: [{ field: 'partitions', before: 1, after: 3 }],
        }),
      ]),
    ]);

    expect(topicDriftOf(signedUp, index)).toEqual({
      state: 'in-sync',
      checkedAt: '2026-03-01T10:00:00.000Z',
    });
    expect(
      topicDriftOf({ ...signedUp, topic: PURCHASED }, index),
    ).toMatchObject({
      state: 'drifted',
      differences: ['partitions 1 → 3'],
    });
  });

  it('calls a topic the check did not compare not checked, whatever the verdict', () => {
    const index = indexVerdicts([
      driftVerdict(ONBOARDING, 'in-sync', [], { checkedTopics: [PURCHASED] }),
    ]);
    // Added to the spec after the check: nothing says it is in sync.
    expect(topicDriftOf(signedUp, index)).toEqual({ state: 'not-checked' });
    expect(topicDriftOf({ ...signedUp, topic: PURCHASED }, index).state).toBe(
      'in-sync',
    );
  });

  it("collects the topic's own, schema and ACL differences", () => {
    const index = indexVerdicts([
      driftVerdict(ONBOARDING, 'drifted', [
        item('topic', SIGNED_UP, 'drifted', {
          changes: [{ field: 'partitions', before: 1, after: 3 }],
        }),
        item('schema', `${SIGNED_UP}-value`, 'missing'),
        item('acl', acl(`TOPIC:PREFIXED:${ONBOARDING}._public`), 'missing'),
        item('schema', `${PURCHASED}-value`, 'missing'),
      ]),
    ]);

    expect(topicDriftOf(signedUp, index)).toEqual({
      state: 'drifted',
      checkedAt: '2026-03-01T10:00:00.000Z',
      driftedSince: '2026-03-01T09:00:00.000Z',
      differences: [
        'partitions 1 → 3',
        `schema ${SIGNED_UP}-value not registered`,
        `ACL missing: READ for User:acme.finance.accounting on ${ONBOARDING}._public*`,
      ],
    });
  });

  it('passes on a failed check with its error', () => {
    const index = indexVerdicts([
      driftVerdict(ONBOARDING, 'error', [], {
        error: 'Broker localhost:9092 is down',
      }),
    ]);

    expect(topicDriftOf(signedUp, index)).toEqual({
      state: 'error',
      checkedAt: '2026-03-01T10:00:00.000Z',
      error: 'Broker localhost:9092 is down',
    });
  });

  it('is unknown when an item about the topic could not be compared', () => {
    const index = indexVerdicts([
      driftVerdict(ONBOARDING, 'unknown', [
        item('schema', `${SIGNED_UP}-value`, 'unknown', {
          reason: 'No schema registry is configured for this cluster',
        }),
      ]),
    ]);

    expect(topicDriftOf(signedUp, index)).toEqual({
      state: 'unknown',
      checkedAt: '2026-03-01T10:00:00.000Z',
      reason: 'No schema registry is configured for this cluster',
    });
    // The verdict's other topics had nothing that could not be compared.
    expect(topicDriftOf({ ...signedUp, topic: PURCHASED }, index).state).toBe(
      'in-sync',
    );
  });

  it('is unknown when the verdict compared nothing', () => {
    const index = indexVerdicts([driftVerdict(ONBOARDING, 'unknown')]);

    expect(topicDriftOf(signedUp, index).state).toBe('unknown');
  });

  it("finds the verdict by the topic's app-id when it has no data product relation", () => {
    const index = indexVerdicts([
      driftVerdict(
        ONBOARDING,
        'drifted',
        [item('topic', SIGNED_UP, 'missing')],
        {
          entityRef: 'api:default/onboarding',
        },
      ),
    ]);

    expect(
      topicDriftOf({ ...signedUp, dataProductRef: undefined }, index),
    ).toMatchObject({ state: 'drifted' });
  });

  it('prefers the verdict of the data product the topic is part of, whatever the case of its ref', () => {
    const index = indexVerdicts([
      driftVerdict(ONBOARDING, 'in-sync', [], {
        entityRef: `API:default/${ONBOARDING}`,
      }),
      // Another entity declaring the same app-id.
      driftVerdict(ONBOARDING, 'error', [], {
        entityRef: 'api:default/onboarding-copy',
      }),
    ]);

    expect(topicDriftOf(signedUp, index).state).toBe('in-sync');
  });

  it('shows the worst of several clusters, saying where each difference is', () => {
    const index = indexVerdicts([
      driftVerdict(ONBOARDING, 'in-sync', [], { cluster: 'eu' }),
      driftVerdict(
        ONBOARDING,
        'drifted',
        [
          item('topic', SIGNED_UP, 'drifted', {
            changes: [{ field: 'replicas', before: 1, after: 3 }],
          }),
        ],
        { cluster: 'us' },
      ),
    ]);

    expect(topicDriftOf(signedUp, index)).toMatchObject({
      state: 'drifted',
      differences: ['us: replicas 1 → 3'],
    });
  });
});
