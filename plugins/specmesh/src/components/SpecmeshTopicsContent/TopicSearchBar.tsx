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
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';

/**
 * Above a table of the Topics tab: a search answered from the rows in
 * memory, and the totals of what it keeps.
 */
export const TopicSearchBar = (props: {
  /** The search field's id, which its label names. */
  id: string;
  /** The search field's label, naming the table it searches. */
  label: string;
  search: string;
  onSearch: (search: string) => void;
  /** `200 topics`, or `11 of 200 topics` when searched. */
  totals: string;
  /** Names the totals for tests and assistive technology. */
  totalsTestId: string;
}) => (
  <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 16 }}>
    <TextField
      id={props.id}
      type="search"
      size="small"
      variant="outlined"
      label={props.label}
      value={props.search}
      onChange={event => props.onSearch(event.target.value)}
      style={{ minWidth: 320 }}
    />
    <Typography
      variant="body2"
      color="textSecondary"
      role="status"
      data-testid={props.totalsTestId}
    >
      {props.totals}
    </Typography>
  </Box>
);
