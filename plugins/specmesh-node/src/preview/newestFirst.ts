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

/**
 * One message as read from a partition, not yet decoded.
 *
 * @public
 */
export interface TailRecord {
  partition: number;
  offset: bigint;
  /** Milliseconds since the epoch. */
  timestamp: bigint;
  key: Buffer | null;
  value: Buffer | null;
  headers: Array<[Buffer | null, Buffer | null]>;
  /** Key, value and headers: what the byte cap counts. */
  sizeBytes: number;
}

/** The bytes a record takes in a preview: key, value, header keys and values. */
export function recordSize(
  record: Pick<TailRecord, 'key' | 'value' | 'headers'>,
): number {
  let size = (record.key?.length ?? 0) + (record.value?.length ?? 0);
  for (const [key, value] of record.headers) {
    size += (key?.length ?? 0) + (value?.length ?? 0);
  }
  return size;
}

/**
 * The newest records first (by timestamp, then offset, partition as the tie
 * breaker; by offset alone for one partition, whose order is its log's), at most `limit` of them and at most `maxBytes` in all: the first
 * record that would pass the cap ends the list, and `truncated` says so.
 */
export function newestFirst(
  records: readonly TailRecord[],
  limit: number,
  maxBytes: number,
): { records: TailRecord[]; truncated: boolean } {
  const onePartition = records.every(r => r.partition === records[0].partition);
  const sorted = [...records].sort(
    (a, b) =>
      (onePartition ? 0 : compareBigint(b.timestamp, a.timestamp)) ||
      (a.partition === b.partition
        ? compareBigint(b.offset, a.offset)
        : a.partition - b.partition),
  );
  const kept: TailRecord[] = [];
  let bytes = 0;
  for (const record of sorted.slice(0, limit)) {
    if (bytes + record.sizeBytes > maxBytes) {
      return { records: kept, truncated: true };
    }
    bytes += record.sizeBytes;
    kept.push(record);
  }
  return { records: kept, truncated: false };
}

function compareBigint(a: bigint, b: bigint): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
