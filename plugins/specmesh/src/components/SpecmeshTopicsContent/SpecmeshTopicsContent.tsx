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
import { EmptyState } from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { MESHPORT_APP_ID_ANNOTATION } from '@meshport/plugin-specmesh-common';
import { isSpecmeshAvailable } from '../../isSpecmeshAvailable';
import { DesiredStateTopics } from './DesiredStateTopics';

/**
 * The Topics tab of an API entity: the topics the backend derives from the
 * entity's AsyncAPI definition with the rule book it provisions with.
 */
export const SpecmeshTopicsContent = () => {
  const { entity } = useEntity();

  if (!isSpecmeshAvailable(entity)) {
    return (
      <MissingAnnotationEmptyState annotation={MESHPORT_APP_ID_ANNOTATION} />
    );
  }

  const definition = entity.spec?.definition;
  if (typeof definition !== 'string' || definition.trim() === '') {
    return (
      <EmptyState
        missing="field"
        title="No AsyncAPI definition"
        description="This API entity has no spec.definition to derive topics from."
      />
    );
  }

  return <DesiredStateTopics entity={entity} />;
};
