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

/*
 * Plans against a real Apicurio Registry that lists fewer subjects than it
 * holds (`apicurio.ccompat.max-subjects`, 1,000 by default; 5 here, in a
 * registry of this test's own) and the broker of the shared infra: a data
 * product whose subjects are past the cap is unchanged, alone and in the
 * reconcile's snapshot, and a subject that is really absent is created.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { DesiredState } from '@meshport/plugin-specmesh-common';
import { PrivateRegistry, startPrivateRegistry } from '@meshport/dev-infra';
import { KafkaClusterAdmin } from '../kafka';
import type { Plan } from '../plan';
import { ConfluentSchemaRegistryAdmin } from '../registry';
import { Provisioner } from './Provisioner';
import {
  desiredOf,
  kafkaClient,
  owned,
  removeNamespace,
  sharedOrPrivateInfra,
  TestInfra,
  uniqueAppId,
} from './__testUtils__/realCluster';

jest.setTimeout(300_000);

const CAP = 5;

let runDir: string;
let test: TestInfra | undefined;
let registry: PrivateRegistry | undefined;
let kafka: KafkaClusterAdmin | undefined;
let admin: ConfluentSchemaRegistryAdmin;
let provisioner: Provisioner;
const applied = uniqueAppId('cap');
const fresh = uniqueAppId('cap');

function spec(appId: string): DesiredState {
  const payload = {
    title: 'Event',
    type: 'object',
    properties: { id: { type: 'string' } },
  };
  return desiredOf(appId, {
    '_public.orders': owned({}, { payload }),
    '_public.payments': owned({}, { payload }),
  });
}

const schemaStates = (plan: Plan) =>
  plan.items
    .filter(item => item.kind === 'schema')
    .map(item => [item.key, item.state]);

beforeAll(async () => {
  runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'specmesh-node-cap-'));
  const [infra, started] = await Promise.allSettled([
    sharedOrPrivateInfra(0),
    startPrivateRegistry({ runDir, maxSubjects: CAP }),
  ]);
  if (infra.status === 'fulfilled') test = infra.value;
  if (started.status === 'fulfilled') registry = started.value;
  if (!test || !registry) {
    throw new Error(
      `Setup failed: ${[infra, started]
        .map(result => (result.status === 'rejected' ? result.reason : ''))
        .join(' ')}`,
    );
  }
  kafka = new KafkaClusterAdmin(kafkaClient(test.infra).admin());
  await kafka.connect();
  admin = new ConfluentSchemaRegistryAdmin({ url: registry.url });
  provisioner = new Provisioner({ kafka, registry: admin });

  // As many subjects as the registry lists, registered before the data product's.
  for (let index = 0; index < CAP; index++) {
    const response = await fetch(
      `${registry.url}/subjects/0-filler-${index}-value/versions`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
        body: JSON.stringify({ schema: '"string"' }),
      },
    );
    if (!response.ok) throw new Error(`Filler: ${await response.text()}`);
  }
  const result = await provisioner.apply(await provisioner.plan(spec(applied)));
  const failed = result.items.filter(item => item.state === 'FAILED');
  if (failed.length > 0) {
    throw new Error(`Setup failed: ${JSON.stringify(failed)}`);
  }
});

afterAll(async () => {
  if (kafka) {
    await removeNamespace(kafka, applied).catch(() => {});
    await kafka.disconnect();
  }
  await test?.stop();
  await registry?.stop();
  fs.rmSync(runDir, { recursive: true, force: true });
});

describe('a registry that lists fewer subjects than it holds', () => {
  it('leaves the data product’s subjects out of its list', async () => {
    const listed = await admin.listSubjects();
    expect(listed).toHaveLength(CAP);
    const declared = spec(applied).schemas.map(schema => schema.subject);
    expect(declared).toHaveLength(2);
    expect(declared.filter(subject => listed.includes(subject))).toEqual([]);
    // Each is there all the same.
    for (const subject of declared) {
      expect(await admin.latestSchema(subject)).toMatchObject({ version: 1 });
    }
  });

  it('plans the applied data product as unchanged, alone and in a snapshot', async () => {
    const alone = await provisioner.plan(spec(applied));
    const [together, other] = await provisioner.planMany([
      spec(applied),
      spec(fresh),
    ]);

    for (const plan of [alone, together]) {
      expect(plan.items.filter(item => item.state !== 'UNCHANGED')).toEqual([]);
      expect(schemaStates(plan)).toHaveLength(2);
    }
    expect(schemaStates(other)).toEqual([
      [`${fresh}._public.orders-value`, 'CREATE'],
      [`${fresh}._public.payments-value`, 'CREATE'],
    ]);
  });
});
