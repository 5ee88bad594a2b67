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
import {
  bundleSchemaRefsForDisplay,
  parseSpecText,
  readSchemaFilesAnnotation,
  schemaFileRefs,
} from '@meshport/plugin-specmesh-common';

/**
 * The definition the AsyncAPI viewer gets for an API entity: the spec with its
 * schema file refs replaced by the files' contents from the entity's
 * `meshport.dev/schema-files` annotation (placeholders for files it lacks),
 * since the browser cannot read files. A spec without schema file refs is
 * passed on as written.
 */
export function bundledDefinition(
  definition: string,
  schemaFilesAnnotation: string | undefined,
): string {
  const { document } = parseSpecText(definition);
  if (document === undefined || schemaFileRefs(document).length === 0) {
    // Nothing to replace, or nothing parsed: the viewer reports what it finds.
    return definition;
  }
  const reading =
    schemaFilesAnnotation === undefined
      ? undefined
      : readSchemaFilesAnnotation(schemaFilesAnnotation);
  const schemaFiles = reading?.ok ? reading.files : {};
  try {
    return JSON.stringify(
      bundleSchemaRefsForDisplay(document, schemaFiles),
      null,
      2,
    );
  } catch {
    // A YAML alias that contains itself cannot become JSON.
    return definition;
  }
}
