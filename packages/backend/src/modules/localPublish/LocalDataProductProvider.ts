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

import {
  EntityProvider,
  EntityProviderConnection,
  locationSpecToLocationEntity,
} from '@backstage/plugin-catalog-node';
import { Dirent } from 'node:fs';
import { access, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** The descriptor file a published data product folder holds. */
export const CATALOG_INFO_FILE = 'catalog-info.yaml';

/**
 * Demo only: registers every data product folder of a local directory in the
 * catalog, as one `file` Location per folder's catalog-info.yaml, so that the
 * demo portal can publish data products without a git host. The catalog's
 * file reader then ingests each folder like a repository.
 *
 * Registered locations may only be `url`s, and the scaffolder's
 * catalog:register registers nothing else; a provider's own Location entities
 * may be files, without opening file registration to every caller.
 */
export class LocalDataProductProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(private readonly directory: string) {}

  getProviderName(): string {
    return 'meshport-demo-local-publish';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.refresh();
  }

  /** The folder data products are published into. */
  get publishDirectory(): string {
    return this.directory;
  }

  /** Tells the catalog about the folders there are now. */
  async refresh(): Promise<void> {
    if (!this.connection) {
      throw new Error(
        `The catalog has not connected the ${this.getProviderName()} provider yet: retry once the backend has started`,
      );
    }
    const targets = await this.catalogInfoFiles();
    await this.connection.applyMutation({
      type: 'full',
      entities: targets.map(target => ({
        entity: locationSpecToLocationEntity({
          location: { type: 'file', target },
        }),
        locationKey: `file:${target}`,
      })),
    });
  }

  private async catalogInfoFiles(): Promise<string[]> {
    let folders: Dirent[];
    try {
      folders = await readdir(this.directory, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const files: string[] = [];
    // Dot folders are publications in progress.
    for (const folder of folders) {
      if (!folder.isDirectory() || folder.name.startsWith('.')) continue;
      const file = join(this.directory, folder.name, CATALOG_INFO_FILE);
      if (await exists(file)) files.push(file);
    }
    return files.sort();
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
