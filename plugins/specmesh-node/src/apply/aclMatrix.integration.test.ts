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
 * The ACL proof matrix (RULES §3) on a real broker with real SASL users:
 * {owner, grantee, stranger, prefix-sibling} × {_public, _protected, _private} ×
 * {produce, consume with a group under the consumer's own `<app-id>.`}.
 *
 * Two owners share a string prefix, `<base>.user` and `<base>.userprops`, and each
 * is the other's prefix-sibling: SpecMesh's bare-id prefixes would let
 * `<base>.user` into `<base>.userprops.*`; here it gets public read only.
 * Every app-id is mapped onto a SASL user of its own from the pool.
 */
import { Kafka, logLevel } from 'kafkajs';
import type { DesiredState } from '@meshport/plugin-specmesh-common';
import type { InfraConnection } from '@meshport/dev-infra';
import { KafkaClusterAdmin } from '../kafka';
import type { ApplyResult } from '../plan';
import { ConfluentSchemaRegistryAdmin } from '../registry';
import { mapWithConcurrency } from './mapWithConcurrency';
import { Provisioner } from './Provisioner';
import {
  desiredOf,
  errorTypes,
  eventually,
  kafkaClient,
  owned,
  removeNamespace,
  sharedOrPrivateInfra,
  TestInfra,
  uniqueAppId,
} from './__testUtils__/realCluster';

jest.setTimeout(180_000);

type Role = 'owner' | 'grantee' | 'stranger' | 'sibling';
type Level = 'public' | 'protected' | 'private';
type Operation = 'produce' | 'consume';

const ROLES: Role[] = ['owner', 'grantee', 'stranger', 'sibling'];
const LEVELS: Level[] = ['public', 'protected', 'private'];
const OPERATIONS: Operation[] = ['produce', 'consume'];

/** RULES §3: who may do what on a topic of each access level. */
function entitled(role: Role, level: Level, operation: Operation): boolean {
  if (operation === 'produce') return role === 'owner';
  if (level === 'public') return true;
  if (level === 'protected') return role === 'owner' || role === 'grantee';
  return role === 'owner';
}

const TOPIC_OF: Record<Level, string> = {
  public: '_public.events',
  protected: '_protected.payments',
  private: '_private.audit',
};

/** How a probe ended: `allowed`, or `denied` with the broker's error, or something else. */
type Outcome = 'allowed' | `denied ${string}` | `error ${string}`;

const DENIALS = [
  'TOPIC_AUTHORIZATION_FAILED',
  'GROUP_AUTHORIZATION_FAILED',
] as const;

/**
 * The outcome of a failed probe. kafkajs swallows FindCoordinator's error (a
 * denied group surfaces as "Failed to find group coordinator"), so the error
 * types the client logged count too.
 */
function outcomeOf(error: unknown, logged: readonly string[]): Outcome {
  const types = [...errorTypes(error), ...logged];
  const denial = DENIALS.find(type => types.includes(type));
  return denial
    ? `denied ${denial}`
    : `error ${(error as Error)?.message ?? String(error)}`;
}

let test: TestInfra;
let infra: InfraConnection;
let admin: KafkaClusterAdmin;
let base: string;
let appIdOf: Record<'user' | 'userprops' | 'grantee' | 'stranger', string>;
let userOf: Record<string, string>;

beforeAll(async () => {
  test = await sharedOrPrivateInfra(4);
  infra = test.infra;
  admin = new KafkaClusterAdmin(kafkaClient(infra).admin());
  await admin.connect();

  base = uniqueAppId();
  appIdOf = {
    user: `${base}.user`,
    userprops: `${base}.userprops`,
    grantee: `${base}.grantee`,
    stranger: `${base}.stranger`,
  };
  const appIds = Object.values(appIdOf);
  userOf = Object.fromEntries(
    appIds.map((appId, index) => [appId, test.users[index]]),
  );
});

afterAll(async () => {
  if (admin) {
    for (const appId of Object.values(appIdOf ?? {})) {
      await removeNamespace(admin, appId).catch(() => {});
    }
    await admin.disconnect();
  }
  await test?.stop();
});

function principalMap() {
  return Object.fromEntries(
    Object.entries(userOf).map(([appId, user]) => [appId, `User:${user}`]),
  );
}

/** An owner's spec: one topic per access level, the protected one granted to the grantee. */
function ownerSpec(appId: string): DesiredState {
  return desiredOf(
    appId,
    {
      [TOPIC_OF.public]: owned(),
      [TOPIC_OF.protected]: owned({}, { grants: [appIdOf.grantee] }),
      [TOPIC_OF.private]: owned(),
    },
    { principalMap: principalMap() },
  );
}

/** A client as `user` that notes the type of every broker error it logs. */
function probeClient(user: string): { kafka: Kafka; logged: string[] } {
  const logged: string[] = [];
  const kafka = kafkaClient(infra, user, {
    retry: { retries: 0 },
    connectionTimeout: 3000,
    logLevel: logLevel.DEBUG,
    logCreator:
      () =>
      ({ log }) => {
        const type = (log.error as { type?: unknown } | undefined)?.type;
        if (typeof type === 'string') logged.push(type);
      },
  });
  return { kafka, logged };
}

async function produce(user: string, topic: string): Promise<Outcome> {
  const { kafka, logged } = probeClient(user);
  const producer = kafka.producer({ retry: { retries: 0 } });
  try {
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: [{ value: `from ${user}` }],
    });
    return 'allowed';
  } catch (error) {
    return outcomeOf(error, logged);
  } finally {
    await producer.disconnect().catch(() => {});
  }
}

