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

import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { NotFoundError } from '@backstage/errors';
import { Readable } from 'node:stream';
import { UrlSpecFolder } from './UrlSpecFolder';

const integrations = ScmIntegrations.fromConfig(new ConfigReader({}));
const resolveUrl = (url: string, base: string) =>
  integrations.resolveUrl({ url, base });

function folderOf(spec: string, served: Record<string, string> = {}) {
  const readText = jest.fn(async (url: string) => {
    if (!Object.hasOwn(served, url)) throw new NotFoundError(`no ${url}`);
    return served[url];
  });
  const reader = {
    readUrl: async (url: string) => {
      const buffer = Buffer.from(await readText(url));
      return {
        buffer: async () => buffer,
        stream: () => Readable.from([buffer]),
      };
    },
  };
  return {
    folder: new UrlSpecFolder(spec, { reader, resolveUrl }),
    readText,
  };
}

const MAX = 1024;

describe('UrlSpecFolder', () => {
  const github =
    'https://github.com/acme/specs/blob/main/products/onboarding/asyncapi.yaml';
  // GitHub's integration resolves to `tree` URLs, which its reader reads.
  const githubFolder =
    'https://github.com/acme/specs/tree/main/products/onboarding/';

  it('resolves refs against the spec: a leading "/" is its folder, not the repository root', () => {
    const { folder } = folderOf(github);
    expect(folder.spec).toBe(github);
    expect(folder.folder).toBe(githubFolder);
    expect(folder.locate('/schema/x.avsc')).toBe(
      `${githubFolder}schema/x.avsc`,
    );
    expect(folder.locate('schema/x.avsc')).toBe(`${githubFolder}schema/x.avsc`);
    expect(folder.locate('./nested/../x.avsc')).toBe(`${githubFolder}x.avsc`);
  });

  it("resolves as the host's integration does, a file path in the query included", () => {
    const azure =
      'https://dev.azure.com/acme/specs/_git/specs?path=/products/onboarding/asyncapi.yaml&version=GBmain';
    const { folder } = folderOf(azure);
    const located = new URL(folder.locate('/schema/x.avsc')!);
    expect(located.searchParams.get('path')).toBe(
      '/products/onboarding/schema/x.avsc',
    );
    expect(located.searchParams.get('version')).toBe('GBmain');
  });

  it('locates nothing outside the folder, and reads nothing there', async () => {
    const { folder, readText } = folderOf(github);
    for (const ref of [
      '../x.avsc',
      '/../x.avsc',
      '%2e%2e/x.avsc',
      '..\\x.avsc',
      'file:///etc/x.avsc',
      'https://other.host/x.avsc',
    ]) {
      expect(folder.locate(ref)).toBeUndefined();
      await expect(folder.read(ref, MAX)).resolves.toEqual({
        status: 'refused',
        reason: 'outside',
      });
    }
    expect(readText).not.toHaveBeenCalled();
  });

  it('keeps a "//" ref in the folder, as the file system does', () => {
    const { folder } = folderOf(github);
    expect(folder.locate('//other.host/x.avsc')).toBe(
      `${githubFolder}other.host/x.avsc`,
    );
  });

  it('reads a file there, and finds a 404 missing', async () => {
    const { folder } = folderOf(github, {
      [`${githubFolder}schema/x.avsc`]: '"string"',
    });
    await expect(folder.read('/schema/x.avsc', MAX)).resolves.toEqual({
      status: 'read',
      text: '"string"',
      bytes: 8,
    });
    await expect(folder.read('/schema/y.avsc', MAX)).resolves.toEqual({
      status: 'missing',
    });
  });

  it('stops reading a file past the cap, and keeps none of it', async () => {
    const { folder } = folderOf(github, {
      [`${githubFolder}schema/x.avsc`]: 'x'.repeat(MAX + 1),
    });
    await expect(folder.read('/schema/x.avsc', MAX)).resolves.toEqual({
      status: 'refused',
      reason: 'too-large',
    });
  });

  it('requests nothing without a schema file extension', async () => {
    const { folder, readText } = folderOf(github);
    await expect(folder.read('/schema/x.txt', MAX)).resolves.toEqual({
      status: 'refused',
      reason: 'extension',
    });
    expect(readText).not.toHaveBeenCalled();
  });

  it('rejects when the reader fails otherwise, since the file may be there', async () => {
    const reader = {
      readUrl: async () => {
        throw new Error('could not read x, 503 Service Unavailable');
      },
    };
    const folder = new UrlSpecFolder(github, { reader, resolveUrl });
    await expect(folder.read('/schema/x.avsc', MAX)).rejects.toThrow(
      '503 Service Unavailable',
    );
  });
});
