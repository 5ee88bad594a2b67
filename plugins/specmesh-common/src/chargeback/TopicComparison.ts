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

import type { PartitionUsage, TopicUsageSample } from './samples';

/**
 * A topic's sample at the current collection beside the one at the previous collection,
 * when the two describe the same topic (same topic id where both know it).
 */
export class TopicComparison {
  /** The current sample, else the previous one. */
  readonly sample: TopicUsageSample;
  readonly current?: TopicUsageSample;
  /** Undefined when there is none or it belonged to a since deleted topic of the same name. */
  readonly previous?: TopicUsageSample;
  /** True when the previous sample had another topic id. */
  readonly recreated: boolean;
  private readonly currentPartitions: Map<number, PartitionUsage>;
  private readonly previousPartitions: Map<number, PartitionUsage>;

  constructor(
    previous: TopicUsageSample | undefined,
    current: TopicUsageSample | undefined,
  ) {
    const sample = current ?? previous;
    if (!sample) {
      throw new Error('A topic comparison needs at least one sample');
    }
    this.sample = sample;
    this.recreated = Boolean(
      previous?.topicId &&
        current?.topicId &&
        previous.topicId !== current.topicId,
    );
    this.current = current;
    this.previous = this.recreated ? undefined : previous;
    this.currentPartitions = byPartition(this.current);
    this.previousPartitions = byPartition(this.previous);
  }

  currentPartition(partition: number): PartitionUsage | undefined {
    return this.currentPartitions.get(partition);
  }

  previousPartition(partition: number): PartitionUsage | undefined {
    return this.previousPartitions.get(partition);
  }

  /**
   * True when the partition was added since the previous collection: everything in it
   * arrived during the interval, so its offsets count from 0.
   */
  isNewPartition(partition: number): boolean {
    return (
      this.previous !== undefined &&
      this.current !== undefined &&
      partition >= this.previous.partitions &&
      !this.previousPartitions.has(partition)
    );
  }

  /**
   * Average bytes per record of a partition: its bytes over its messages, now or else at
   * the previous collection; else the topic's average, now or before. Undefined when
   * nothing was ever measured (every log empty).
   */
  averageRecordSize(partition: number): number | undefined {
    return (
      ratioOfPartition(this.currentPartitions.get(partition)) ??
      ratioOfPartition(this.previousPartitions.get(partition)) ??
      ratioOfTopic(this.current) ??
      ratioOfTopic(this.previous)
    );
  }
}

function byPartition(
  sample: TopicUsageSample | undefined,
): Map<number, PartitionUsage> {
  return new Map((sample?.byPartition ?? []).map(p => [p.partition, p]));
}

function ratioOfPartition(usage: PartitionUsage | undefined) {
  return usage && ratio(usage.bytes, usage.logEndOffset - usage.logStartOffset);
}

function ratioOfTopic(sample: TopicUsageSample | undefined) {
  return sample && ratio(sample.storageBytesSingleCopy, sample.messages);
}

function ratio(bytes: number, messages: number): number | undefined {
  return bytes > 0 && messages > 0 ? bytes / messages : undefined;
}
