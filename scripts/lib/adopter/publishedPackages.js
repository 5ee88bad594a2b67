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

// The workspaces an adopter installs: every package that is not private.
const fs = require('fs');
const path = require('path');

function publishedPackages(root) {
  return ['packages', 'plugins']
    .flatMap(folder =>
      fs.readdirSync(path.join(root, folder)).map(name => path.join(root, folder, name)),
    )
    .filter(dir => fs.existsSync(path.join(dir, 'package.json')))
    .map(dir => ({ dir, ...JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) }))
    .filter(pkg => !pkg.private);
}

module.exports = { publishedPackages };
