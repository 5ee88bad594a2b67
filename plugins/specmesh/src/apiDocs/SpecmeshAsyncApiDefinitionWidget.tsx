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
import { Progress } from '@backstage/core-components';
import { AsyncApiDefinitionWidget } from '@backstage/plugin-api-docs';
import useAsync from 'react-use/esm/useAsync';

/**
 * Props of {@link SpecmeshAsyncApiDefinitionWidget}.
 *
 * @public
 */
export interface SpecmeshAsyncApiDefinitionWidgetProps {
  /** The AsyncAPI spec, as in the entity's `spec.definition`. */
  definition: string;
  /** The entity's `meshport.dev/schema-files` annotation, if it has one. */
  schemaFiles?: string;
}

/**
 * The API docs' AsyncAPI widget, given the spec with its schema files
 * inlined, so that specs with `$ref: "/schema/x.avsc"` render in the browser.
 *
 * @public
 */
export function SpecmeshAsyncApiDefinitionWidget(
  props: SpecmeshAsyncApiDefinitionWidgetProps,
) {
  const { definition, schemaFiles } = props;
  // The YAML parser and the schema converters load with the Definition tab,
  // not with the app: no other part of the plugin needs them.
  const bundled = useAsync(
    async () =>
      (await import('./bundledDefinition')).bundledDefinition(
        definition,
        schemaFiles,
      ),
    [definition, schemaFiles],
  );
  if (bundled.loading) {
    return <Progress />;
  }
  // Should the code not load, the viewer gets the spec as written and says what it finds.
  return <AsyncApiDefinitionWidget definition={bundled.value ?? definition} />;
}
