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
import type { AclBinding } from '@meshport/plugin-specmesh-common';
import type { ApplyResult, Plan } from '@meshport/plugin-specmesh-node';
import { formatMarkdown } from './formatMarkdown';
import { formatText } from './formatText';
import {
  applyReport,
  changeText,
  isComplete,
  planReport,
  summaryOf,
} from './provisioningReport';

const read: AclBinding = {
  resourceType: 'TOPIC',
  resourceName: 'acme.shop.',
  patternType: 'PREFIXED',
  principal: 'User:acme.shop',
  host: '*',
  operation: 'READ',
  permissionType: 'ALLOW',
};
const revoked: AclBinding = {
  ...read,
  resourceName: 'acme.shop._protected.orders',
  patternType: 'LITERAL',
  principal: 'User:acme.gone',
};

const plan: Plan = {
  appId: 'acme.shop',
  items: [
    {
      kind: 'topic',
      key: 'acme.shop._public.orders',
      state: 'CREATE',
      after: {
        name: 'acme.shop._public.orders',
        access: 'public',
        partitions: 3,
        replicas: null,
        configs: { 'retention.ms': '3600000' },
      },
    },
    {
      kind: 'topic',
      key: 'acme.shop._protected.orders',
      state: 'UPDATE',
      changes: [
        { field: 'partitions', before: 1, after: 3 },
        { field: 'configs.cleanup.policy', before: 'compact' },
        { field: 'configs.retention.ms', after: '1000' },
      ],
    },
    {
      kind: 'topic',
      key: 'acme.shop._private.audit',
      state: 'BLOCKED',
      changes: [{ field: 'partitions', before: 4, after: 2 }],
      reason: 'Kafka cannot remove partitions.',
    },
    { kind: 'topic', key: 'acme.shop._private.same', state: 'UNCHANGED' },
    {
      kind: 'topic',
      key: 'acme.shop._private.legacy',
      state: 'UNCHANGED',
      unmanaged: true,
      reason: 'Not in the spec; kept.',
    },
    {
      kind: 'schema',
      key: 'acme.shop._public.orders-value',
      state: 'CREATE',
      after: {
        subject: 'acme.shop._public.orders-value',
        schemaType: 'AVRO',
        topic: 'acme.shop._public.orders',
        role: 'value',
        ref: '/schema/order.avsc',
        compatibility: 'FULL_TRANSITIVE',
      },
      changes: [{ field: 'compatibility', after: 'FULL_TRANSITIVE' }],
    },
    { kind: 'acl', key: 'read', state: 'CREATE', after: read },
    {
      kind: 'acl',
      key: 'revoked',
      state: 'DELETE',
      before: revoked,
      reason: 'The spec no longer implies this binding: revoked.',
    },
  ],
};

const DONE: Record<string, string> = {
  CREATE: 'CREATED',
  UPDATE: 'UPDATED',
  DELETE: 'DELETED',
};
const applied: ApplyResult = {
  appId: 'acme.shop',
  items: plan.items.map(
    item =>
      ({
        ...item,
        planned: item.state,
        state: DONE[item.state] ?? item.state,
      } as never),
  ),
};
applied.items[0] = {
  ...applied.items[0],
  state: 'FAILED',
  message:
    'Replication factor: 3 larger than available brokers: 1. (INVALID_REPLICATION_FACTOR)',
};

