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
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { parseAllDocuments } from 'yaml';

/** The Meshport monorepo this test runs in (scripts/lib/env.sh exports it). */
export const meshportRoot = path.resolve(
  process.env.MESHPORT_ROOT ?? process.cwd(),
);

export interface CatalogEntity {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec?: Record<string, unknown> & { owner?: string; type?: string };
  relations?: Array<{ type: string; targetRef: string }>;
  status?: { items?: Array<{ level: string; type: string }> };
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: run the adopter test through ./scripts/test, which publishes Meshport, creates and starts the app`,
    );
  }
  return value;
}

/** The running adopter app that scripts/lib/adopter.sh started. */
export function adopterApp() {
  const url = requiredEnv('MESHPORT_ADOPTER_URL').replace(/\/$/, '');
  const dir = path.join(requiredEnv('MESHPORT_ADOPTER_DIR'), 'app');
  const registry = requiredEnv('MESHPORT_ADOPTER_REGISTRY');
  let token: string | undefined;

  async function guestToken(): Promise<string> {
    if (!token) {
      const response = await fetch(
        `${url}/api/auth/guest/refresh?env=development`,
        { headers: { 'x-requested-with': 'XMLHttpRequest' } },
      );
      if (!response.ok)
        throw new Error(`Guest sign-in answered ${response.status}`);
      const body = (await response.json()) as {
        backstageIdentity: { token: string };
      };
      token = body.backstageIdentity.token;
    }
    return token;
  }

  return {
    url,
    dir,
    /** The entity, once the catalog has processed and stitched it (bounded wait). */
    async waitForEntity(ref: string): Promise<CatalogEntity> {
      const [kind, rest] = ref.split(':');
      const [namespace, name] = rest.split('/');
      const deadline = Date.now() + 150_000;
      for (;;) {
        const response = await fetch(
          `${url}/api/catalog/entities/by-name/${kind}/${namespace}/${encodeURIComponent(
            name,
          )}`,
          { headers: { authorization: `Bearer ${await guestToken()}` } },
        );
        if (response.ok) {
          const entity = (await response.json()) as CatalogEntity;
          // Relations arrive with stitching, after the entity itself.
          if ((entity.relations ?? []).length > 0 || Date.now() > deadline)
            return entity;
        } else if (response.status !== 404 || Date.now() > deadline) {
          throw new Error(`The catalog answered ${response.status} for ${ref}`);
        }
        await new Promise(resolve => setTimeout(resolve, 2_000));
      }
    },
    /** `npx @meshport/cli …` in an empty folder, from the registry on loopback. */
    npxCli(args: string[]) {
      const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-npx-'));
      const result = spawnSync('npx', ['--yes', '@meshport/cli', ...args], {
        cwd,
        encoding: 'utf8',
        timeout: 170_000,
        env: {
          ...process.env,
          npm_config_registry: registry,
          npm_config_cache: path.join(cwd, '.npm'),
          npm_config_update_notifier: 'false',
        },
      });
      if (result.status !== 0) {
        // eslint-disable-next-line no-console
        console.error(result.stdout, result.stderr);
      }
      return { ...result, cwd };
    },
  };
}

/** The names of the API entities a catalog file declares. */
export function apiEntityNames(file: string): string[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map(document => document.toJS() as CatalogEntity | null)
    .filter((entity): entity is CatalogEntity => entity?.kind === 'API')
    .map(entity => entity.metadata.name);
}

/** Every @backstage package a published Meshport package depends on or peers with. */
export function backstageDependenciesOfMeshport(): string[] {
  const names = new Set<string>();
  for (const folder of ['packages', 'plugins']) {
    for (const entry of fs.readdirSync(path.join(meshportRoot, folder))) {
      const file = path.join(meshportRoot, folder, entry, 'package.json');
      if (!fs.existsSync(file)) continue;
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (manifest.private) continue;
      for (const section of ['dependencies', 'peerDependencies']) {
        for (const name of Object.keys(manifest[section] ?? {})) {
          if (name.startsWith('@backstage/')) names.add(name);
        }
      }
    }
  }
  return [...names].sort();
}

/** The versions of `name` installed anywhere under the app's node_modules folders. */
export function installedVersions(appDir: string, name: string): string[] {
  const versions = new Set<string>();
  const visit = (nodeModules: string, depth: number) => {
    if (depth > 12 || !fs.existsSync(nodeModules)) return;
    const manifest = path.join(nodeModules, name, 'package.json');
    if (fs.existsSync(manifest)) {
      versions.add(JSON.parse(fs.readFileSync(manifest, 'utf8')).version);
    }
    for (const entry of fs.readdirSync(nodeModules)) {
      if (entry.startsWith('.')) continue;
      const packages = entry.startsWith('@')
        ? fs
            .readdirSync(path.join(nodeModules, entry))
            .map(child => path.join(nodeModules, entry, child))
        : [path.join(nodeModules, entry)];
      for (const dir of packages) {
        visit(path.join(dir, 'node_modules'), depth + 1);
      }
    }
  };
  for (const workspace of ['', 'packages/app', 'packages/backend']) {
    visit(path.join(appDir, workspace, 'node_modules'), 0);
  }
  return [...versions].sort();
}
