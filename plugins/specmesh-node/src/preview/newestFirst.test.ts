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
import { newestFirst, recordSize, TailRecord } from './newestFirst';

function record(
  partition: number,
  offset: number,
  timestamp: number,
  size = 10,
): TailRecord {
  const value = Buffer.alloc(size);
  return {
    partition,
    offset: BigInt(offset),
    timestamp: BigInt(timestamp),
    key: null,
    value,
    headers: [],
    sizeBytes: recordSize({ key: null, value, headers: [] }),
  };
}
const ids = (records: TailRecord[]) =>
  records.map(r => `${r.partition}@${r.offset}`);

describe('newestFirst', () => {
  it('merges partitions newest first by timestamp and keeps the limit', () => {
    const picked = newestFirst(
      [
        record(0, 5, 100),
        record(1, 7, 300),
        record(0, 6, 200),
        record(2, 1, 300),
      ],
      3,
      1_000,
    );
    expect(ids(picked.records)).toEqual(['1@7', '2@1', '0@6']);
    expect(picked.truncated).toBe(false);
  });

  it('orders one partition by offset, whatever the producers stamped', () => {
    const picked = newestFirst(
      [record(0, 1, 500), record(0, 2, 100)],
      5,
      1_000,
    );
    expect(ids(picked.records)).toEqual(['0@2', '0@1']);
  });

  it('stops at the byte cap and says so', () => {
    const picked = newestFirst(
      [record(0, 3, 3, 40), record(0, 2, 2, 40), record(0, 1, 1, 40)],
      3,
      100,
    );
    expect(ids(picked.records)).toEqual(['0@3', '0@2']);
    expect(picked.truncated).toBe(true);
    expect(newestFirst([record(0, 1, 1, 101)], 1, 100)).toEqual({
      records: [],
      truncated: true,
    });
  });

  it('counts key, value and headers', () => {
    expect(
      recordSize({
        key: Buffer.alloc(3),
        value: null,
        headers: [
          [Buffer.alloc(2), Buffer.alloc(5)],
          [Buffer.alloc(1), null],
        ],
      }),
    ).toBe(11);
  });
});
