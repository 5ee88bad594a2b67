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
import type { DesiredSchema } from '@meshport/plugin-specmesh-common';
import { planSchemas } from './planSchemas';
import type { LiveSubject } from './types';

const V1 =
  '{"type":"record","name":"Order","fields":[{"name":"id","type":"string"}]}';
const V2 =
  '{"type":"record","name":"Order","fields":[{"name":"id","type":"string"},{"name":"n","type":"int","default":0}]}';
const SUBJECT = 'acme.shop._public.orders-value';

function desired(overrides: Partial<DesiredSchema> = {}): DesiredSchema {
  return {
    subject: SUBJECT,
    schemaType: 'AVRO',
    topic: 'acme.shop._public.orders',
    role: 'value',
    ref: '/schema/order.avsc',
    schema: V1,
    ...overrides,
  };
}

function registered(overrides: Partial<LiveSubject> = {}): LiveSubject {
  return {
    subject: SUBJECT,
    version: 3,
    id: 7,
    schemaType: 'AVRO',
    schema: V1,
    compatibility: 'FULL_TRANSITIVE',
    ...overrides,
  };
}

describe('planSchemas', () => {
  it('creates a new subject with the configured compatibility', () => {
    expect(
      planSchemas([desired()], { subjects: [] }, 'FULL_TRANSITIVE'),
    ).toEqual([
      {
        kind: 'schema',
        key: SUBJECT,
        state: 'CREATE',
        after: { ...desired(), compatibility: 'FULL_TRANSITIVE' },
        changes: [{ field: 'compatibility', after: 'FULL_TRANSITIVE' }],
      },
    ]);
    expect(
      planSchemas([desired()], { subjects: [] }, 'BACKWARD')[0].after
        ?.compatibility,
    ).toBe('BACKWARD');
  });

  it('leaves a subject whose latest version says the same unchanged', () => {
    const reformatted = JSON.stringify(JSON.parse(V1), null, 2);
    const [item] = planSchemas(
      [desired({ schema: reformatted })],
      { subjects: [registered()] },
      'FULL_TRANSITIVE',
    );

    expect(item).toMatchObject({ state: 'UNCHANGED', before: registered() });
    expect(item.changes).toBeUndefined();
  });

  it('trusts the registry when it holds the desired text as the latest version', () => {
    const [item] = planSchemas(
      [desired({ schema: V2 })],
      {
        subjects: [registered()],
        schemaChecks: { [SUBJECT]: { registeredVersion: 3 } },
      },
      'FULL_TRANSITIVE',
    );
    expect(item.state).toBe('UNCHANGED');
  });

  it('sets the configured compatibility on a managed subject that has another', () => {
    const [item] = planSchemas(
      [desired()],
      { subjects: [registered({ compatibility: 'NONE' })] },
      'FULL_TRANSITIVE',
    );

    expect(item.state).toBe('UPDATE');
    expect(item.changes).toEqual([
      { field: 'compatibility', before: 'NONE', after: 'FULL_TRANSITIVE' },
    ]);
  });

  it('updates a changed schema the registry finds compatible', () => {
    const [item] = planSchemas(
      [desired({ schema: V2 })],
      {
        subjects: [registered()],
        schemaChecks: { [SUBJECT]: { compatible: true } },
      },
      'FULL_TRANSITIVE',
    );

    expect(item.state).toBe('UPDATE');
    expect(item.changes).toEqual([
      { field: 'schema', before: 'version 3', after: 'new version' },
    ]);
    expect(item.after?.schema).toBe(V2);
  });

  it('checks a desired schema that equals an older version like any change', () => {
    const [unchecked] = planSchemas(
      [desired({ schema: V2 })],
      {
        subjects: [registered()],
        schemaChecks: { [SUBJECT]: { registeredVersion: 1 } },
      },
      'FULL_TRANSITIVE',
    );
    expect(unchecked.state).toBe('BLOCKED');
  });

  it("blocks an incompatible schema with the registry's message", () => {
    const [item] = planSchemas(
      [desired({ schema: V2 })],
      {
        subjects: [registered()],
        schemaChecks: {
          [SUBJECT]: {
            compatible: false,
            messages: ['reader field n has no default'],
          },
        },
      },
      'FULL_TRANSITIVE',
    );

    expect(item.state).toBe('BLOCKED');
    expect(item.reason).toContain(
      `not compatible with the registered versions of ${SUBJECT}`,
    );
    expect(item.reason).toContain('compatibility FULL_TRANSITIVE');
    expect(item.reason).toContain('reader field n has no default');
    expect(item.changes).toEqual([
      { field: 'schema', before: 'version 3', after: 'new version' },
    ]);
  });

  it('says so when the registry explains nothing', () => {
    const [item] = planSchemas(
      [desired({ schema: V2 })],
      {
        subjects: [registered()],
        schemaChecks: { [SUBJECT]: { compatible: false } },
      },
      'FULL_TRANSITIVE',
    );
    expect(item.reason).toContain('the registry gave no details');
  });

  it.each([
    ['no check was made', undefined, 'no check was made'],
    ['the check failed', { error: 'HTTP 500: boom' }, 'HTTP 500: boom'],
  ])('blocks a changed schema when %s', (_, check, expected) => {
    const [item] = planSchemas(
      [desired({ schema: V2 })],
      {
        subjects: [registered()],
        schemaChecks: check ? { [SUBJECT]: check } : {},
      },
      'FULL_TRANSITIVE',
    );
    expect(item.state).toBe('BLOCKED');
    expect(item.reason).toContain(expected);
  });

  it('treats a changed schema type as a change', () => {
    const [item] = planSchemas(
      [desired({ schemaType: 'JSON' })],
      {
        subjects: [registered()],
        schemaChecks: { [SUBJECT]: { compatible: true } },
      },
      'FULL_TRANSITIVE',
    );
    expect(item).toMatchObject({
      state: 'UPDATE',
      changes: [{ field: 'schema' }],
    });
  });

  it('blocks every schema when no registry is configured', () => {
    const [item] = planSchemas([desired()], {}, 'FULL_TRANSITIVE');
    expect(item.state).toBe('BLOCKED');
    expect(item.reason).toContain('No schema registry is configured');
  });

  it('blocks a schema whose text was not loaded, naming its file', () => {
    const [item] = planSchemas(
      [desired({ schema: undefined })],
      { subjects: [] },
      'FULL_TRANSITIVE',
    );
    expect(item.state).toBe('BLOCKED');
    expect(item.reason).toContain('/schema/order.avsc');
  });

  it('plans a subject once and sorts by subject', () => {
    const items = planSchemas(
      [
        desired({ subject: 'b-value' }),
        desired({ subject: 'a-value' }),
        desired({ subject: 'b-value' }),
      ],
      { subjects: [] },
      'FULL_TRANSITIVE',
    );
    expect(items.map(item => item.key)).toEqual(['a-value', 'b-value']);
  });
});
