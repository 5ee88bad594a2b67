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

// The adopter app's config beside create-app's own app-config.yaml: its URL, the local Kafka
// and registry (from the infra connection file), the example data products and two ordinary
// AsyncAPI APIs, and every table in memory.
//   write-adopter-config.js <infra connection file> <monorepo root> <url> <target yaml>
const fs = require('fs');
const path = require('path');
const yaml = require('yaml');

const [infraFile, root, url, target] = process.argv.slice(2);
const infra = JSON.parse(fs.readFileSync(infraFile, 'utf8'));
const { mechanism, username, password } = infra.kafka.sasl;
const port = Number(new URL(url).port);
const examples = path.join(root, 'examples');
const config = {
  app: { baseUrl: url },
  backend: {
    baseUrl: url,
    listen: { port },
    cors: { origin: url },
    database: { client: 'better-sqlite3', connection: ':memory:' },
  },
  catalog: {
    rules: [{ allow: ['Component', 'System', 'API', 'Resource', 'Location', 'Group', 'User', 'Template'] }],
    locations: [
      { type: 'file', target: path.join(examples, 'all.yaml') },
      { type: 'file', target: path.join(examples, 'ordinary-asyncapi', 'catalog-info.yaml') },
    ],
  },
  specmesh: {
    clusters: [
      {
        name: 'local',
        brokers: infra.kafka.brokers,
        clientId: 'meshport-adopter',
        sasl: { mechanism, username, password },
        schemaRegistry: { url: infra.registry.url },
      },
    ],
  },
};
fs.writeFileSync(target, yaml.stringify(config), { mode: 0o600 });
