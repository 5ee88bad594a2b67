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

/*
 * Starts the page benchmarks' portal (the demo portal with the generated mesh,
 * see pages-topics.ts) and keeps it until Enter or Ctrl-C, so that several
 * page benchmarks can run against one: MESHPORT_E2E_URL=<url> bench/run pages-topics.
 *
 *   bench/run pages-portal [--products 1000] [--channels 12]
 */
import { benchMesh } from './pages-topics';
import { startPagesPortal } from './pagesPortal';

async function main() {
  const mesh = benchMesh();
  const portal = await startPagesPortal([mesh.location]);
  console.log(
    `MESHPORT_E2E_URL=${portal.url} (${mesh.topics} topics; large data product ${mesh.largeProduct}); Enter or Ctrl-C stops it`,
  );
  const stop = () => portal.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.stdin.once('data', stop);
  process.stdin.once('end', stop);
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
