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
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { judgeSpec } from './judgeSpec';

// The grant editor's golden files (in -common, which cannot depend on this
// package): every input and every edited output must pass the full judge,
// the AsyncAPI parser included, without an error.
const GOLDEN = resolve(
  __dirname,
  '../../../specmesh-common/src/edit/__fixtures__',
);

describe('the grant editor golden files', () => {
  const files = readdirSync(GOLDEN).sort();

  it('are there', () => {
    expect(
      files.filter(file => !file.includes('.input.')).length,
    ).toBeGreaterThanOrEqual(9);
  });

  it.each(files)('%s judges without errors', async file => {
    const { state, problems } = await judgeSpec(
      { file, text: readFileSync(join(GOLDEN, file), 'utf8') },
      { strict: true },
    );
    expect(problems.filter(p => p.severity === 'error')).toEqual([]);
    expect(state).toBeDefined();
  });
});
