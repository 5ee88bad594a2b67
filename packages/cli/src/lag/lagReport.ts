/*
 * Copyright 2026 The Meshport Authors
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
  ChargebackCollection,
  ConsumerGroupLag,
  groupLags,
} from '@meshport/plugin-specmesh-common';

/** A topic of the spec and the groups reading it. */
export interface TopicReaders {
  topic: string;
  readers: ConsumerGroupLag[];
}

/** What `meshport lag` prints. */
export interface LagReport {
  cluster: string;
  appId: string;
  collectedAt: string;
  /** `--max-lag`, when given. */
  maxLag: number | null;
  /** Groups (readers or the app-id's own) more than `maxLag` messages behind. */
  exceeded: ConsumerGroupLag[];
  /** Every topic of the spec, with or without readers. */
  topics: TopicReaders[];
  /** The groups the app-id owns, on whichever owned topic they read. */
  groups: ConsumerGroupLag[];
}

/**
 * Lag of one live collection, with the portal's pure rules: the readers of the spec's
 * topics and the app-id's own groups. One reading has no history, so a lagging
 * partition's time estimate is null.
 */
export function lagReport(
  cluster: string,
  spec: { appId: string; topics: string[] },
  collection: ChargebackCollection,
  maxLag?: number,
): LagReport {
  const lags = groupLags(collection);
  const topics = [...new Set(spec.topics)].sort().map(topic => ({
    topic,
    readers: lags.filter(lag => lag.topic === topic),
  }));
  const groups = lags.filter(lag => lag.consumerAppId === spec.appId);
  const reported = new Set([...topics.flatMap(t => t.readers), ...groups]);
  return {
    cluster,
    appId: spec.appId,
    collectedAt: collection.collectedAt,
    maxLag: maxLag ?? null,
    exceeded:
      maxLag === undefined ? [] : [...reported].filter(lag => lag.lag > maxLag),
    topics,
    groups,
  };
}
