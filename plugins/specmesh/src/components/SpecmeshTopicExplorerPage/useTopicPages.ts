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
import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { KAFKA_TOPIC_RESOURCE_TYPE } from '@meshport/plugin-specmesh-common';
import {
  TOPIC_ENTITY_FIELDS,
  TopicEntry,
  topicEntryOf,
} from '../shared/topicEntry';

/**
 * The first page is small so that rows show soon on a mesh of thousands of
 * topics; the rest come in larger pages while the first ones are on screen.
 */
export const FIRST_PAGE_SIZE = 500;
export const NEXT_PAGE_SIZE = 2500;

/** The mesh's topics as far as the catalog's pages have arrived. */
export interface TopicPages {
  /** No page yet. */
  loading: boolean;
  error?: Error;
  /** By topic name; grows page by page. */
  entries: TopicEntry[];
  /** Every page is in. */
  complete: boolean;
  /** How many topics the catalog holds, once its first page says. */
  total?: number;
}

// One collator for all comparisons: localeCompare builds one per call.
const byTopic = new Intl.Collator('en-US');

/**
 * Reads the kafka-topic Resources page by page through the catalog's cursor,
 * projected to the fields a topic row needs.
 */
export function useTopicPages(): TopicPages {
  const catalogApi = useApi(catalogApiRef);
  const [state, setState] = useState<TopicPages>({
    loading: true,
    entries: [],
    complete: false,
  });
  useEffect(() => {
    let cancelled = false;
    const read = async () => {
      let entries: TopicEntry[] = [];
      let page = await catalogApi.queryEntities({
        filter: { kind: 'Resource', 'spec.type': KAFKA_TOPIC_RESOURCE_TYPE },
        fields: TOPIC_ENTITY_FIELDS,
        orderFields: { field: 'metadata.name', order: 'asc' },
        limit: FIRST_PAGE_SIZE,
      });
      for (;;) {
        if (cancelled) return;
        entries = [...entries, ...page.items.map(topicEntryOf)].sort((a, b) =>
          byTopic.compare(a.topic, b.topic),
        );
        const cursor = page.pageInfo.nextCursor;
        setState({
          loading: false,
          entries,
          complete: !cursor,
          total: page.totalItems,
        });
        if (!cursor) return;
        page = await catalogApi.queryEntities({
          cursor,
          fields: TOPIC_ENTITY_FIELDS,
          limit: NEXT_PAGE_SIZE,
        });
      }
    };
    read().catch(error => {
      if (!cancelled) {
        setState(previous => ({
          ...previous,
          loading: false,
          error,
          entries: [],
          complete: true,
        }));
      }
    });
    return () => {
      cancelled = true;
    };
  }, [catalogApi]);
  return state;
}
