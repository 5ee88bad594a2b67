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
  logEndSetOf,
  logEndSetRows,
  pointsOfRecord,
  topicsOfRecord,
} from './logEndSetRows';

const AT = '2026-06-01T10:00:00.000Z';

describe('log end set rows', () => {
  it("keeps a collection's points in one row per owner prefix, and reads them back", () => {
    const points = new Map([
      [
        'acme.a._public.orders',
        { at: AT, topicId: 'id-1', logEndOffsets: [5, null] },
      ],
      ['acme.a._private.audit', { at: AT, logEndOffsets: [7] }],
      ['acme.b._protected.x', { at: AT, logEndOffsets: [1] }],
      ['__proto__', { at: AT, logEndOffsets: [9] }],
    ]);
    const rows = logEndSetRows({ id: 3, collectedAt: AT }, 4, 'local', points);
    expect(rows.map(row => row.slice(0, 5))).toEqual([
      [3, 4, 'local', new Date(AT), 'acme.a'],
      [3, 4, 'local', new Date(AT), 'acme.b'],
      [3, 4, 'local', new Date(AT), '__proto__'],
    ]);
    const records = rows.map(row => ({
      collected_at: row[3],
      log_ends: row[5] as string,
    }));
    expect(records.flatMap(topicsOfRecord)).toEqual([...points.keys()]);
    expect(
      records.flatMap(record =>
        pointsOfRecord(record, AT, new Set(points.keys())),
      ),
    ).toEqual([...points]);
    expect(
      pointsOfRecord(records[0], AT, new Set(['acme.a._private.audit'])),
    ).toEqual([['acme.a._private.audit', { at: AT, logEndOffsets: [7] }]]);
  });

  it('names the set of a topic without a level segment by the topic itself', () => {
    expect(logEndSetOf('acme.c._private.x._public.y')).toBe('acme.c');
    expect(logEndSetOf('legacy-clicks')).toBe('legacy-clicks');
  });
});
