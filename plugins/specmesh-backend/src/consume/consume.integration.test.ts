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
 * GET /topics/{topic}/consume against the real broker and registry of
 * @meshport/dev-infra: the owner's spec is applied for real, and the answer
 * follows the cluster (a grant not yet applied, then applied).
 */
import request from 'supertest';
import { useRealCluster } from '../__testUtils__/realCluster';
import {
  as,
  consumeUrl,
  mesh,
  NOBODY,
  OWNER,
  payload,
  READER,
  REGISTRY_SECRET,
  startBackend,
} from './__testUtils__/consumeMesh';

jest.setTimeout(300_000);

const realCluster = useRealCluster('consume');

describe('GET /topics/{topic}/consume', () => {
  it('tells a reader how to read a public topic, with the latest schema and no secret', async () => {
    const m = mesh(realCluster);
    const server = await startBackend(realCluster, m.entities);
    const applied = await request(server)
      .post(`/api/specmesh/entities/api/default/${m.owner}/apply`)
      .set(as(OWNER))
      .send({});
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ status: 'succeeded' });

    const res = await request(server)
      .get(consumeUrl(m.publicTopic))
      .set(as(READER));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      topic: m.publicTopic,
      ownerEntityRef: `api:default/${m.owner}`,
      ownerAppId: m.owner,
      accessLevel: 'public',
      cluster: 'local',
      bootstrapServers: realCluster.infra.kafka.brokers,
      securityProtocol: 'SASL_PLAINTEXT',
      saslMechanism: 'PLAIN',
      schemaRegistryUrl: realCluster.infra.registry.url,
      schema: {
        subject: `${m.publicTopic}-value`,
        version: 1,
        schemaType: 'JSON',
      },
      schemaNotes: [],
    });
    expect(JSON.parse(res.body.schema.schema)).toMatchObject(payload);
    expect(
      res.body.yourDataProducts.map((p: any) => [p.appId, p.canRead]),
    ).toEqual(
      [
        [m.granted, true],
        [m.other, true],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    const granted = res.body.yourDataProducts.find(
      (p: any) => p.appId === m.granted,
    );
    expect(granted.groupPrefix).toBe(`${m.granted}.`);
    expect(granted.clientSettings.javaProperties).toContain(
      `group.id=${m.granted}.events-reader`,
    );
    expect(granted.clientSettings.javaProperties).toContain(
      `bootstrap.servers=${realCluster.infra.kafka.brokers.join(',')}`,
    );
    expect(granted.clientSettings.javaProperties).toContain(
      'username="<username>" password="<password>"',
    );

    // No configured secret anywhere in the answer.
    const text = JSON.stringify(res.body);
    for (const secret of [
      realCluster.infra.kafka.sasl.password,
      REGISTRY_SECRET.username,
      REGISTRY_SECRET.password,
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/"admin"|username="admin"/);
  });

  it('says a grant in the spec is not yet applied until the owner applies it', async () => {
    const m = mesh(realCluster);
    const server = await startBackend(realCluster, m.entities);
    const verdicts = async () => {
      const res = await request(server)
        .get(consumeUrl(m.protectedTopic))
        .set(as(READER));
      expect(res.status).toBe(200);
      expect(res.body.accessLevel).toBe('protected');
      return Object.fromEntries(
        res.body.yourDataProducts.map((p: any) => [p.appId, p]),
      );
    };

    const before = await verdicts();
    expect(before[m.granted]).toMatchObject({ canRead: false, aclLive: false });
    expect(before[m.granted].reason).toContain('not yet applied');
    expect(before[m.other].canRead).toBe(false);
    expect(before[m.other].reason).toContain(`grant-access:${m.other}`);

    const applied = await request(server)
      .post(`/api/specmesh/entities/api/default/${m.owner}/apply`)
      .set(as(OWNER))
      .send({});
    // On failure, the items that failed say why.
    expect({
      status: applied.body.status,
      error: applied.body.error,
      failed: applied.body.result?.items.filter(
        (item: { state: string }) => item.state !== 'CREATED',
      ),
    }).toMatchObject({ status: 'succeeded' });

    // A broker answers DescribeAcls from its own metadata, which follows the
    // controller's: wait (boundedly) for the binding to show there.
    const deadline = Date.now() + 90_000;
    let after = await verdicts();
    while (!after[m.granted].aclLive && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 1_000));
      after = await verdicts();
    }
    expect(after[m.granted]).toMatchObject({ canRead: true, aclLive: true });
    expect(after[m.granted].reason).toMatch(/^Granted: /);
    expect(after[m.other].canRead).toBe(false);
  });

  it('never lets another data product read a private topic, and lets its owner', async () => {
    const m = mesh(realCluster);
    const server = await startBackend(realCluster, m.entities);
    const asReader = await request(server)
      .get(consumeUrl(m.privateTopic))
      .set(as(READER));
    expect(asReader.status).toBe(200);
    for (const product of asReader.body.yourDataProducts) {
      expect(product.canRead).toBe(false);
      expect(product.reason).toContain('Private data is never shared');
    }
    const asOwner = await request(server)
      .get(consumeUrl(m.privateTopic))
      .set(as(OWNER));
    expect(asOwner.body.yourDataProducts).toEqual([
      expect.objectContaining({ appId: m.owner, canRead: true }),
    ]);
  });

  it('tells a user without a data product that reading through groups needs one', async () => {
    const m = mesh(realCluster);
    const server = await startBackend(realCluster, m.entities);
    const res = await request(server)
      .get(consumeUrl(m.publicTopic))
      .set(as(NOBODY));
    expect(res.status).toBe(200);
    expect(res.body.yourDataProducts).toEqual([]);
    expect(res.body.noDataProductReason).toContain('needs a data product');
    expect(res.body.clientSettings.groupPrefix).toBe('<app-id>.');
  });

  it('omits the schema with a note when the registry does not answer', async () => {
    const m = mesh(realCluster);
    // A port nothing listens on: the registry is down.
    const server = await startBackend(
      realCluster,
      m.entities,
      'http://127.0.0.1:9/apis/ccompat/v7',
    );
    const res = await request(server)
      .get(consumeUrl(m.publicTopic))
      .set(as(READER));
    expect(res.status).toBe(200);
    expect(res.body.schema).toBeUndefined();
    expect(res.body.schemaNotes).toEqual([
      expect.stringContaining('could not be read from the schema registry'),
    ]);
    expect(JSON.stringify(res.body)).not.toContain(REGISTRY_SECRET.password);
  });

  it('answers 404 for unknown topics, 400 for names that are not topics, 401 without a user', async () => {
    const m = mesh(realCluster);
    const server = await startBackend(realCluster, m.entities);
    const unknown = await request(server)
      .get(consumeUrl(`${m.owner}._public.nothing`))
      .set(as(READER));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('No data product');

    for (const hostile of [
      '../../etc/passwd',
      'a b',
      'x'.repeat(250),
      'a\nb',
    ]) {
      const res = await request(server)
        .get(consumeUrl(hostile))
        .set(as(READER));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/Invalid topic/);
    }

    const anonymous = await request(server).get(consumeUrl(m.publicTopic));
    expect(anonymous.status).toBe(401);
  });
});
