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

import { NotFoundError } from '@backstage/errors';
import { etagOf, fakeUrlReader } from '../__testUtils__/fakeUrlReader';
import { asUrlReadings, RevalidatingUrlReader } from './RevalidatingUrlReader';

const url = 'https://host.example/specs/asyncapi.yaml';

describe('RevalidatingUrlReader', () => {
  it('reads without an ETag the first time, and keeps the one it got', async () => {
    const reader = fakeUrlReader({ [url]: 'v1' });
    const run = new RevalidatingUrlReader(reader);
    await expect(run.readText(url)).resolves.toBe('v1');
    expect(reader.readUrl).toHaveBeenCalledWith(url, undefined);
    expect(run.readings()).toEqual({
      [url]: { etag: etagOf('v1'), text: 'v1' },
    });
    expect(run.urls()).toEqual([url]);
  });

  it("revalidates with the previous run's ETag: unchanged, the text it had", async () => {
    const reader = fakeUrlReader({ [url]: 'v1' });
    const previous = { [url]: { etag: etagOf('v1'), text: 'v1' } };
    const run = new RevalidatingUrlReader(reader, previous);
    await expect(run.readText(url)).resolves.toBe('v1');
    expect(reader.readUrl).toHaveBeenCalledWith(url, { etag: etagOf('v1') });
    await expect(reader.readUrl.mock.results[0].value).rejects.toMatchObject({
      name: 'NotModifiedError',
    });
    expect(run.readings()).toEqual(previous);
  });

  it("revalidates with the previous run's ETag: changed, the new text", async () => {
    const reader = fakeUrlReader({ [url]: 'v2' });
    const run = new RevalidatingUrlReader(reader, {
      [url]: { etag: etagOf('v1'), text: 'v1' },
    });
    await expect(run.readText(url)).resolves.toBe('v2');
    expect(run.readings()).toEqual({
      [url]: { etag: etagOf('v2'), text: 'v2' },
    });
  });

  it('forgets what the previous run read and this one did not', async () => {
    const reader = fakeUrlReader({ [url]: 'v1' });
    const gone = 'https://host.example/specs/schema/gone.avsc';
    const run = new RevalidatingUrlReader(reader, {
      [gone]: { etag: '"1"', text: 'x' },
    });
    await expect(run.readText(gone)).rejects.toThrow(NotFoundError);
    await run.readText(url);
    expect(Object.keys(run.readings())).toEqual([url]);
    expect(run.urls()).toEqual([gone, url]);
  });

  it('keeps no reading for a text that came without an ETag', async () => {
    const reader = fakeUrlReader({});
    reader.readUrl.mockResolvedValue({ buffer: async () => Buffer.from('x') });
    const run = new RevalidatingUrlReader(reader);
    await expect(run.readText(url)).resolves.toBe('x');
    expect(run.readings()).toEqual({});
  });

  it('takes only readings from a processor cache', () => {
    expect(asUrlReadings(undefined)).toEqual({});
    expect(asUrlReadings(['x'])).toEqual({});
    expect(
      asUrlReadings({
        [url]: { etag: '"1"', text: 'x' },
        other: { etag: 1, text: 'x' },
        none: null,
      }),
    ).toEqual({ [url]: { etag: '"1"', text: 'x' } });
  });
});
