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
import { TtlCache } from './TtlCache';

describe('TtlCache', () => {
  let now = 0;
  const cache = (options: { ttlMs?: number; maxEntries?: number } = {}) =>
    new TtlCache<string>({
      ttlMs: options.ttlMs ?? 1000,
      maxEntries: options.maxEntries ?? 10,
      now: () => now,
    });
  const loader = () => {
    let calls = 0;
    const load = jest.fn(async () => `value ${++calls}`);
    return load;
  };

  beforeEach(() => {
    now = 0;
  });

  it('reuses an answer until it expires', async () => {
    const subject = cache();
    const load = loader();
    expect(await subject.getOrLoad('k', 'v1', load)).toBe('value 1');
    now = 999;
    expect(await subject.getOrLoad('k', 'v1', load)).toBe('value 1');
    now = 1000;
    expect(await subject.getOrLoad('k', 'v1', load)).toBe('value 2');
  });

  it('reloads when the version differs or the entry is deleted', async () => {
    const subject = cache();
    const load = loader();
    await subject.getOrLoad('k', 'v1', load);
    expect(await subject.getOrLoad('k', 'v2', load)).toBe('value 2');
    subject.delete('k');
    expect(await subject.getOrLoad('k', 'v2', load)).toBe('value 3');
  });

  it('shares one load among concurrent callers', async () => {
    const subject = cache();
    const load = loader();
    const answers = await Promise.all([
      subject.getOrLoad('k', 'v', load),
      subject.getOrLoad('k', 'v', load),
    ]);
    expect(answers).toEqual(['value 1', 'value 1']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does not keep failures', async () => {
    const subject = cache();
    const failing = jest.fn(async () => {
      throw new Error('broker down');
    });
    await expect(subject.getOrLoad('k', 'v', failing)).rejects.toThrow(
      'broker down',
    );
    const load = loader();
    expect(await subject.getOrLoad('k', 'v', load)).toBe('value 1');
  });

  it('holds at most maxEntries, dropping the oldest', async () => {
    const subject = cache({ maxEntries: 2 });
    const load = loader();
    await subject.getOrLoad('a', 'v', load);
    await subject.getOrLoad('b', 'v', load);
    await subject.getOrLoad('c', 'v', load);
    expect(await subject.getOrLoad('b', 'v', load)).toBe('value 2');
    expect(await subject.getOrLoad('a', 'v', load)).toBe('value 4');
  });

  it('caches nothing with a TTL of 0', async () => {
    const subject = cache({ ttlMs: 0 });
    const load = loader();
    await subject.getOrLoad('k', 'v', load);
    expect(await subject.getOrLoad('k', 'v', load)).toBe('value 2');
  });
});
