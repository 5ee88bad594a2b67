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

// The frontend plugin's share of a built app's JavaScript, from the source maps: every generated
// byte counts for the source its mapping names (as source-map-explorer measures), summed for the
// sources under @meshport/plugin-specmesh and for everything.
//   bundle-share.js <app dist/static folder>
const fs = require('fs');
const path = require('path');
const { SourceMapConsumer } = require('source-map-js');

const PLUGIN = /node_modules\/@meshport\/plugin-specmesh\//;
const [folder] = process.argv.slice(2);
let total = 0;
let plugin = 0;
let pluginChunks = 0;
for (const file of fs.readdirSync(folder).filter(name => name.endsWith('.js'))) {
  const code = fs.readFileSync(path.join(folder, file), 'utf8');
  total += Buffer.byteLength(code);
  const mapFile = path.join(folder, `${file}.map`);
  if (!fs.existsSync(mapFile)) continue;
  const lines = code.split('\n');
  const consumer = new SourceMapConsumer(JSON.parse(fs.readFileSync(mapFile, 'utf8')));
  let previous;
  let inChunk = 0;
  const count = next => {
    if (previous && previous.source && PLUGIN.test(previous.source)) {
      const end = next && next.generatedLine === previous.generatedLine
        ? next.generatedColumn
        : (lines[previous.generatedLine - 1] ?? '').length;
      inChunk += Math.max(0, end - previous.generatedColumn);
    }
    previous = next;
  };
  consumer.eachMapping(mapping => count(mapping));
  count(undefined);
  plugin += inChunk;
  if (inChunk > 0) pluginChunks += 1;
}
const kb = bytes => `${(bytes / 1024).toFixed(1)} kB`;
console.log(
  `    the frontend plugin's share of the app's JavaScript: ${kb(plugin)} of ${kb(total)} (${(
    (100 * plugin) / total
  ).toFixed(2)} %), in ${pluginChunks} chunks`,
);
