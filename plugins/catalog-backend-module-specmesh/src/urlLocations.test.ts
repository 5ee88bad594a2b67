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
  createMockDirectory,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { TEST_DATABASES } from '@meshport/dev-infra';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import {
  eventually,
  startCatalogTestBackend,
} from './__testUtils__/catalogTestBackend';
import { startFolderHttpServer } from './__testUtils__/folderHttpServer';

const repoRoot = resolvePath(__dirname, '../../..');
const onboardingDir = resolvePath(
  repoRoot,
  'examples/data-products/onboarding',
);
const readText = (path: string) => readFileSync(path, 'utf8');
const filesIn = (folder: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(folder).map(name => [
      name,
      readText(resolvePath(folder, name)),
    ]),
  );

const ONBOARDING_REF = 'api:default/acme.lifestyle.onboarding';
const SIGNED_UP = '/schema/simple.schema_demo._public.user_signed_up.avsc';
const CHECKOUT = '/schema/simple.schema_demo._public.user_checkout.yml';

// A data product whose spec reaches for a file beside its folder.
const ESCAPING_SPEC = `asyncapi: '2.5.0'
id: 'urn:acme.lifestyle.escape'
info: { title: Escape, version: '1.0.0' }
channels:
  _public.escaped:
    publish:
      message:
        payload:
          $ref: "../secret.avsc"
`;
const ESCAPING_ENTITY = `apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: acme.lifestyle.escape
  annotations:
    meshport.dev/data-product: 'true'
spec:
  type: asyncapi
  lifecycle: production
  definition:
    $text: ./asyncapi.yaml
`;

const schemaFilesOf = (entity: Entity): Record<string, string> | undefined => {
  const annotation = entity.metadata.annotations?.['meshport.dev/schema-files'];
  return annotation === undefined ? undefined : JSON.parse(annotation);
};

describe('catalogModuleSpecmesh with url locations, in a real catalog reading a real HTTP host', () => {
  const databases = TestDatabases.create(TEST_DATABASES);

  it.each(databases.eachSupportedId())(
    'on %s, carries the schema files of a spec read through the URL reader, revalidates them by ETag, and refuses a ref out of the spec’s folder',
    async databaseId => {
      const dir = createMockDirectory({
        content: {
          // The example data product as it sits in a repository.
          onboarding: {
            'catalog-info.yaml': readText(
              resolvePath(onboardingDir, 'catalog-info.yaml'),
            ),
            'asyncapi.yaml': readText(
              resolvePath(onboardingDir, 'asyncapi.yaml'),
            ),
            schema: filesIn(resolvePath(onboardingDir, 'schema')),
          },
          escape: {
            'catalog-info.yaml': ESCAPING_ENTITY,
            'asyncapi.yaml': ESCAPING_SPEC,
          },
          'secret.avsc': '"secret"',
        },
      });
      const host = await startFolderHttpServer(dir.path);
      const backend = await startCatalogTestBackend(
        databases,
        databaseId,
        {
          rules: [{ allow: ['API', 'Resource', 'Location'] }],
          locations: [
            { type: 'url', target: host.url('/onboarding/catalog-info.yaml') },
            { type: 'url', target: host.url('/escape/catalog-info.yaml') },
          ],
        },
        { backend: { reading: { allow: [{ host: host.host }] } } },
      );
      try {
        // The entity carries the texts of the files, read over HTTP.
        const onboarding = await backend.entity(
          ONBOARDING_REF,
          e => schemaFilesOf(e) !== undefined,
          'the onboarding API with its schema files',
        );
        expect(onboarding.spec?.definition).toBe(
          readText(resolvePath(onboardingDir, 'asyncapi.yaml')),
        );
        expect(schemaFilesOf(onboarding)).toEqual({
          [SIGNED_UP]: readText(`${onboardingDir}${SIGNED_UP}`),
          [CHECKOUT]: readText(`${onboardingDir}${CHECKOUT}`),
        });
        expect(
          backend.errors.filter(e => e.entityRef === ONBOARDING_REF),
        ).toEqual([]);

        // A ref out of the spec's folder is a processing error, and the
        // file is never asked for.
        const escapeError = await eventually(
          async () =>
            backend.errors.find(
              e =>
                e.entityRef === 'api:default/acme.lifestyle.escape' &&
                e.message.includes('leads outside'),
            ),
          'the error of the spec that leaves its folder',
        );
        expect(escapeError.message).toBe(
          `${host.url(
            '/escape/asyncapi.yaml',
          )}: error at /channels/_public.escaped/publish/message/payload: The schema $ref "../secret.avsc" leads outside the spec's folder ${host.url(
            '/escape/',
          )}, so it was not read.\n    fix: Keep schema files in ${host.url(
            '/escape/',
          )} or below it; a leading "/" means that folder ("/schema/x.avsc" is ${host.url(
            '/escape/schema/x.avsc',
          )}).`,
        );
        expect(
          await backend.entityNow('api:default/acme.lifestyle.escape'),
        ).toBeUndefined();
        expect(host.requests.map(r => r.path)).not.toContain('/secret.avsc');

        // On its next processing the entity asks with the ETags it got:
        // unchanged files come back 304, and the entity stays as it was.
        const answered = host.requests.length;
        await backend.refresh(ONBOARDING_REF);
        const revalidated = await eventually(async () => {
          const later = host.requests.slice(answered);
          return later.some(r => r.path === `/onboarding${CHECKOUT}`)
            ? later
            : undefined;
        }, 'the refresh of the onboarding API');
        for (const path of [
          '/onboarding/asyncapi.yaml',
          `/onboarding${SIGNED_UP}`,
          `/onboarding${CHECKOUT}`,
        ]) {
          expect(revalidated).toContainEqual({
            path,
            conditional: true,
            status: 304,
          });
        }

        // A schema file changed at the host reaches the entity.
        const changed = '{"type":"record","name":"Changed","fields":[]}';
        dir.addContent({ [`onboarding${SIGNED_UP}`]: changed });
        await backend.refresh(ONBOARDING_REF);
        const updated = await backend.entity(
          ONBOARDING_REF,
          e => schemaFilesOf(e)?.[SIGNED_UP] === changed,
          'the changed schema file on the onboarding API',
        );
        expect(schemaFilesOf(updated)?.[CHECKOUT]).toBe(
          readText(`${onboardingDir}${CHECKOUT}`),
        );
      } finally {
        await backend.stop();
        await host.close();
      }
    },
    120_000,
  );
});
