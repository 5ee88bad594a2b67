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

interface Entry<V> {
  version: string;
  expiresAt: number;
  value: Promise<V>;
}

/**
 * A small in-memory cache of answers that are expensive to compute and fine to
 * be a few seconds old. Each entry carries a version (for example a hash of the
 * input it was computed from) and is reused only for that version; concurrent
 * loads of one key share one computation; failures are not kept. Bounded: the
 * oldest entry goes when a new one would exceed `maxEntries`.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly now: () => number;

  constructor(
    private readonly options: {
      ttlMs: number;
      maxEntries: number;
      now?: () => number;
    },
  ) {
    this.now = options.now ?? Date.now;
  }

  getOrLoad(key: string, version: string, load: () => Promise<V>): Promise<V> {
    const cached = this.entries.get(key);
    if (cached && cached.version === version && cached.expiresAt > this.now()) {
      return cached.value;
    }
    if (this.options.ttlMs <= 0 || this.options.maxEntries <= 0) return load();

    const value = load();
    const entry: Entry<V> = {
      version,
      expiresAt: this.now() + this.options.ttlMs,
      value,
    };
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
