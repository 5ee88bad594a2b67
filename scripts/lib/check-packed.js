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

// Checks packed packages as a registry would serve them: every entry point the packed
// package.json names (main, module, types, exports, typesVersions, bin, configSchema) is in the
// tarball, LICENSE and README.md are there, and no dependency still says `workspace:`.
//
//   check-packed.js <package.tgz...>
// Prints one line per tarball; exits 1 listing every problem.
const { execFileSync } = require('child_process');

const REQUIRED_FILES = ['package.json', 'LICENSE', 'README.md'];
const DEPENDENCY_FIELDS = [
  'dependencies',
  'peerDependencies',
  'optionalDependencies',
];

function tarballFiles(tarball) {
  return execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map(entry => entry.replace(/^package\//, ''));
}

function packedManifest(tarball) {
  return JSON.parse(
    execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
}

/** Every file path an entry-point field names, with the field it came from. */
function entryPointTargets(pkg) {
  const targets = [];
  const add = (field, value) => {
    if (typeof value === 'string') targets.push({ field, target: value });
    else if (Array.isArray(value))
      value.forEach((v, i) => add(`${field}[${i}]`, v));
    else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        // Backstage marks feature entry points with `backstage: '@backstage/FrontendPlugin'`.
        if (key !== 'backstage') add(`${field}.${key}`, v);
      }
    }
  };
  for (const field of [
    'main',
    'module',
    'types',
    'typings',
    'browser',
    'configSchema',
  ]) {
    add(field, pkg[field]);
  }
  add('exports', pkg.exports);
  add('typesVersions', pkg.typesVersions);
  add('bin', typeof pkg.bin === 'string' ? { [pkg.name]: pkg.bin } : pkg.bin);
  return targets;
}

function problemsOf(tarball) {
  const files = new Set(tarballFiles(tarball));
  const pkg = packedManifest(tarball);
  const problems = [];
  for (const file of REQUIRED_FILES) {
    if (!files.has(file)) problems.push(`${file} is not in the tarball`);
  }
  for (const { field, target } of entryPointTargets(pkg)) {
    const file = target.replace(/^\.\//, '');
    if (file.includes('*')) continue;
    if (!files.has(file))
      problems.push(
        `${field} points at ${target}, which is not in the tarball`,
      );
    if (/^src\/|\.tsx?$/.test(file) && !file.endsWith('.d.ts')) {
      problems.push(
        `${field} points at the source file ${target}; run backstage-cli package build before packing`,
      );
    }
  }
  for (const field of DEPENDENCY_FIELDS) {
    for (const [name, range] of Object.entries(pkg[field] ?? {})) {
      if (String(range).startsWith('workspace:')) {
        problems.push(
          `${field}.${name} is still ${range}: pack with yarn, which replaces workspace ranges`,
        );
      }
    }
  }
  return { pkg, files, problems };
}

let failed = false;
for (const tarball of process.argv.slice(2)) {
  const { pkg, files, problems } = problemsOf(tarball);
  if (problems.length === 0) {
    console.log(
      `ok   ${pkg.name}@${pkg.version}: ${files.size} files, every entry point present`,
    );
  } else {
    failed = true;
    console.log(`FAIL ${pkg.name}@${pkg.version} (${tarball}):`);
    for (const problem of problems) console.log(`       ${problem}`);
  }
}
process.exit(failed ? 1 : 0);
