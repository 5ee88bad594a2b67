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
import { memo, useMemo } from 'react';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import SearchIcon from '@material-ui/icons/Search';
import { TOPIC_DRIFT_LABELS } from './topicDrift';
import { FilterOptions, shortRef, TopicFilters } from './topicFilters';

interface Choice {
  value: string;
  label: string;
}

/**
 * A native select: one "All" choice and the values the topics have. Memoised:
 * a mesh has a thousand app-ids, and a keystroke in the search leaves them be.
 */
const FilterSelect = memo(
  (props: {
    id: string;
    label: string;
    filterKey: keyof TopicFilters;
    value: string | undefined;
    choices: Choice[];
    disabled?: boolean;
    onChange: (key: keyof TopicFilters, value: string | undefined) => void;
  }) => {
    const { id, label, filterKey, value, choices, disabled, onChange } = props;
    // A shared link may name a value no topic has (any more): keep it visible.
    const all =
      value && !choices.some(choice => choice.value === value)
        ? [...choices, { value, label: value }]
        : choices;
    return (
      <TextField
        id={id}
        select
        fullWidth
        label={label}
        variant="outlined"
        size="small"
        value={value ?? ''}
        disabled={disabled}
        onChange={event => onChange(filterKey, event.target.value || undefined)}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
      >
        <option value="">All</option>
        {all.map(choice => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </TextField>
    );
  },
);

/** The search field and the selects that narrow the list of topics. */
export const TopicFiltersBar = (props: {
  filters: TopicFilters;
  options: FilterOptions;
  /** The drift report could not be read: nothing to filter by. */
  driftUnavailable: boolean;
  onChange: (key: keyof TopicFilters, value: string | undefined) => void;
  onClear: () => void;
}) => {
  const { filters, options, driftUnavailable, onChange, onClear } = props;
  const filtered = Object.values(filters).some(Boolean);
  const choices = useMemo(
    () => ({
      owners: options.owners.map(ref => ({ value: ref, label: shortRef(ref) })),
      appIds: options.appIds.map(appId => ({ value: appId, label: appId })),
      access: options.access.map(level => ({ value: level, label: level })),
      drift: options.drift.map(state => ({
        value: state,
        label: TOPIC_DRIFT_LABELS[state],
      })),
    }),
    [options],
  );
  return (
    <Grid container spacing={2} alignItems="center">
      <Grid item xs={12} md={4}>
        <TextField
          id="specmesh-topic-search"
          fullWidth
          label="Search"
          placeholder="Topic, app-id, owner or description"
          variant="outlined"
          size="small"
          value={filters.q ?? ''}
          onChange={event => onChange('q', event.target.value || undefined)}
          InputLabelProps={{ shrink: true }}
          InputProps={{
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" />
              </InputAdornment>
            ),
          }}
        />
      </Grid>
      <Grid item xs={6} md={2}>
        <FilterSelect
          id="specmesh-topic-owner"
          label="Owner"
          filterKey="owner"
          value={filters.owner}
          choices={choices.owners}
          onChange={onChange}
        />
      </Grid>
      <Grid item xs={6} md={2}>
        <FilterSelect
          id="specmesh-topic-app-id"
          label="App-id"
          filterKey="appId"
          value={filters.appId}
          choices={choices.appIds}
          onChange={onChange}
        />
      </Grid>
      <Grid item xs={6} md={1}>
        <FilterSelect
          id="specmesh-topic-access"
          label="Access"
          filterKey="access"
          value={filters.access}
          choices={choices.access}
          onChange={onChange}
        />
      </Grid>
      <Grid item xs={6} md={2}>
        <FilterSelect
          id="specmesh-topic-drift"
          label="Drift"
          filterKey="drift"
          value={filters.drift}
          disabled={driftUnavailable}
          choices={choices.drift}
          onChange={onChange}
        />
      </Grid>
      <Grid item xs={12} md={1}>
        <Button disabled={!filtered} onClick={onClear}>
          Clear
        </Button>
      </Grid>
    </Grid>
  );
};
