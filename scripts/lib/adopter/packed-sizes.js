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

// Prints the packed size of every Meshport package the registry on loopback now holds.
//   packed-sizes.js <registry url>
const path = require('path');
const { publishedPackages } = require('./publishedPackages');

async function main() {
  const [registry] = process.argv.slice(2);
  const root = path.resolve(__dirname, '../../..');
  console.log('    packed size of each published package:');
  for (const pkg of publishedPackages(root)) {
    const meta = await (await fetch(`${registry}/${pkg.name.replace('/', '%2f')}`)).json();
    const version = meta['dist-tags']?.latest;
    const tarball = meta.versions?.[version]?.dist?.tarball;
    if (!tarball) throw new Error(`${pkg.name} is not in ${registry}`);
    const bytes = (await (await fetch(tarball)).arrayBuffer()).byteLength;
    console.log(`      ${pkg.name}@${version}: ${(bytes / 1024).toFixed(1)} kB`);
  }
}

main().catch(error => {
  console.error(error.message);
  process.exit(1);
});
