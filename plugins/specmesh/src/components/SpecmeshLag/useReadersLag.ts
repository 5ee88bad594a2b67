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
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { specmeshApiRef } from '../../api';

/**
 * The readers of a data product's topics and their lag, in one request
 * (however many topics); one topic's only when `topic` is given.
 */
export function useReadersLag(
  dataProductRef: string | undefined,
  topic?: string,
) {
  const specmeshApi = useApi(specmeshApiRef);
  return useAsync(async () => {
    if (!dataProductRef) return undefined;
    const answer = await specmeshApi.getReadersLag(dataProductRef, { topic });
    return {
      collectedAt: answer.collectedAt,
      byTopic: new Map(answer.topics.map(t => [t.topic, t.readers])),
    };
  }, [specmeshApi, dataProductRef, topic]);
}
