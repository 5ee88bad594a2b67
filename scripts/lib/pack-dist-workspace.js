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

// Packs the packages of a workspace made by `backstage-cli build-workspace` into tarballs, as
// `yarn npm publish` would publish them: `workspace:` ranges become the sibling's version.
// build-workspace runs Backstage's prepack into a copy, so the monorepo's own package.json files
// are never rewritten (other work in the same tree keeps seeing them as they are).
//
//   pack-dist-workspace.js <dist workspace dir> <tarball dir>
// Prints the path of each tarball.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const [distDir, outDir] = process.argv.slice(2);
const DEPENDENCY_FIELDS = [
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
];

const workspaceDirs = root =>
  ['packages', 'plugins']
    .map(folder => path.join(root, folder))
    .filter(folder => fs.existsSync(folder))
    .flatMap(folder =>
      fs.readdirSync(folder).map(name => path.join(folder, name)),
    )
    .filter(dir => fs.existsSync(path.join(dir, 'package.json')));
const readManifest = dir =>
  JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));

// Versions come from the monorepo, which also holds the private dev-only workspaces.
const versions = new Map(
  workspaceDirs(path.resolve(__dirname, '../..')).map(dir => {
    const pkg = readManifest(dir);
    return [pkg.name, pkg.version];
  }),
);

/** `workspace:^` → `^1.2.3`, `workspace:~` → `~1.2.3`, `workspace:*` → `1.2.3`, as yarn publishes. */
function publishedRange(name, range) {
  const version = versions.get(name);
  if (!version)
    throw new Error(
      `${name} is ${range} but not a workspace of this repository`,
    );
  const spec = range.slice('workspace:'.length);
  if (spec === '*') return version;
  if (spec === '^' || spec === '~') return `${spec}${version}`;
  return spec;
}

fs.mkdirSync(outDir, { recursive: true });
for (const dir of workspaceDirs(distDir)) {
  const pkg = readManifest(dir);
  for (const field of DEPENDENCY_FIELDS) {
    for (const [name, range] of Object.entries(pkg[field] ?? {})) {
      if (range.startsWith('workspace:'))
        pkg[field][name] = publishedRange(name, range);
    }
  }
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify(pkg, null, 2)}\n`,
  );
  // The copy is already prepacked: its prepack script must not run again.
  const npmPack = [
    'pack',
    '--json',
    '--ignore-scripts',
    '--pack-destination',
    path.resolve(outDir),
  ];
  const [packed] = JSON.parse(
    execFileSync('npm', npmPack, { cwd: dir, encoding: 'utf8' }),
  );
  console.log(path.join(path.resolve(outDir), packed.filename));
}
