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
import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  chmod,
  lstat,
  readdir,
  readFile,
  stat,
  symlink,
} from 'node:fs/promises';
import { join } from 'node:path';
import { writeSpecFile } from './writeSpecFile';

describe('writeSpecFile', () => {
  const folder = createMockDirectory();

  it('replaces the text, keeps the mode and leaves no staging file', async () => {
    folder.setContent({ 'asyncapi.yaml': 'old' });
    const path = join(folder.path, 'asyncapi.yaml');
    await chmod(path, 0o640);
    await writeSpecFile(path, 'new');
    expect(await readFile(path, 'utf8')).toBe('new');
    expect((await stat(path)).mode & 0o777).toBe(0o640);
    expect(await readdir(folder.path)).toEqual(['asyncapi.yaml']);
  });

  it('writes through a symlink to its target, keeping the link', async () => {
    folder.setContent({ specs: { 'asyncapi.yaml': 'old' } });
    const link = join(folder.path, 'link.yaml');
    await symlink(join(folder.path, 'specs', 'asyncapi.yaml'), link);
    await writeSpecFile(link, 'new');
    expect(
      await readFile(join(folder.path, 'specs', 'asyncapi.yaml'), 'utf8'),
    ).toBe('new');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
  });

  it('refuses a file that does not exist', async () => {
    folder.setContent({});
    await expect(
      writeSpecFile(join(folder.path, 'nope.yaml'), 'x'),
    ).rejects.toThrow(/ENOENT/);
  });
});
