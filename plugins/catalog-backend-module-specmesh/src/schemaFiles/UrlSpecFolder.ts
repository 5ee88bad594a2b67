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

import { isError } from '@backstage/errors';
import { SchemaFileReading, SpecFolder } from './SpecFolder';
import { urlPathInFolder } from './urlPathInFolder';

/**
 * How a {@link UrlSpecFolder} reaches its files.
 *
 * @public
 */
export interface UrlSpecFolderOptions {
  /**
   * The text at a URL; rejects with an error named `NotFoundError` when
   * there is none, as the backend's `UrlReaderService` does.
   */
  readText(url: string): Promise<string>;
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
 * spec's URL, never outside its folder: a ref that climbs out (`../x.avsc`),
 * or names another place (`file:///x.avsc`), is not read. A file the reader
 * does not find (404) is missing; any other failure rejects, since the
 * folder cannot tell whether the file is there.
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

  async read(ref: string): Promise<SchemaFileReading> {
    const url = this.locate(ref);
    if (url === undefined) return 'outside';
    try {
      return await this.options.readText(url);
    } catch (error) {
      if (isError(error) && error.name === 'NotFoundError') return undefined;
      throw error;
    }
  }
}