/** Joins `groupId` and reads the topic's first message. */
async function consume(
  user: string,
  topic: string,
  groupId: string,
): Promise<Outcome> {
  const { kafka, logged } = probeClient(user);
  const consumer = kafka.consumer({
    groupId,
    retry: { retries: 0 },
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
    maxWaitTimeInMs: 200,
  });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no message on ${topic} within 10 s`)),
        10_000,
      );
      const settle = (error?: unknown) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      consumer.on(consumer.events.CRASH, event => settle(event.payload.error));
      consumer
        .run({ eachMessage: async () => settle() })
        .catch(error => settle(error));
    });
    return 'allowed';
  } catch (error) {
    return outcomeOf(error, logged);
  } finally {
    await consumer.disconnect().catch(() => {});
  }
}

/** Probes that should be allowed are retried while ACLs propagate; the others are not. */
async function probe(
  expectAllowed: boolean,
  attempt: () => Promise<Outcome>,
): Promise<Outcome> {
  if (!expectAllowed) return attempt();
  let last: Outcome = 'error not tried';
  try {
    await eventually(async () => {
      last = await attempt();
      if (last !== 'allowed') throw new Error(last);
    }, 15_000);
  } catch {
    // `last` says what happened.
  }
  return last;
}

describe('the ACL proof matrix on a real broker with SASL users', () => {
  const owners = () => [appIdOf.user, appIdOf.userprops];
  let applied: ApplyResult[];

  beforeAll(async () => {
    const provisioner = new Provisioner({
      kafka: admin,
      registry: new ConfluentSchemaRegistryAdmin({ url: infra.registry.url }),
    });
    // One plan and apply per spec; the grantee and the stranger own no topics,
    // their specs give them their consumer groups.
    const specs = [
      ...owners().map(ownerSpec),
      desiredOf(appIdOf.grantee, {}, { principalMap: principalMap() }),
      desiredOf(appIdOf.stranger, {}, { principalMap: principalMap() }),
    ];
    applied = await Promise.all(
      specs.map(async desired =>
        provisioner.apply(await provisioner.plan(desired)),
      ),
    );
  });

  it('lets each app-id do exactly what RULES §3 says, and the prefix-sibling only public reads', async () => {
    for (const result of applied) {
      // A pool user's cluster binding may exist from an earlier run.
      expect(
        result.items.filter(
          item => !['CREATED', 'UNCHANGED'].includes(item.state),
        ),
      ).toEqual([]);
    }

    const roleOf = (owner: string): Record<Role, string> => ({
      owner,
      grantee: appIdOf.grantee,
      stranger: appIdOf.stranger,
      sibling: owner === appIdOf.user ? appIdOf.userprops : appIdOf.user,
    });
    const cells = owners().flatMap(owner =>
      ROLES.flatMap(role =>
        LEVELS.flatMap(level =>
          OPERATIONS.map(operation => ({
            owner,
            role,
            level,
            operation,
            actor: roleOf(owner)[role],
            topic: `${owner}.${TOPIC_OF[level]}`,
            expected: entitled(role, level, operation),
          })),
        ),
      ),
    );
    const name = (cell: (typeof cells)[number]) =>
      `${cell.owner === appIdOf.user ? 'user' : 'userprops'}'s ${
        cell.level
      } topic: ${cell.role} ${cell.operation}s`;
    const run = (cell: (typeof cells)[number], index: number) =>
      probe(cell.expected, () =>
        cell.operation === 'produce'
          ? produce(userOf[cell.actor], cell.topic)
          : consume(
              userOf[cell.actor],
              cell.topic,
              `${cell.actor}.matrix-${index}`,
            ),
      );

    // The owners' writes go first: they give the readers something to read.
    // Denials are probed once every allowed probe has succeeded, so that a
    // denial cannot be an ACL that has not reached the authorizer yet.
    const outcomes = new Map<string, Outcome>();
    for (const phase of [
      cells.filter(cell => cell.expected && cell.operation === 'produce'),
      cells.filter(cell => cell.expected && cell.operation === 'consume'),
      cells.filter(cell => !cell.expected),
    ]) {
      const phaseOutcomes = await mapWithConcurrency(phase, 6, cell =>
        run(cell, cells.indexOf(cell)),
      );
      phase.forEach((cell, i) => outcomes.set(name(cell), phaseOutcomes[i]));
    }

    const expected = Object.fromEntries(
      cells.map(cell => [
        name(cell),
        cell.expected ? 'allowed' : 'denied TOPIC_AUTHORIZATION_FAILED',
      ]),
    );
    expect(Object.fromEntries(outcomes)).toEqual(expected);
  });

  it("denies a consumer group outside the consumer's own `<app-id>.` prefix, however close", async () => {
    const publicTopicOf = (owner: string) => `${owner}.${TOPIC_OF.public}`;
    const user = appIdOf.user;
    const userprops = appIdOf.userprops;
    const cases: Array<[string, string, string, string]> = [
      // [who, topic, group, why]
      [user, publicTopicOf(userprops), `${userprops}.g`, "the sibling's group"],
      [userprops, publicTopicOf(user), `${user}.g`, "the sibling's group"],
      [user, publicTopicOf(user), `${user}-g`, 'the bare id, no dot'],
      [user, publicTopicOf(user), `${user}props-g`, 'a longer id'],
      [appIdOf.grantee, publicTopicOf(user), `${user}.g`, "the owner's group"],
    ];

    const outcomes = await mapWithConcurrency(cases, 5, ([who, topic, group]) =>
      consume(userOf[who], topic, group),
    );

    expect(
      cases.map(([, , group, why], i) => `${group} (${why}): ${outcomes[i]}`),
    ).toEqual(
      cases.map(
        ([, , group, why]) =>
          `${group} (${why}): denied GROUP_AUTHORIZATION_FAILED`,
      ),
    );
  });
});
