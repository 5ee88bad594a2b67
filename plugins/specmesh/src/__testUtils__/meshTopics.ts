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
import { Entity } from '@backstage/catalog-model';
import type { AccessLevel } from '@meshport/plugin-specmesh-common';
import type { DriftVerdict, StatusItem } from '../api';

/** A topic's Resource entity as the catalog module writes it. */
export function kafkaTopicResource(options: {
  topic: string;
  appId: string;
  access: AccessLevel;
  /** Defaults to the group named after the app-id, as the demo's rules do. */
  owner?: string;
  partitions?: number;
  grantees?: string[];
  subjects?: string[];
  /** Consumer API entity names. */
  consumers?: string[];
  description?: string;
}): Entity {
  const owner = options.owner ?? `group:default/${options.appId}`;
  const annotations: Record<string, string> = {
    'meshport.dev/topic': options.topic,
    'meshport.dev/app-id': options.appId,
  };
  if (options.partitions !== undefined) {
    annotations['meshport.dev/partitions'] = String(options.partitions);
  }
  if (options.grantees?.length) {
    annotations['meshport.dev/grantees'] = options.grantees.join(',');
  }
  if (options.subjects?.length) {
    annotations['meshport.dev/schema-subjects'] = options.subjects.join(',');
  }
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      namespace: 'default',
      name: options.topic.replace(/[^a-zA-Z0-9]+/g, '-').replace(/^-|-$/g, ''),
      title: options.topic,
      description:
        options.description ??
        `${options.access[0].toUpperCase()}${options.access.slice(
          1,
        )} Kafka topic of ${options.appId}.`,
      annotations,
      labels: { 'meshport.dev/access': options.access },
    },
    spec: { type: 'kafka-topic', owner },
    relations: [
      { type: 'ownedBy', targetRef: owner },
      { type: 'partOf', targetRef: `api:default/${options.appId}` },
      ...(options.consumers ?? []).map(consumer => ({
        type: 'dependencyOf',
        targetRef: `api:default/${consumer}`,
      })),
    ],
  };
}

export const SIGNED_UP = 'acme.lifestyle.onboarding._public.user_signed_up';
export const CHECKOUT = 'acme.lifestyle.onboarding._private.user_checkout';
export const PURCHASED = 'acme.lifestyle.onboarding._protected.purchased';
export const INVOICES = 'acme.finance.accounting._public.invoice_issued';
export const LEDGER = 'acme.finance.accounting._protected.ledger_postings';

/** A small mesh: the onboarding and accounting data products' topics. */
export function meshTopicResources(): Entity[] {
  return [
    kafkaTopicResource({
      topic: SIGNED_UP,
      appId: 'acme.lifestyle.onboarding',
      access: 'public',
      partitions: 3,
      grantees: ['_public'],
      subjects: [`${SIGNED_UP}-value`],
      consumers: ['acme.finance.accounting', 'acme.logistics.shipping'],
    }),
    kafkaTopicResource({
      topic: CHECKOUT,
      appId: 'acme.lifestyle.onboarding',
      access: 'private',
    }),
    kafkaTopicResource({
      topic: PURCHASED,
      appId: 'acme.lifestyle.onboarding',
      access: 'protected',
      grantees: ['some.other.domain.root'],
      consumers: ['acme.finance.accounting'],
    }),
    kafkaTopicResource({
      topic: INVOICES,
      appId: 'acme.finance.accounting',
      access: 'public',
      partitions: 6,
    }),
    kafkaTopicResource({
      topic: LEDGER,
      appId: 'acme.finance.accounting',
      access: 'protected',
      grantees: ['acme.finance.audit', 'acme.risk.fraud'],
      description: 'Postings of the general ledger.',
    }),
  ];
}

/** A recorded verdict on one data product; items are the ones not in sync. */
export function driftVerdict(
  appId: string,
  status: DriftVerdict['status'],
  items: StatusItem[] = [],
  extra: Partial<DriftVerdict> = {},
): DriftVerdict {
  return {
    entityRef: `api:default/${appId}`,
    cluster: 'local',
    appId,
    status,
    checkedAt: '2026-03-01T10:00:00.000Z',
    ...(status === 'drifted'
      ? { driftedSince: '2026-03-01T09:00:00.000Z' }
      : {}),
    items,
    ...extra,
  };
}
