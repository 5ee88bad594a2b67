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
import { useMemo } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { specmeshApiRef } from '../../api';
import { indexVerdicts, TopicDrift, topicDriftOf } from './topicDrift';
import type { TopicRow } from './topicFilters';
import { useTopicPages } from './useTopicPages';

/** The mesh's topics from the catalog, each with its drift once the report arrives. */
export interface TopicExplorerData {
  loading: boolean;
  /** The catalog could not be read: no rows. */
  error?: Error;
  rows: TopicRow[];
  /** Every page of the catalog's answer is in. */
  complete: boolean;
  /** How many topics the catalog holds, once its first page says. */
  total?: number;
  /** The drift report could not be read: the rows say so. */
  driftError?: Error;
}

export function useTopicExplorerData(): TopicExplorerData {
  const specmeshApi = useApi(specmeshApiRef);
  // Independent requests: the topics show while the drift report is read.
  const topics = useTopicPages();
  const drift = useAsync(() => specmeshApi.getMeshDrift(), [specmeshApi]);

  const rows = useMemo(() => {
    const entries = topics.entries;
    if (drift.loading || drift.error || !drift.value) {
      const state: TopicDrift = drift.loading
        ? { state: 'loading' }
        : { state: 'unavailable' };
      return entries.map(entry => ({ ...entry, drift: state }));
    }
    const index = indexVerdicts(drift.value.items);
    return entries.map(entry => ({
      ...entry,
      drift: topicDriftOf(entry, index),
    }));
  }, [topics.entries, drift.loading, drift.error, drift.value]);

  return {
    loading: topics.loading,
    error: topics.error,
    rows,
    complete: topics.complete,
    total: topics.total,
    driftError: drift.error,
  };
}
