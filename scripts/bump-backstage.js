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

// Moves every @backstage/* range of the workspace to the registry's `latest`, as
// `backstage-cli versions:bump` would: that command reads a release manifest from a site
// this project's machines cannot reach, the registry's dist-tags are the same versions a
// fresh `@backstage/create-app` resolves. Run `yarn install` afterwards and commit the lockfile.
//
//   node scripts/bump-backstage.js [--dry-run] [workspace root, default this repo]
// The adopter test also runs it on its fresh app, as an adopter runs versions:bump.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const root = path.resolve(args.find(arg => !arg.startsWith('--')) ?? path.join(__dirname, '..'));
const SECTIONS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

function workspaceManifests() {
  const folders = ['packages', 'plugins'].flatMap(dir =>
    fs.readdirSync(path.join(root, dir)).map(name => path.join(root, dir, name)),
  );
  return [root, ...folders]
    .map(folder => path.join(folder, 'package.json'))
    .filter(file => fs.existsSync(file));
}

const latestCache = new Map();
function latest(name) {
  if (!latestCache.has(name)) {
    const version = execFileSync('npm', ['view', name, 'version'], { encoding: 'utf8' }).trim();
    latestCache.set(name, version);
  }
  return latestCache.get(name);
}

let changes = 0;
for (const file of workspaceManifests()) {
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  let changed = false;
  for (const section of SECTIONS) {
    for (const [name, range] of Object.entries(manifest[section] ?? {})) {
      // Exact pins and workspace/protocol ranges are deliberate: leave them.
      if (!name.startsWith('@backstage/') || !range.startsWith('^')) continue;
      const wanted = `^${latest(name)}`;
      if (range === wanted) continue;
      console.log(`${path.relative(root, file)}: ${section} ${name} ${range} -> ${wanted}`);
      manifest[section][name] = wanted;
      changed = true;
      changes += 1;
    }
  }
  if (changed && !dryRun) fs.writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
}
console.log(`${changes} range${changes === 1 ? '' : 's'} ${dryRun ? 'would change' : 'changed'}`);
