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
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { specmeshApiRef } from '../../api';

/**
 * The backend's verdict on a data product's spec (its desired state and
 * problems, from the rule book the backend provisions with) and the live
 * status beside it. The browser judges no spec itself.
 *
 * Both are asked at once: the status needs nothing from the verdict. For a
 * spec with errors the status fails fast; callers show a status error only
 * next to a desired state.
 */
export function useDesiredStateAndStatus(entityRef: CompoundEntityRef) {
  const specmeshApi = useApi(specmeshApiRef);
  const refKey = stringifyEntityRef(entityRef);
  const desired = useAsync(
    () => specmeshApi.getDesiredState(entityRef),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [specmeshApi, refKey],
  );
  const status = useAsync(
    () => specmeshApi.getStatus(entityRef),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [specmeshApi, refKey],
  );
  return { desired, status };
}
