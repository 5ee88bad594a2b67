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

// Installs Meshport into a fresh app exactly as the READMEs say: the age-gate setting, every
// `yarn --cwd packages/… add @meshport/…` line, and every `backend.add(import('@meshport/…'))`
// line, taken from the fenced code blocks of the published packages' READMEs. A README whose
// lines are missing or wrong fails the adopter test here.
//
//   follow-readmes.js <monorepo root> <app dir>
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { publishedPackages } = require('./publishedPackages');

const [root, appDir] = process.argv.slice(2);
const readmes = publishedPackages(root).map(pkg => ({
  name: pkg.name,
  file: path.join(pkg.dir, 'README.md'),
}));

function codeBlocks(text) {
  return [...text.matchAll(/^```[a-z]*\n([\s\S]*?)^```/gm)].map(match => match[1]);
}

const installLines = [];
const backendLines = [];
let ageGate = false;
for (const { name, file } of readmes) {
  if (!fs.existsSync(file)) throw new Error(`${name} has no README.md`);
  for (const block of codeBlocks(fs.readFileSync(file, 'utf8'))) {
    // A trailing comment explains a line; it is not part of it.
    for (const line of block.split('\n').map(l => l.replace(/\s*\/\/.*$/, '').trim())) {
      if (/^yarn --cwd packages\/(app|backend) add (@meshport\/[a-z0-9-]+\s*)+$/.test(line)) {
        installLines.push(line);
      }
      if (/^backend\.add\(import\('@meshport\/[a-z0-9-]+'\)\);$/.test(line)) backendLines.push(line);
    }
    if (/npmPreapprovedPackages:[\s\S]*'@meshport\/\*'/.test(block)) ageGate = true;
  }
}
if (!ageGate) {
  throw new Error(
    "No README shows the .yarnrc.yml lines that let a fresh app (npmMinimalAgeGate: 3d) install a new @meshport release: npmPreapprovedPackages with '@meshport/*'",
  );
}
if (installLines.length === 0 || backendLines.length === 0) {
  throw new Error('The READMEs give no install lines (yarn --cwd packages/… add @meshport/…, backend.add(import(…)))');
}

// The age gate, as the README shows it: keep create-app's own entry and add ours.
const yarnrc = path.join(appDir, '.yarnrc.yml');
const approved = ['@backstage/*', '@meshport/*'];
execFileSync('yarn', ['config', 'set', 'npmPreapprovedPackages', '--json', JSON.stringify(approved)], {
  cwd: appDir,
  stdio: 'inherit',
});
console.log(`${yarnrc}: npmPreapprovedPackages ${approved.join(', ')}`);

for (const line of [...new Set(installLines)]) {
  console.log(`$ ${line}`);
  const [, ...args] = line.split(/\s+/);
  execFileSync('yarn', args, { cwd: appDir, stdio: 'inherit' });
}

const indexFile = path.join(appDir, 'packages/backend/src/index.ts');
const index = fs.readFileSync(indexFile, 'utf8');
const missing = [...new Set(backendLines)].filter(line => !index.includes(line));
if (!index.includes('backend.start();')) throw new Error(`${indexFile} has no backend.start();`);
fs.writeFileSync(
  indexFile,
  index.replace('backend.start();', `// Meshport, as its READMEs say\n${missing.join('\n')}\n\nbackend.start();`),
);
console.log(`${indexFile}: added ${missing.join(' ')}`);
