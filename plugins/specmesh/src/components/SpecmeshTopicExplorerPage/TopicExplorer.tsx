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
import { useCallback, useMemo } from 'react';
import {
  EmptyState,
  LinkButton,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import { useSearchParams } from 'react-router-dom';
import { SpecmeshErrorPanel } from '../shared';
import { TopicExplorerTable } from './TopicExplorerTable';
import { TopicFiltersBar } from './TopicFiltersBar';
import {
  filterOptionsOf,
  filtersFromSearchParams,
  filterTopics,
  TopicFilters,
  withFilter,
  withoutFilters,
} from './topicFilters';
import { useSearchText } from './useSearchText';
import { useTopicExplorerData } from './useTopicExplorerData';

/**
 * Every Kafka topic the catalog knows, with filters and a search kept in the
 * URL so that a filtered view can be shared.
 */
export const TopicExplorer = (props: {
  /** Where to register an AsyncAPI spec, offered when there are no topics. */
  registerSpecLink?: string;
}) => {
  const { loading, error, rows, complete, total, driftError } =
    useTopicExplorerData();
  const [searchParams, setSearchParams] = useSearchParams();
  const inUrl = useMemo(
    () => filtersFromSearchParams(searchParams),
    [searchParams],
  );
  // Replace, not push: typing a search is not a trail to go back through.
  const writeFilter = useCallback(
    (key: keyof TopicFilters, value: string | undefined) =>
      setSearchParams(previous => withFilter(previous, key, value), {
        replace: true,
      }),
    [setSearchParams],
  );
  const [q, setQ] = useSearchText(
    inUrl.q,
    useCallback(value => writeFilter('q', value), [writeFilter]),
  );
  const filters = useMemo(() => {
    const { q: _inUrl, ...rest } = inUrl;
    return q ? { ...rest, q } : rest;
  }, [inUrl, q]);
  const options = useMemo(() => filterOptionsOf(rows), [rows]);
  const shown = useMemo(() => filterTopics(rows, filters), [rows, filters]);

  const setFilter = useCallback(
    (key: keyof TopicFilters, value: string | undefined) =>
      key === 'q' ? setQ(value) : writeFilter(key, value),
    [setQ, writeFilter],
  );
  const clearFilters = useCallback(() => {
    setQ(undefined);
    setSearchParams(previous => withoutFilters(previous), { replace: true });
  }, [setQ, setSearchParams]);

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return (
      <ResponseErrorPanel
        title="Could not read the topics from the catalog"
        error={error}
      />
    );
  }
  if (rows.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No Kafka topics in the catalog"
        description="The catalog writes a Resource entity for every topic an AsyncAPI spec with a SpecMesh app-id declares. Register a data product's catalog-info.yaml, with its spec, and its topics appear here."
        action={
          props.registerSpecLink ? (
            <LinkButton
              to={props.registerSpecLink}
              variant="contained"
              color="primary"
            >
              Register an AsyncAPI spec
            </LinkButton>
          ) : undefined
        }
      />
    );
  }

  const driftLoading = rows.some(row => row.drift.state === 'loading');
  return (
    <Grid container spacing={3} direction="column">
      {driftError && (
        <Grid item>
          <SpecmeshErrorPanel
            error={driftError}
            what="see whether the topics match their specs"
          />
        </Grid>
      )}
      <Grid item>
        <TopicFiltersBar
          filters={filters}
          options={options}
          driftUnavailable={Boolean(driftError)}
          onChange={setFilter}
          onClear={clearFilters}
        />
      </Grid>
      <Grid item>
        <TopicExplorerTable
          rows={shown}
          total={rows.length}
          reading={
            complete
              ? undefined
              : ` (read ${rows.length} of ${total ?? '…'} from the catalog)`
          }
          // A drift filter has nothing to keep until the report arrives.
          loading={Boolean(filters.drift) && driftLoading}
          emptyContent={
            <>
              No topic matches the filters.{' '}
              <Button size="small" color="primary" onClick={clearFilters}>
                Clear filters
              </Button>
            </>
          }
        />
      </Grid>
    </Grid>
  );
};
