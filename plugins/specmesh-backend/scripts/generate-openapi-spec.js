#!/usr/bin/env node
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

// Rewrites the `spec` constant of the generated router from src/schema/openapi.yaml.
// `backstage-repo-tools package schema openapi generate` does this (and more) but needs
// a Java download. The models and endpoint map beside it are kept by hand in its layout
// (the type checker holds the router to them); src/schema/openapi.test.ts checks that this
// spec is the YAML's.
const fs = require('fs');
const path = require('path');
const yaml = require('yaml');
const prettier = require('prettier');

const root = path.resolve(__dirname, '..');
const routerFile = path.join(root, 'src/schema/openapi/generated/router.ts');
const spec = yaml.parse(
  fs.readFileSync(path.join(root, 'src/schema/openapi.yaml'), 'utf8'),
);

const source = fs.readFileSync(routerFile, 'utf8');
const start = source.indexOf('export const spec = ');
const end = source.indexOf('} as const;', start);
if (start < 0 || end < 0) {
  throw new Error(`${routerFile}: no 'export const spec = {...} as const;' to replace`);
}
const updated = `${source.slice(0, start)}export const spec = ${JSON.stringify(
  spec,
  null,
  2,
)} as const;${source.slice(end + '} as const;'.length)}`;

Promise.resolve(
  prettier.format(updated, {
    ...require('@backstage/cli/config/prettier'),
    filepath: routerFile,
  }),
).then(formatted => {
  fs.writeFileSync(routerFile, formatted);
  console.log(`Wrote the spec of ${path.relative(process.cwd(), routerFile)}`);
});
