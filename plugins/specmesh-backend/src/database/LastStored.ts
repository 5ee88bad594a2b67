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
import type { Knex } from 'knex';

/** A stored collection: its id and when it was collected (ISO 8601). */
export interface CollectionRef {
  id: number;
  collectedAt: string;
}

/**
 * What this process stored with each cluster's latest collection, kept in memory so
 * that the next collection need not read it back. A value is only handed out for the
 * collection it was stored with, and only once that transaction committed: after a
 * restart, a rolled back transaction, or when another replica stored the cluster's
 * latest collection, there is none and the caller reads the database.
 */
export class LastStored<T> {
  private readonly byCluster = new Map<
    string,
    { collection: CollectionRef; value: T }
  >();

  /** The value kept with `collection`, if it is the cluster's last one this process stored. */
  get(cluster: string, collection: CollectionRef | undefined): T | undefined {
    const kept = this.byCluster.get(cluster);
    return kept && collection && sameCollection(kept.collection, collection)
      ? kept.value
      : undefined;
  }

  /**
   * Keeps the value `next` makes with the cluster's collection once `tx` commits (and
   * only then calls it: it may update the value kept before).
   */
  keep(
    tx: Knex.Transaction,
    cluster: string,
    collection: CollectionRef,
    next: () => T,
  ): void {
    // Until it commits, the collection is nobody's previous one.
    this.byCluster.delete(cluster);
    tx.executionPromise.then(
      () => this.byCluster.set(cluster, { collection, value: next() }),
      () => undefined,
    );
  }
}

function sameCollection(a: CollectionRef, b: CollectionRef): boolean {
  return (
    a.id === b.id && Date.parse(a.collectedAt) === Date.parse(b.collectedAt)
  );
}
