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
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatCount, formatDuration } from './lagFormat';
import {
  formatTime,
  hasEstimates,
  LAG_CHART_HEIGHT,
  LagChartPoint,
} from './lagHistory';

const MESSAGES_COLOR = '#1f77b4';
const TIME_COLOR = '#ff7f0e';

const shortTime = (at: number) =>
  new Date(at).toLocaleString('en-US', {
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });

/**
 * Messages behind over time (left axis) and, where the history could tell,
 * how long behind (right axis; a gap where it could not).
 */
const LagHistoryChart = (props: {
  points: LagChartPoint[];
  /** What the chart shows, for screen readers: the group and the topic. */
  label: string;
}) => {
  const { points, label } = props;
  const withTime = hasEstimates(points);
  return (
    <div
      role="figure"
      aria-label={label}
      style={{ width: '100%', height: LAG_CHART_HEIGHT }}
    >
      <ResponsiveContainer>
        <LineChart
          data={points}
          margin={{ top: 8, right: 16, bottom: 8, left: 16 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="at"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={shortTime}
          />
          <YAxis
            yAxisId="messages"
            tickFormatter={formatCount}
            allowDecimals={false}
            width={72}
          />
          {withTime && (
            <YAxis
              yAxisId="time"
              orientation="right"
              tickFormatter={formatDuration}
              width={64}
            />
          )}
          <Tooltip
            labelFormatter={(at: number) => formatTime(at)}
            formatter={(value: number, name: string) =>
              name === 'Time behind'
                ? formatDuration(value)
                : formatCount(value)
            }
          />
          <Legend />
          <Line
            yAxisId="messages"
            dataKey="lag"
            name="Messages behind"
            type="linear"
            stroke={MESSAGES_COLOR}
            dot={false}
            isAnimationActive={false}
          />
          {withTime && (
            <Line
              yAxisId="time"
              dataKey="estimatedSeconds"
              name="Time behind"
              type="linear"
              stroke={TIME_COLOR}
              strokeDasharray="4 2"
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
            />
          )}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
};

// The default export is what React.lazy loads.
export default LagHistoryChart;
