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
import { readSpecmeshCatalogConfig } from './config';

describe('readSpecmeshCatalogConfig', () => {
  const withSpecmesh = (specmesh: object) =>
    new ConfigReader({ catalog: { processors: { specmesh } } });

  it('reads the cap on schema files', () => {
    expect(
      readSpecmeshCatalogConfig(withSpecmesh({ schemaFilesMaxBytes: 1024 }))
        .schemaFilesMaxBytes,
    ).toBe(1024);
    expect(
      readSpecmeshCatalogConfig(new ConfigReader({})).schemaFilesMaxBytes,
    ).toBeUndefined();
  });

  it.each([-1, 1.5])(
    'names the key and the fix for a cap of %s bytes',
    schemaFilesMaxBytes => {
      expect(() =>
        readSpecmeshCatalogConfig(withSpecmesh({ schemaFilesMaxBytes })),
      ).toThrow(
        `catalog.processors.specmesh.schemaFilesMaxBytes: ${schemaFilesMaxBytes} is not a number of bytes; set a whole number such as 262144 (256 KiB), or 0 to carry no schema files`,
      );
    },
  );

  it("reads the reader limits, which default to the reader's own", () => {
    expect(
      readSpecmeshCatalogConfig(
        withSpecmesh({
          readLimits: { maxFileBytes: 2048, maxSpecBytes: 8192 },
        }),
      ).readLimits,
    ).toEqual({ maxFileBytes: 2048, maxSpecBytes: 8192 });
    expect(readSpecmeshCatalogConfig(new ConfigReader({})).readLimits).toEqual(
      {},
    );
  });

  it.each([0, 1.5, -3])(
    'names the key and the fix for a read limit of %s bytes',
    maxFileBytes => {
      expect(() =>
        readSpecmeshCatalogConfig(
          withSpecmesh({ readLimits: { maxFileBytes } }),
        ),
      ).toThrow(
        `catalog.processors.specmesh.readLimits.maxFileBytes: ${maxFileBytes} is not a number of bytes; set a whole number above 0, such as 1048576 (1 MiB)`,
      );
    },
  );

  it('recognises annotated data products unless told all', () => {
    expect(readSpecmeshCatalogConfig(new ConfigReader({})).dataProducts).toBe(
      'annotated',
    );
    expect(
      readSpecmeshCatalogConfig(withSpecmesh({ dataProducts: 'annotated' }))
        .dataProducts,
    ).toBe('annotated');
    expect(
      readSpecmeshCatalogConfig(withSpecmesh({ dataProducts: 'all' }))
        .dataProducts,
    ).toBe('all');
  });

  it.each(['All', 'none'])(
    "names the key, the values and their meaning for dataProducts: '%s'",
    dataProducts => {
      expect(() =>
        readSpecmeshCatalogConfig(withSpecmesh({ dataProducts })),
      ).toThrow(
        `catalog.processors.specmesh.dataProducts: '${dataProducts}' is not a recognition; set 'annotated' (the default: AsyncAPI APIs annotated meshport.dev/data-product: "true") or 'all' (every AsyncAPI API is a data product)`,
      );
    },
  );
});
