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
 * The demo portal of the browser tests (scripts/lib/portal.sh start_portal)
 * with extra catalog locations: the demo's own, from app-config.yaml, and the
 * page benchmarks' generated mesh, given to the backend as an APP_CONFIG_
 * variable (it overrides one key; the default demo config stays as it is).
 * It reuses a running Kafka and registry of the profile (and leaves them
 * running), or starts them and stops them at the end.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export const ROOT = path.resolve(__dirname, '..');

export interface RunningPortal {
  url: string;
  stop(): Promise<void>;
}

/** The demo's catalog locations and `extra` ones, relative targets as the backend resolves them. */
function locationsWith(extra: string[]): string {
  const config = parse(
    fs.readFileSync(path.join(ROOT, 'app-config.yaml'), 'utf8'),
  );
  return JSON.stringify([
    ...(config.catalog?.locations ?? []),
    ...extra.map(target => ({ type: 'file', target })),
  ]);
}

/** Starts the portal in a bash that stops it (and infra it started) when its stdin closes. */
export async function startPagesPortal(
  extraLocations: string[],
): Promise<RunningPortal> {
  const script = `
    set -euo pipefail
    exec 3>&1 1>&2
    source scripts/lib/env.sh
    export MESHPORT_INFRA_PROFILE="\${MESHPORT_INFRA_PROFILE:-bench}"
    source scripts/lib/infra.sh
    source scripts/lib/portal.sh
    ensure_chromium
    started_infra=
    [ -f "$MESHPORT_INFRA_FILE" ] || started_infra=1
    trap 'stop_portal; [ -z "$started_infra" ] || stop_infra' EXIT
    start_infra
    # Builds of the app share packages/app/dist: one at a time.
    exec 8>"\${MESHPORT_APPBUILD_LOCK:-$MESHPORT_INFRA_RUN_DIR/appbuild.lock}"
    flock 8
    start_portal
    flock -u 8
    echo "MESHPORT_E2E_URL=$MESHPORT_E2E_URL" >&3
    read -r _ || true
  `;
  const child: ChildProcess = spawn('bash', ['-c', script], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
    // Without extra locations the portal keeps its own (the examples' copy).
    env: extraLocations.length
      ? {
          ...process.env,
          APP_CONFIG_catalog_locations: locationsWith(extraLocations),
        }
      : process.env,
  });
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', chunk => {
      out += chunk;
      const match = /MESHPORT_E2E_URL=(\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', code =>
      reject(new Error(`Starting the portal failed (exit ${code})`)),
    );
  });
  return {
    url,
    async stop() {
      child.stdin!.end();
      await exited;
    },
  };
}