describe('the provisioning report', () => {
  it('counts the items by state and says whether everything went through', () => {
    const planned = planReport(plan, 'local');
    expect(planned.counts).toEqual({
      CREATE: 3,
      UPDATE: 1,
      DELETE: 1,
      BLOCKED: 1,
      UNCHANGED: 2,
    });
    expect(summaryOf(planned)).toBe(
      '3 to create, 1 to update, 1 to delete, 1 blocked, 2 unchanged',
    );
    expect(isComplete(planned)).toBe(false);
    expect(
      isComplete(planReport({ appId: 'a', items: [plan.items[0]] }, 'local')),
    ).toBe(true);
    expect(summaryOf(planReport({ appId: 'a', items: [] }, 'local'))).toBe(
      'nothing',
    );
  });

  it('writes changes as before → after, with unset and default for absent values', () => {
    expect(changeText({ field: 'partitions', before: 1, after: 3 })).toBe(
      'partitions 1 → 3',
    );
    expect(changeText({ field: 'configs.retention.ms', after: '5' })).toBe(
      'retention.ms unset → 5',
    );
    expect(changeText({ field: 'configs.cleanup.policy', before: 'x' })).toBe(
      'cleanup.policy x → default',
    );
    expect(
      changeText({ field: 'partitions', before: 4, after: 2, blocked: true }),
    ).toBe('partitions 4 → 2 (blocked)');
  });

  it('prints a plan for a terminal: what changes, by kind, with the reasons', () => {
    expect(formatText(planReport(plan, 'local'))).toBe(
      [
        'Plan for acme.shop on cluster local: 3 to create, 1 to update, 1 to delete, 1 blocked, 2 unchanged.',
        '',
        'Topics',
        '  + create     acme.shop._public.orders  partitions 3, replicas default, retention.ms=3600000',
        '  ~ update     acme.shop._protected.orders  partitions 1 → 3; cleanup.policy compact → default; retention.ms unset → 1000',
        '  ! blocked    acme.shop._private.audit  partitions 4 → 2',
        '      Kafka cannot remove partitions.',
        '  = unmanaged  acme.shop._private.legacy  not in the spec',
        '      Not in the spec; kept.',
        '',
        'Schemas',
        '  + create     acme.shop._public.orders-value  AVRO from /schema/order.avsc, compatibility FULL_TRANSITIVE',
        '',
        'ACL bindings',
        '  + create     ALLOW User:acme.shop READ TOPIC PREFIXED acme.shop.',
        '  - delete     ALLOW User:acme.gone READ TOPIC LITERAL acme.shop._protected.orders',
        '      The spec no longer implies this binding: revoked.',
        '',
      ].join('\n'),
    );
  });

  it('prints an apply for a terminal, with the broker message of what failed', () => {
    const text = formatText(applyReport(applied, 'local'));
    expect(text).toContain(
      'Applied acme.shop on cluster local: 2 created, 1 updated, 1 deleted, 1 failed, 1 blocked, 2 unchanged.',
    );
    expect(text).toContain(
      '  ✖ failed     acme.shop._public.orders  partitions 3, replicas default, retention.ms=3600000\n' +
        '      Replication factor: 3 larger than available brokers: 1. (INVALID_REPLICATION_FACTOR)\n',
    );
    expect(text).toContain(
      '  ✔ deleted    ALLOW User:acme.gone READ TOPIC LITERAL acme.shop._protected.orders',
    );
  });

  it('says so when there is nothing to do', () => {
    expect(
      formatText(
        planReport(
          {
            appId: 'a',
            items: [{ kind: 'topic', key: 'a.t', state: 'UNCHANGED' }],
          },
          'local',
        ),
      ),
    ).toBe(
      'Plan for a on cluster local: 1 unchanged.\nThe cluster matches the spec: nothing to do.\n',
    );
  });

  it('writes a plan as a pull-request comment: a headline, the summary, a table per kind', () => {
    expect(formatMarkdown(planReport(plan, 'local'))).toBe(
      [
        '### ⛔ Meshport plan for `acme.shop` on `local`',
        '',
        '**3 to create · 1 to update · 1 to delete · 1 blocked · 2 unchanged**',
        '',
        '#### Topics',
        '',
        '| | Topic | State | Details |',
        '|---|---|---|---|',
        '| 🟢 | `acme.shop._public.orders` | create | partitions 3, replicas default, retention.ms=3600000 |',
        '| 🟡 | `acme.shop._protected.orders` | update | partitions 1 → 3; cleanup.policy compact → default; retention.ms unset → 1000 |',
        '| ⛔ | `acme.shop._private.audit` | blocked | partitions 4 → 2<br>Kafka cannot remove partitions. |',
        '| ⚪ | `acme.shop._private.legacy` | unmanaged | not in the spec<br>Not in the spec; kept. |',
        '',
        '#### Schemas',
        '',
        '| | Subject | State | Details |',
        '|---|---|---|---|',
        '| 🟢 | `acme.shop._public.orders-value` | create | AVRO from /schema/order.avsc, compatibility FULL_TRANSITIVE |',
        '',
        '#### ACL bindings',
        '',
        '| | Principal | Operation | Resource | State | Details |',
        '|---|---|---|---|---|---|',
        '| 🟢 | `User:acme.shop` | READ | TOPIC prefixed `acme.shop.` | create |  |',
        '| 🔴 | `User:acme.gone` | READ | TOPIC literal `acme.shop._protected.orders` | delete | The spec no longer implies this binding: revoked. |',
        '',
      ].join('\n'),
    );
  });

  it('marks a failed apply in the headline and keeps messages inside their cells', () => {
    const withPipes: ApplyResult = {
      appId: 'acme.shop',
      items: [
        {
          ...applied.items[0],
          message: 'first line | with a pipe\n<second> line',
        },
      ],
    };

    const markdown = formatMarkdown(applyReport(withPipes, 'prod'));

    expect(markdown.split('\n')[0]).toBe(
      '### ❌ Meshport apply for `acme.shop` on `prod`',
    );
    expect(markdown).toContain(
      '| ❌ | `acme.shop._public.orders` | failed | partitions 3, replicas default, retention.ms=3600000<br>first line \\| with a pipe<br>&lt;second> line |',
    );
  });
});
