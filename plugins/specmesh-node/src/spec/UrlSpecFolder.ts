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
import type {
  UrlReaderService,
  UrlReaderServiceReadUrlResponse,
} from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { schemaTypeOfFile } from '@meshport/plugin-specmesh-common';
import { SchemaFileReading, SpecFolder } from './SpecFolder';
import { urlPathInFolder } from './urlPathInFolder';

/**
 * How a {@link UrlSpecFolder} reaches its files.
 *
 * @public
 */
export interface UrlSpecFolderOptions {
  /**
   * The backend's URL reader (`coreServices.urlReader`), or one that wraps
   * it (the catalog module's revalidates with ETags). A missing file
   * rejects with an error named `NotFoundError`.
   */
  reader: Pick<UrlReaderService, 'readUrl'>;
  /**
   * Resolves a relative URL against a base URL, as the catalog does for
   * `$text` (`ScmIntegrationRegistry.resolveUrl`), so that hosts whose file
   * URLs keep the path in the query (Azure DevOps) work too.
   */
  resolveUrl(url: string, base: string): string;
}

/**
 * The folder of a spec read from a URL (a file in GitHub, GitLab, or
 * anything the backend's URL reader can read). Refs are resolved against the
 * spec's URL, never outside its folder: a ref that climbs out (`../x.avsc`,
 * `%2e%2e/x.avsc`), or names another place (`file:///x.avsc`), is not
 * requested. A file the reader does not find (404) is missing; any other
 * failure rejects, since the folder cannot tell whether the file is there.
 *
 * @public
 */
export class UrlSpecFolder implements SpecFolder {
  readonly folder: string;

  constructor(
    readonly spec: string,
    private readonly options: UrlSpecFolderOptions,
  ) {
    this.folder = options.resolveUrl('./', spec);
  }

  locate(ref: string): string | undefined {
    // SpecMesh's schema root is the spec's folder, not the host's root.
    const path = urlPathInFolder(ref.startsWith('/') ? `.${ref}` : ref);
    return path === undefined
      ? undefined
      : this.options.resolveUrl(path, this.spec);
  }

  async read(ref: string, maxBytes: number): Promise<SchemaFileReading> {
    if (schemaTypeOfFile(ref) === undefined) {
      return { status: 'refused', reason: 'extension' };
    }
    const url = this.locate(ref);
    if (url === undefined) return { status: 'refused', reason: 'outside' };
    let response: UrlReaderServiceReadUrlResponse;
    try {
      response = await this.options.reader.readUrl(url);
    } catch (error) {
      if (isError(error) && error.name === 'NotFoundError') {
        return { status: 'missing' };
      }
      throw error;
    }
    const bytes = await readAtMost(response, maxBytes);
    return bytes === undefined
      ? { status: 'refused', reason: 'too-large' }
      : { status: 'read', text: bytes.toString('utf8'), bytes: bytes.length };
  }
}

/**
 * The response's bytes, or `undefined` when there are more than `maxBytes`:
 * a stream is abandoned as soon as it passes the cap.
 */
async function readAtMost(
  response: UrlReaderServiceReadUrlResponse,
  maxBytes: number,
): Promise<Buffer | undefined> {
  if (!response.stream) {
    const buffer = await response.buffer();
    return buffer.length > maxBytes ? undefined : buffer;
  }
  const stream = response.stream();
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      length += bytes.length;
      if (length > maxBytes) return undefined;
      chunks.push(bytes);
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks, length);
}
