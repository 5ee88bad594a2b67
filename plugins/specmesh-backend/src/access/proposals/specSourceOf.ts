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
import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import gitUrlParse from 'git-url-parse';
import { posix } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Annotation on a data product's API entity: the path of its AsyncAPI spec,
 * relative to the folder of its catalog-info file, when it is not the
 * conventional `asyncapi.yaml` (the catalog keeps the spec's text, not where
 * `$text` read it from).
 */
export const MESHPORT_SPEC_PATH_ANNOTATION = 'meshport.dev/spec-path';

/** The conventional spec file beside catalog-info.yaml. */
export const DEFAULT_SPEC_FILE = 'asyncapi.yaml';

/** Where a data product's spec lives, as a proposal template needs it. */
export interface SpecSource {
  /** The folder of the catalog-info file: a URL, or a `file:` URL. */
  sourceLocation: string;
  /** The spec's path relative to that folder. */
  specPath: string;
  /** The spec file itself, as a URL (or `file:` URL). */
  specUrl: string;
  /** For repositories: `host?owner=…&repo=…`, as publish actions take it. */
  repoUrl?: string;
  /** For repositories: the folder's path inside the repository. */
  repoPath?: string;
  /** For repositories: the branch the folder was read from. */
  branch?: string;
}

/**
 * Where the spec of a data product comes from, read from the location the
 * catalog recorded (its source location, else the location that manages it),
 * the same way the scaffolder finds a template's base URL. `undefined` when
 * the catalog recorded neither.
 */
export function specSourceOf(entity: Entity): SpecSource | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const specPath = cleanSpecPath(annotations[MESHPORT_SPEC_PATH_ANNOTATION]);
  const source = annotations[ANNOTATION_SOURCE_LOCATION];
  const managed = annotations[ANNOTATION_LOCATION];
  let folder: string | undefined;
  if (source) folder = folderOf(source, true);
  else if (managed) folder = folderOf(managed, false);
  if (!folder) return undefined;
  const specUrl = new URL(specPath, folder).toString();
  if (folder.startsWith('file:')) {
    return { sourceLocation: folder, specPath, specUrl };
  }
  return { sourceLocation: folder, specPath, specUrl, ...repositoryOf(folder) };
}

/** The folder a location ref points at (a folder itself, or a file's folder). */
function folderOf(ref: string, isFolder: boolean): string | undefined {
  let type: string;
  let target: string;
  try {
    ({ type, target } = parseLocationRef(ref));
  } catch {
    return undefined;
  }
  let url: URL;
  if (type === 'file') {
    url = pathToFileURL(target);
  } else if (type === 'url') {
    try {
      url = new URL(target);
    } catch {
      return undefined;
    }
  } else {
    return undefined;
  }
  if (isFolder && !url.pathname.endsWith('/') && !url.search) {
    url.pathname = `${url.pathname}/`;
  }
  return isFolder ? url.toString() : new URL('./', url).toString();
}

function repositoryOf(
  folder: string,
): Pick<SpecSource, 'repoUrl' | 'repoPath' | 'branch'> {
  try {
    const parsed = gitUrlParse(folder);
    if (!parsed.resource || !parsed.owner || !parsed.name) return {};
    const query = new URLSearchParams({
      owner: parsed.owner,
      repo: parsed.name,
    });
    if (parsed.organization && parsed.organization !== parsed.owner) {
      query.set('organization', parsed.organization);
    }
    return {
      repoUrl: `${parsed.resource}?${query.toString()}`,
      repoPath: parsed.filepath ? parsed.filepath.replace(/\/+$/, '') : '.',
      ...(parsed.ref ? { branch: parsed.ref } : {}),
    };
  } catch {
    return {};
  }
}

/** A relative spec path inside the folder, refusing any other. */
function cleanSpecPath(value: string | undefined): string {
  if (!value) return DEFAULT_SPEC_FILE;
  const normalized = posix.normalize(value.trim());
  if (
    normalized.startsWith('/') ||
    normalized.startsWith('..') ||
    normalized === '.' ||
    /^[A-Za-z][A-Za-z0-9+.-]*:/.test(normalized)
  ) {
    throw new InputError(
      `The annotation ${MESHPORT_SPEC_PATH_ANNOTATION} is '${value}'; it must be the spec's path relative to the catalog-info file's folder, inside it, e.g. 'asyncapi.yaml'`,
    );
  }
  return normalized.replace(/^\.\//, '');
}
