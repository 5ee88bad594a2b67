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
import type { DesiredState } from '@meshport/plugin-specmesh-common';
import {
  desiredState,
  desiredTopic,
  liveTopic,
} from '../plan/__testUtils__/fixtures';
import { planProvisioning } from '../plan/planProvisioning';
import type { LiveState } from '../plan/types';
import { readLiveStates } from './clusterSnapshot';
import { readLiveState } from './readLiveState';
import { FakeKafka, FakeRegistry } from './__testUtils__/fakes';

// A registry that lists at most 3 subjects (Apicurio's Confluent API lists at
// most `apicurio.ccompat.max-subjects`, 1,000 by default) and holds 4.
const CAP = 3;
const LISTED = 'acme.shop._public.listed-value';
const BEYOND = 'acme.shop._public.beyond-value';
const ABSENT = 'acme.shop._public.absent-value';
const SCHEMA =
  '{"type":"record","name":"Event","fields":[{"name":"id","type":"string"}]}';

function spec(): DesiredState {
  const names = ['listed', 'beyond', 'absent'];
  return desiredState({
    topics: names.map(name => desiredTopic(`_public.${name}`)),
    schemas: names.map(name => ({
      subject: `acme.shop._public.${name}-value`,
      schemaType: 'AVRO' as const,
      topic: `acme.shop._public.${name}`,
      role: 'value' as const,
      schema: SCHEMA,
    })),
  });
}

/** A Kafka fake with the batched read, so that the snapshot lists subjects once. */
class BatchKafka extends FakeKafka {
  async describeNamespaces(
    namespaces: readonly { appId: string; principal: string }[],
  ) {
    return Promise.all(
      namespaces.map(({ appId, principal }) =>
        this.describeNamespace(appId, principal),
      ),
    );
  }
}

function schemaStates(live: LiveState) {
  return Object.fromEntries(
    planProvisioning(spec(), live)
      .items.filter(item => item.kind === 'schema')
      .map(item => [item.key, item.state]),
  );
}

describe('a registry that lists fewer subjects than it holds', () => {
  let kafka: BatchKafka;
  let registry: FakeRegistry;

  beforeEach(() => {
    kafka = new BatchKafka();
    kafka.topics = ['listed', 'beyond', 'absent'].map(name =>
      liveTopic(`_public.${name}`),
    );
    registry = new FakeRegistry();
    registry.globalLevel = 'FULL_TRANSITIVE';
    registry.listCap = CAP;
    // Listed in this order: the declared subject after two others is cut off.
    for (const subject of [LISTED, 'other.a-value', 'other.b-value', BEYOND]) {
      registry.subjects.set(subject, [
        { subject, version: 1, id: 1, schemaType: 'AVRO', schema: SCHEMA },
      ]);
    }
  });

  it('lists the first subjects only (the fake cuts the list as Apicurio does)', async () => {
    expect(await registry.listSubjects()).not.toContain(BEYOND);
  });

  it('plans a subject beyond the cap as unchanged and an absent one as created (one spec)', async () => {
    const live = await readLiveState(spec(), { kafka, registry });

    expect(live.subjects?.map(subject => subject.subject)).toEqual([
      LISTED,
      BEYOND,
    ]);
    expect(schemaStates(live)).toEqual({
      [LISTED]: 'UNCHANGED',
      [BEYOND]: 'UNCHANGED',
      [ABSENT]: 'CREATE',
    });
    // Each unlisted subject is read once; the level only of one that exists.
    expect(registry.callsOf('latestSchema').map(call => call.subject)).toEqual(
      expect.arrayContaining([LISTED, BEYOND, ABSENT]),
    );
    expect(registry.callsOf('latestSchema')).toHaveLength(3);
    expect(
      registry
        .callsOf('compatibilityLevel')
        .map(call => call.subject)
        .sort(),
    ).toEqual([BEYOND, LISTED]);
  });

  it('plans the same against the snapshot of many specs, with one list', async () => {
    const [live, again] = await readLiveStates([spec(), spec()], {
      kafka,
      registry,
    });

    expect(registry.callsOf('listSubjects')).toHaveLength(1);
    expect(schemaStates(live)).toEqual({
      [LISTED]: 'UNCHANGED',
      [BEYOND]: 'UNCHANGED',
      [ABSENT]: 'CREATE',
    });
    expect(schemaStates(again)).toEqual(schemaStates(live));
  });

  it('keeps the registry error when the read of an unlisted subject fails', async () => {
    registry.listCap = 0;
    registry.throwing.set('latestSchema', new Error('registry unreachable'));

    const [live] = await readLiveStates([spec()], { kafka, registry });

    expect(live.registryError).toBe('registry unreachable');
    expect(Object.values(schemaStates(live))).toEqual([
      'BLOCKED',
      'BLOCKED',
      'BLOCKED',
    ]);
  });
});
