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
 * What happened between two collections, before it is priced.
 */

/**
 * Why a figure is zero or estimated differently; a report shows these beside the figure.
 *
 * - `baseline`: nothing earlier to compare with (first collection of a topic, a group or a
 *   partition); counting starts at the next collection, so nothing is counted twice.
 * - `topicRecreated`: the topic has a new id; it is counted as a new topic.
 * - `topicDeleted`: the topic is gone; the part of the interval it lived is not counted.
 * - `logEndReset`: a partition's log end moved backwards (a truncation); its growth counts as 0.
 * - `offsetReset`: a committed offset moved backwards (a seek or reset); that partition counts as 0.
 * - `belowLogStart`: the group's previous offset pointed at records retention had already
 *   deleted; it is counted from the log start the previous collection saw.
 * - `counterReset`: the produced-bytes counter went down (a broker restart); the new value is
 *   what was produced since the reset.
 * - `noRecordSize`: offsets moved but neither partition nor topic held records to measure an
 *   average record size from; their bytes count as 0.
 *
 * @public
 */
export type UsageNote =
  | 'baseline'
  | 'topicRecreated'
  | 'topicDeleted'
  | 'logEndReset'
  | 'offsetReset'
  | 'belowLogStart'
  | 'counterReset'
  | 'noRecordSize';

/**
 * How produced bytes were measured: log end growth × average record size, or the
 * growth of a broker byte counter.
 *
 * @public
 */
export type ProducedBytesBasis = 'logEndGrowth' | 'brokerMetrics';

/**
 * An owned topic over an interval; what its owner pays for.
 *
 * @public
 */
export interface TopicUsage {
  topic: string;
  ownerAppId: string;
  /** Averages over the interval (the mean of both ends). */
  storageBytes: number;
  storageBytesSingleCopy: number;
  partitions: number;
  /** At the end of the interval. */
  messages: number;
  producedOffsets: number;
  producedBytes: number;
  producedBytesBasis: ProducedBytesBasis;
  notes: UsageNote[];
}

/**
 * What one consumer group read from one owned topic over an interval.
 *
 * @public
 */
export interface ConsumptionUsage {
  groupId: string;
  /** Who pays; null when the group id matches no known app-id. */
  consumerAppId: string | null;
  topic: string;
  ownerAppId: string;
  consumedOffsets: number;
  /** Offsets consumed × the partition's average record size. */
  consumedBytes: number;
  notes: UsageNote[];
}

/**
 * Usage between two collections.
 *
 * @public
 */
export interface IntervalUsage {
  /** ISO 8601: the previous collection, or `to` when there was none. */
  from: string;
  to: string;
  hours: number;
  topics: TopicUsage[];
  consumption: ConsumptionUsage[];
}
