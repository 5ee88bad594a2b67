/*
 * Copyright 2026 The Meshport Authors
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
import { randomUUID } from 'node:crypto';
import { realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces an existing spec file's text: writes a new file beside it (the
 * symlink's target, if it is one), with the same permissions, then renames it
 * over the old one, so that a reader (the catalog, a CLI in another shell)
 * sees the old spec or the new one, never half of one.
 *
 * @public
 */
export async function writeSpecFile(path: string, text: string): Promise<void> {
  const target = await realpath(path);
  const { mode } = await stat(target);
  const staging = join(
    dirname(target),
    `.${basename(target)}.${randomUUID()}.tmp`,
  );
  try {
    await writeFile(staging, text, { encoding: 'utf8', flag: 'wx', mode });
    await rename(staging, target);
  } finally {
    await rm(staging, { force: true });
  }
}
