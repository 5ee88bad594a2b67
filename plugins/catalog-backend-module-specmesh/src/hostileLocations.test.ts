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

import { TestDatabases } from '@backstage/backend-test-utils';
import {
  createHostileSpecCorpus,
  OUTSIDE_SECRET,
  TEST_DATABASES,
} from '@meshport/dev-infra';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  eventually,
  startCatalogTestBackend,
} from './__testUtils__/catalogTestBackend';
import { startFolderHttpServer } from './__testUtils__/folderHttpServer';

// Symbolic links, devices and FIFOs are the file system's: over HTTP a
// repository host serves none of them, so url locations get the rest.
const FILE_SYSTEM_ONLY = ['symlink', 'device-link', 'fifo'];

// The real catalog processes every hostile spec on a machine that may be busy.
jest.setTimeout(10 * 60_000);

describe('hostile specs on the real catalog', () => {
  const databases = TestDatabases.create(TEST_DATABASES);
  const corpus = createHostileSpecCorpus();
  afterAll(() => corpus.remove());

  it.each(databases.eachSupportedId())(
    'on %s, reports each hostile spec at a file or url location with the spec and why, and stores nothing of outside files',
    async databaseId => {
      const urlSpecs = corpus.specs.filter(
        spec => !FILE_SYSTEM_ONLY.includes(basename(spec.spec, '.yaml')),
      );
      for (const { spec } of urlSpecs) {
        const name = basename(spec, '.yaml');
        writeFileSync(
          join(corpus.root, `${name}.catalog-info.yaml`),
          `apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: hostile-url-${name}
  annotations: { meshport.dev/data-product: 'true' }
spec:
  type: asyncapi
  lifecycle: production
  owner: group:default/hostile
  definition: { $text: ./${basename(spec)} }
`,
        );
      }
      const host = await startFolderHttpServer(corpus.root);
      const backend = await startCatalogTestBackend(
        databases,
        databaseId,
        {
          rules: [{ allow: ['API', 'Resource', 'Location'] }],
          locations: [
            ...corpus.specs.map(({ spec }) => ({ type: 'file', target: spec })),
            ...urlSpecs.map(({ spec }) => ({
              type: 'url',
              target: host.url(`/${basename(spec, '.yaml')}.catalog-info.yaml`),
            })),
          ],
        },
        { backend: { reading: { allow: [{ host: host.host }] } } },
      );
      try {
        const expected = [
          ...corpus.specs.map(spec => ({ ...spec, via: 'file' })),
          ...urlSpecs.map(spec => ({ ...spec, via: 'url' })),
        ];
        for (const { name, spec, message, via } of expected) {
          const url = host.url(`/${basename(spec)}`);
          await eventually(
            async () =>
              backend.errors.find(
                error =>
                  error.message.includes(message) &&
                  (via === 'file'
                    ? error.message.includes(spec) ||
                      error.entityRef.includes(
                        basename(spec, '.yaml').replace('-', '_'),
                      )
                    : error.message.includes(url) ||
                      error.entityRef.endsWith(
                        `hostile-url-${basename(spec, '.yaml')}`,
                      )),
              ),
            `the catalog's error about ${name} at a ${via} location`,
            5 * 60_000,
          );
        }
        const entities = await backend.entitiesNow('kind=api');
        expect(JSON.stringify(entities)).not.toContain(OUTSIDE_SECRET);
        expect(JSON.stringify(backend.errors)).not.toContain(OUTSIDE_SECRET);
        // Nothing outside the served folder is asked for: an absolute
        // path is asked for inside it (a leading "/" is the spec's folder),
        // where there is no such file.
        expect(
          host.requests.filter(
            r =>
              r.path.includes('..') ||
              (r.path.includes('outside') && r.status === 200),
          ),
        ).toEqual([]);
      } finally {
        await backend.stop();
        await host.close();
      }
    },
  );
});
