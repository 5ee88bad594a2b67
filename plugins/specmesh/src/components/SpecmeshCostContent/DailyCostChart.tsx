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
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { COST_CATEGORIES, DailyCost } from './costSummary';
import { formatMoney } from '../shared';
import { CHART_HEIGHT } from './chartSize';

const CATEGORY_COLORS = {
  storage: '#1f77b4',
  partitions: '#9467bd',
  production: '#2ca02c',
  consumption: '#ff7f0e',
};

/** The cost of each day, stacked by category. */
const DailyCostChart = (props: { days: DailyCost[]; currency: string }) => {
  const { days, currency } = props;
  return (
    <div
      role="figure"
      aria-label={`Daily cost by category, ${days.length} days`}
      style={{ width: '100%', height: CHART_HEIGHT }}
    >
      <ResponsiveContainer>
        <BarChart
          data={days}
          margin={{ top: 8, right: 16, bottom: 8, left: 16 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={(day: string) => day.slice(5)} />
          <YAxis
            tickFormatter={(amount: number) => formatMoney(amount, currency)}
            width={80}
          />
          <Tooltip
            formatter={(amount: number) => formatMoney(amount, currency)}
          />
          <Legend />
          {COST_CATEGORIES.map(category => (
            <Bar
              key={category}
              dataKey={category}
              name={category}
              stackId="cost"
              fill={CATEGORY_COLORS[category]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
};

// The default export is what React.lazy loads.
export default DailyCostChart;
