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
import { MESHPORT_SCHEMA_FILES_ANNOTATION } from '../annotations';

/**
 * What the `meshport.dev/schema-files` annotation holds: the file texts by
 * `$ref` as written, or why it could not be read.
 *
 * @public
 */
export type SchemaFilesAnnotationReading =
  | { ok: true; files: Record<string, string> }
  | { ok: false; message: string };

/**
 * Reads the value of the {@link MESHPORT_SCHEMA_FILES_ANNOTATION} annotation:
 * a JSON object whose values are the schema files' texts.
 *
 * @public
 */
export function readSchemaFilesAnnotation(
  value: string,
): SchemaFilesAnnotationReading {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    return invalid(`it is not JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return invalid('it is not a JSON object');
  }
  const files: Record<string, string> = {};
  for (const [ref, text] of Object.entries(parsed)) {
    if (typeof text !== 'string') {
      return invalid(`the value of "${ref}" is not the file's text`);
    }
    files[ref] = text;
  }
  return { ok: true, files };
}

function invalid(reason: string): SchemaFilesAnnotationReading {
  return {
    ok: false,
    message: `The annotation ${MESHPORT_SCHEMA_FILES_ANNOTATION} cannot be read: ${reason}. It must map each schema $ref of the spec to the file's text, as { "/schema/x.avsc": "…" }.`,
  };
}
