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

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
// URL parsers drop tabs and line breaks anywhere: `.\t./x` would become `../x`.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * The relative URL `path` names inside the folder of the URL it is resolved
 * against, normalized (`./schema/x.avsc`), or `undefined` when it leads
 * outside that folder: a segment `..` that climbs above it, a path from the
 * root (`/x`), or an absolute URL (`https://other.host/x`, `file:///x`).
 *
 * @remarks
 *
 * URL readers resolve paths the way browsers do, so `..` is also any
 * percent-encoded spelling (`%2e%2e`) and `\` separates segments. A segment
 * whose decoding holds a separator (`%2f`) is refused too, since some
 * servers decode it and some do not, and so is a control character, which
 * URL parsers drop. `?` and `#` are part of a file name here, as on a disk,
 * and are encoded so they cannot turn into a query or a fragment.
 *
 * @public
 */
export function urlPathInFolder(path: string): string | undefined {
  if (SCHEME.test(path) || CONTROL.test(path) || /^[\\/]/.test(path)) {
    return undefined;
  }
  const segments: string[] = [];
  for (const segment of path.split(/[\\/]/)) {
    const decoded = decode(segment);
    if (decoded === undefined || /[\\/]/.test(decoded)) return undefined;
    if (decoded === '' || decoded === '.') continue;
    if (decoded === '..') {
      if (segments.pop() === undefined) return undefined;
      continue;
    }
    segments.push(segment.replace(/\?/g, '%3F').replace(/#/g, '%23'));
  }
  return `./${segments.join('/')}`;
}

/** The segment percent-decoded; `undefined` when it is not valid encoding. */
function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
