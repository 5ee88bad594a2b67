/*
 * Copyright 2026 The Meshport Authors
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
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';

/** "Last N days", the default wording of a range. */
export const lastDays = (days: number) => `Last ${days} days`;

/** A "Range" select of day counts: the Cost tab's and the lag history's. */
export const DayRangeSelect = (props: {
  days: number;
  options: readonly number[];
  onChange: (days: number) => void;
  describe?: (days: number) => string;
}) => {
  const { days, options, onChange, describe = lastDays } = props;
  return (
    <TextField
      select
      label="Range"
      value={days}
      onChange={event => onChange(Number(event.target.value))}
      variant="outlined"
      size="small"
      SelectProps={{ SelectDisplayProps: { 'aria-label': 'Range' } as object }}
    >
      {options.map(option => (
        <MenuItem key={option} value={option}>
          {describe(option)}
        </MenuItem>
      ))}
    </TextField>
  );
};
