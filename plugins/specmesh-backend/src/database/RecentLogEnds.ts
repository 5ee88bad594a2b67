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
import type { LogEndPoint } from '@meshport/plugin-specmesh-common';
import type { Knex } from 'knex';
import { CollectionRef, LastStored } from './LastStored';

/** How much of the recent history a process keeps per cluster. */
export interface RecentLimits {
  collections: number;
  /** Points in all: a bound on memory when many topics move every cycle. */
  points: number;
}

/** The log end points stored with one collection, by topic. */
export interface StoredPoints {
  collection: CollectionRef;
  points: ReadonlyMap<string, LogEndPoint>;
}

/** The points of a cluster's last collections: what the database holds for them. */
class ClusterPoints {
  /** Oldest first, with the topics that have a point. */
  readonly collections: Array<{ collection: CollectionRef; topics: string[] }> =
    [];
  /** Each topic's points, oldest first. */
  readonly byTopic = new Map<string, LogEndPoint[]>();
  private size = 0;

  /** `fromFirst`: whether the collections go back to the cluster's first. */
  constructor(public fromFirst: boolean) {}

  get latest(): CollectionRef | undefined {
    return this.collections[this.collections.length - 1]?.collection;
  }

  /** The topics with a point stored with the latest collection. */
  latestTopics(): ReadonlySet<string> {
    return new Set(this.collections[this.collections.length - 1]?.topics);
  }

  /** Adds points to the latest collection (they are the newest of their topics). */
  addToLatest(points: ReadonlyMap<string, LogEndPoint>): void {
    const latest = this.collections[this.collections.length - 1];
    for (const [topic, point] of points) {
      latest.topics.push(topic);
      this.push(topic, point);
    }
  }

  add({ collection, points }: StoredPoints): void {
    this.collections.push({ collection, topics: [...points.keys()] });
    for (const [topic, point] of points) this.push(topic, point);
  }

  /** Drops the oldest collections beyond `limits` (keeping the latest). */
  trim(limits: RecentLimits): void {
    while (
      this.collections.length > 1 &&
      (this.collections.length > limits.collections ||
        this.size > limits.points)
    ) {
      for (const topic of this.collections.shift()!.topics) {
        const points = this.byTopic.get(topic)!;
        points.shift();
        if (points.length === 0) this.byTopic.delete(topic);
        this.size -= 1;
      }
      this.fromFirst = false;
    }
  }

  private push(topic: string, point: LogEndPoint): void {
    const points = this.byTopic.get(topic);
    if (points) points.push(point);
    else this.byTopic.set(topic, [point]);
    this.size += 1;
  }
}

/**
 * Every log end point stored with a cluster's last collections, as the database holds
 * them: what a read of the log end history from the oldest of them on returns, without
 * the read. Collections of a cluster are stored in the order they are collected (the
 * order the history windows count them in).
 */
export class RecentPoints {
  constructor(
    private readonly stored: ClusterPoints,
    private readonly added: ReadonlyMap<string, LogEndPoint>,
  ) {}

  /** How many collections it holds. */
  get collections(): number {
    return this.stored.collections.length;
  }

  /** Whether it holds every point collected from `since` on. */
  reachesBack(since: Date): boolean {
    const oldest = this.stored.collections[0]?.collection;
    return (
      this.stored.fromFirst ||
      (oldest !== undefined &&
        Date.parse(oldest.collectedAt) <= since.getTime())
    );
  }

  /** The points of a topic collected from `since` on, oldest first; undefined for none. */
  pointsOf(topic: string, since: Date): ReadonlyArray<LogEndPoint> | undefined {
    let points: ReadonlyArray<LogEndPoint> =
      this.stored.byTopic.get(topic) ?? [];
    const added = this.added.get(topic);
    if (added) points = [...points, added];
    const oldest = this.stored.collections[0]?.collection;
    const from = since.getTime();
    if (oldest && Date.parse(oldest.collectedAt) < from) {
      points = points.filter(p => Date.parse(p.at) >= from);
    }
    return points.length > 0 ? points : undefined;
  }
}

/**
 * The log end points this process stored with each cluster's last collections (see
 * {@link LastStored}), within `limits`: the recent history estimates read first.
 */
export class RecentLogEnds {
  private readonly last = new LastStored<ClusterPoints>();

  constructor(private readonly limits: RecentLimits) {}

  /**
   * The points stored with the cluster's last collections up to `previous` (none before
   * a cluster's first collection), or undefined when this process does not hold them.
   */
  upTo(
    cluster: string,
    previous: CollectionRef | undefined,
  ): ClusterPoints | undefined {
    return previous
      ? this.last.get(cluster, previous)
      : new ClusterPoints(true);
  }

  /**
   * Adds what a collection stores to the cluster's recent points, kept once `tx`
   * commits. `earlier` is what {@link RecentLogEnds.upTo} returned for `previous`, the
   * cluster's previous collection, which this transaction `added` points to; `complete`
   * is every point stored with it, when known. Returns the recent points before
   * `current` (with those just added), or undefined when this process does not hold
   * them.
   */
  advance(
    tx: Knex.Transaction,
    cluster: string,
    earlier: ClusterPoints | undefined,
    previous:
      | {
          collection: CollectionRef;
          added: ReadonlyMap<string, LogEndPoint>;
          complete?: ReadonlyMap<string, LogEndPoint>;
        }
      | undefined,
    current: StoredPoints,
  ): RecentPoints | undefined {
    let stored = earlier;
    let added = previous?.added ?? new Map<string, LogEndPoint>();
    if (!stored && previous?.complete) {
      stored = new ClusterPoints(false);
      stored.add({
        collection: previous.collection,
        points: previous.complete,
      });
      added = new Map();
    }
    const latest = stored?.latest;
    if (
      latest &&
      Date.parse(latest.collectedAt) >=
        Date.parse(current.collection.collectedAt)
    ) {
      // Collected out of order: the windows would not match the database's.
      stored = undefined;
    }
    const kept = stored;
    const keptAdded = added;
    this.last.keep(tx, cluster, current.collection, () => {
      const next = kept ?? new ClusterPoints(false);
      if (kept?.latest) next.addToLatest(keptAdded);
      next.add(current);
      next.trim(this.limits);
      return next;
    });
    return stored && new RecentPoints(stored, added);
  }
}
