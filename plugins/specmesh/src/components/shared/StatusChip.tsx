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
import Chip from '@material-ui/core/Chip';

type Tone = 'good' | 'bad' | 'warn' | 'neutral';

const TONE_COLORS: Record<Tone, string> = {
  good: '#2e7d32',
  bad: '#c62828',
  warn: '#ef6c00',
  neutral: '#616161',
};

/** A small coloured label for a state, readable without relying on colour alone. */
export const StatusChip = (props: { label: string; tone: Tone }) => (
  <Chip
    size="small"
    variant="outlined"
    label={props.label}
    style={{
      color: TONE_COLORS[props.tone],
      borderColor: TONE_COLORS[props.tone],
    }}
  />
);
