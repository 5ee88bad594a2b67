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
import {
  BYTES_PER_GB,
  ChargebackCollection,
  costOfUsage,
  PriceList,
  usageBetween,
} from '@meshport/plugin-specmesh-common';

/** One app-id's current usage and cost; `appId` null for unattributed consumer groups. */
export interface AppIdChargeback {
  appId: string | null;
  topics: number;
  partitions: number;
  /** As the price list bills it: every replica, or one copy. */
  storageBytes: number;
  messages: number;
  /** Produced to its topics during the interval. */
  producedBytes: number;
  /** Read by its consumer groups during the interval. */
  consumedBytes: number;
  /** Storage and partitions at their current size, for a month. */
  monthlyCost: number;
  /** Production and consumption during the interval. */
  intervalCost: number;
}

/** One consumer group's reading of one topic. */
export interface GroupConsumption {
  consumerAppId: string | null;
  groupId: string;
  topic: string;
  ownerAppId: string;
  consumedRecords: number;
  consumedBytes: number;
  cost: number;
}

/** What `meshport chargeback` prints. */
export interface ChargebackReport {
  cluster: string;
  collectedAt: string;
  /** Seconds between the two collections; null for a one-collection snapshot. */
  intervalSeconds: number | null;
  currency: string;
  appIds: AppIdChargeback[];
  consumption: GroupConsumption[];
  /** Consumer groups on owned topics whose id matches no app-id. */
  unattributedGroups: string[];
}

/**
 * The current usage and cost by app-id: storage, messages and partitions from the
 * latest collection (priced for a month), production and consumption from the growth
 * since the previous one (priced as they are), when there is one.
 */
export function chargebackReport(
  cluster: string,
  previous: ChargebackCollection | undefined,
  current: ChargebackCollection,
  prices: PriceList,
): ChargebackReport {
  const rows = new Map<string | null, AppIdChargeback>();
  const row = (appId: string | null) => {
    let found = rows.get(appId);
    if (!found) {
      found = {
        appId,
        topics: 0,
        partitions: 0,
        storageBytes: 0,
        messages: 0,
        producedBytes: 0,
        consumedBytes: 0,
        monthlyCost: 0,
        intervalCost: 0,
      };
      rows.set(appId, found);
    }
    return found;
  };

  for (const topic of current.topics) {
    const owner = row(topic.ownerAppId);
    const stored =
      prices.storageBasis === 'singleCopy'
        ? topic.storageBytesSingleCopy
        : topic.storageBytes;
    owner.topics += 1;
    owner.partitions += topic.partitions;
    owner.storageBytes += stored;
    owner.messages += topic.messages;
    owner.monthlyCost +=
      (stored / BYTES_PER_GB) * prices.perGbMonthStored +
      topic.partitions * prices.perPartitionMonth;
  }

  const consumption: GroupConsumption[] = [];
  if (previous) {
    const usage = usageBetween(previous, current);
    for (const topic of usage.topics) {
      row(topic.ownerAppId).producedBytes += topic.producedBytes;
    }
    const cost = costOfUsage(usage, prices);
    for (const line of cost.lines) {
      if (line.category === 'production' || line.category === 'consumption') {
        row(line.payerAppId).intervalCost += line.amount;
      }
    }
    for (const group of usage.consumption) {
      row(group.consumerAppId).consumedBytes += group.consumedBytes;
      consumption.push({
        consumerAppId: group.consumerAppId,
        groupId: group.groupId,
        topic: group.topic,
        ownerAppId: group.ownerAppId,
        consumedRecords: group.consumedOffsets,
        consumedBytes: group.consumedBytes,
        cost: (group.consumedBytes / BYTES_PER_GB) * prices.perGbConsumed,
      });
    }
  } else {
    for (const group of current.groups) {
      row(group.consumerAppId);
      consumption.push({
        consumerAppId: group.consumerAppId,
        groupId: group.groupId,
        topic: group.topic,
        ownerAppId: ownerOf(current, group.topic),
        consumedRecords: 0,
        consumedBytes: 0,
        cost: 0,
      });
    }
  }

  return {
    cluster,
    collectedAt: current.collectedAt,
    intervalSeconds: previous
      ? (Date.parse(current.collectedAt) - Date.parse(previous.collectedAt)) /
        1000
      : null,
    currency: prices.currency,
    appIds: [...rows.values()].sort(byAppIdUnattributedLast),
    consumption,
    unattributedGroups: [
      ...new Set(
        current.groups
          .filter(g => g.consumerAppId === null)
          .map(g => g.groupId),
      ),
    ].sort(),
  };
}

function byAppIdUnattributedLast(a: AppIdChargeback, b: AppIdChargeback) {
  if (a.appId === b.appId) return 0;
  if (a.appId === null) return 1;
  if (b.appId === null) return -1;
  return a.appId < b.appId ? -1 : 1;
}

function ownerOf(collection: ChargebackCollection, topic: string): string {
  return collection.topics.find(t => t.topic === topic)?.ownerAppId ?? '';
}

/**
 * The app-ids SpecMesh topic names imply: what comes before `._public.`,
 * `._protected.` or `._private.`.
 */
export function appIdsOfTopics(topics: string[]): string[] {
  const appIds = new Set<string>();
  for (const topic of topics) {
    const match = /^(.+?)\._(?:public|protected|private)\./.exec(topic);
    if (match) appIds.add(match[1]);
  }
  return [...appIds].sort();
}
