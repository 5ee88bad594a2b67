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
import { createHostileSpecCorpus, OUTSIDE_SECRET } from '@meshport/dev-infra';
import { judgeSpec } from './judgeSpec';
import { readSpecFile } from './readSpecFile';

// The AsyncAPI parser's first run takes seconds on a busy machine.
jest.setTimeout(120_000);

describe('hostile specs through the one reader and the one judge', () => {
  const corpus = createHostileSpecCorpus();
  afterAll(() => corpus.remove());

  it.each(corpus.specs.map(spec => [spec.name, spec] as const))(
    'reports %s as an error naming the spec, where and why, without the outside content',
    async (_, { spec, location, message }) => {
      const source = await readSpecFile(spec);
      const { state, problems } = await judgeSpec(source);
      expect(state).toBeUndefined();
      expect(problems).toContainEqual(
        expect.objectContaining({
          severity: 'error',
          file: spec,
          location,
          message: expect.stringContaining(message),
          fix: expect.stringMatching(/\S/),
        }),
      );
      expect(JSON.stringify({ source, problems })).not.toContain(
        OUTSIDE_SECRET,
      );
    },
  );

  it('names the folder in the fix of a refused ref', async () => {
    const spec = corpus.specs.find(s => s.spec.endsWith('/relative.yaml'))!;
    const { problems } = await readSpecFile(spec.spec);
    expect(problems).toEqual([
      expect.objectContaining({
        message: `The schema $ref "../outside/secret.avsc" leads outside the spec's folder ${corpus.root}, so it was not read.`,
        fix: expect.stringContaining(`Keep schema files in ${corpus.root}`),
      }),
    ]);
  });

  it('reads the whole corpus in bounded memory', async () => {
    const before = process.memoryUsage().rss;
    for (const { spec } of corpus.specs) {
      await judgeSpec(await readSpecFile(spec));
    }
    // /dev/zero, the FIFO and the 2 MiB file are never read whole.
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * 1024 * 1024);
  });

  it('refuses a spec file outside the root, and one that is not a regular file', async () => {
    await expect(
      readSpecFile(`${corpus.outside}/secret.avsc`, { root: corpus.root }),
    ).rejects.toThrow(`is outside ${corpus.root}`);
    await expect(
      readSpecFile(`${corpus.root}/schema/pipe.avsc`),
    ).rejects.toThrow('is not a regular file');
    await expect(readSpecFile('/dev/zero')).rejects.toThrow(
      'is not a regular file',
    );
  });
});
