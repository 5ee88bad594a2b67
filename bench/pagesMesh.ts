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

/*
 * The generated mesh the page benchmarks load into a portal: `products` data
 * products of `channels` channels each (bench/catalogSpecs.ts), plus one large
 * data product that owns `largeTopics` topics, written as a folder with one
 * catalog-info.yaml, and registered through an extra catalog location.
 */
import fs from 'node:fs';
import path from 'node:path';
import { benchAppId, generateCatalogSpec } from './catalogSpecs';

export interface PagesMesh {
  /** The catalog-info.yaml of every generated data product. */
  location: string;
  /** Topics the catalog will hold: every product's owned channels. */
  topics: number;
  /** The entity name (its app-id) of the large data product. */
  largeProduct: string;
  largeTopics: number;
}

// Of a generated spec's channels, one in five reads another product's topic.
const ownedOf = (channels: number) => channels - Math.floor(channels / 5);

function apiYaml(appId: string, index: number): string {
  return `apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: ${appId}
  annotations:
    meshport.dev/data-product: 'true'
spec:
  type: asyncapi
  lifecycle: production
  definition:
    $text: ./specs/app${index}.yaml
`;
}

// A portal may be reading the folder: files that are there already stay as they are.
function writeIfChanged(file: string, text: string) {
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return;
  fs.writeFileSync(file, text);
}

/** Writes the mesh under `folder` and says what it holds. */
export function writePagesMesh(
  folder: string,
  options: { products: number; channels: number; largeTopics: number },
): PagesMesh {
  const { products, channels, largeTopics } = options;
  fs.mkdirSync(path.join(folder, 'specs'), { recursive: true });
  // Owned channels of the large product: largeTopics, with a read per four of them.
  const largeChannels = Math.ceil((largeTopics * 5) / 4);
  const documents: string[] = [];
  for (let i = 0; i <= products; i++) {
    const large = i === products;
    writeIfChanged(
      path.join(folder, 'specs', `app${i}.yaml`),
      generateCatalogSpec(i, products, large ? largeChannels : channels),
    );
    documents.push(apiYaml(benchAppId(i), i));
  }
  const location = path.join(folder, 'catalog-info.yaml');
  writeIfChanged(location, documents.join('---\n'));
  return {
    location,
    topics: products * ownedOf(channels) + ownedOf(largeChannels),
    largeProduct: benchAppId(products),
    largeTopics: ownedOf(largeChannels),
  };
}
