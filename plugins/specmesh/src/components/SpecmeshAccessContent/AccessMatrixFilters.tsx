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
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type { AccessFilters } from './accessFilters';

/**
 * Above the access matrix: a search over its topics and principals, a
 * switch to the rights where the spec and the cluster differ, and the
 * totals of what is shown. Answered from the rows in memory.
 */
export const AccessMatrixFilters = (props: {
  filters: AccessFilters;
  onChange: (filters: AccessFilters) => void;
  /** How many rights differ between the spec and the cluster. */
  differences: number;
  /** `200 topics, 600 rights`, or `11 of 200 topics, ...` when filtered. */
  totals: string;
}) => {
  const { filters, onChange, differences, totals } = props;
  return (
    <Box
      display="flex"
      alignItems="center"
      flexWrap="wrap"
      mb={1}
      style={{ gap: 16 }}
    >
      <TextField
        id="specmesh-access-search"
        type="search"
        size="small"
        variant="outlined"
        label="Search topics and principals"
        value={filters.q ?? ''}
        onChange={event => onChange({ ...filters, q: event.target.value })}
        style={{ minWidth: 320 }}
      />
      <FormControlLabel
        control={
          <Checkbox
            checked={Boolean(filters.onlyDifferences)}
            onChange={event =>
              onChange({ ...filters, onlyDifferences: event.target.checked })
            }
            disabled={differences === 0 && !filters.onlyDifferences}
            color="primary"
          />
        }
        label={`Only where the spec and the cluster differ (${differences})`}
      />
      <Typography
        variant="body2"
        color="textSecondary"
        role="status"
        data-testid="access-matrix-totals"
      >
        {totals}
      </Typography>
    </Box>
  );
};
