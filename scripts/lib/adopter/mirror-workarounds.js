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

// Gives a fresh app the monorepo's pins for what this machine's registry mirror lacks
// (per-platform optional packages, see INFRA.md), so its install resolves the same way.
// An adopter on the public registry needs none of this; the test says so by keeping it here.
//   mirror-workarounds.js <monorepo package.json> <app package.json>
const fs = require('fs');

const [source, target] = process.argv.slice(2);
const monorepo = JSON.parse(fs.readFileSync(source, 'utf8'));
const app = JSON.parse(fs.readFileSync(target, 'utf8'));
const MIRROR_PINS = ['rollup', '@swc/core', 'unrs-resolver', '@yarnpkg/core', 'node-gyp'];
app.resolutions = { ...app.resolutions };
for (const name of MIRROR_PINS) {
  if (monorepo.resolutions?.[name]) app.resolutions[name] = monorepo.resolutions[name];
}
app.dependenciesMeta = { ...app.dependenciesMeta, ...monorepo.dependenciesMeta };
fs.writeFileSync(target, `${JSON.stringify(app, null, 2)}\n`);
