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

/*
 * Just enough of the Prometheus text exposition format (version 0.0.4) to read the
 * samples of one metric: `name{label="value",…} value [timestamp]`, with `\\`, `\"` and
 * `\n` escapes in label values.
 */

/** One sample of a metric. */
export interface PrometheusSample {
  labels: Record<string, string>;
  value: number;
}

/** The samples of `metric` in an exposition text, in order; other metrics are skipped. */
export function samplesOfMetric(
  text: string,
  metric: string,
): PrometheusSample[] {
  const samples: PrometheusSample[] = [];
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (!line.startsWith(metric) || line.startsWith('#')) continue;
    const rest = line.slice(metric.length);
    // Another metric whose name merely starts with this one.
    if (rest[0] !== '{' && rest[0] !== ' ' && rest[0] !== '\t') continue;
    const parsed = parseLabelsAndValue(rest);
    if (parsed) samples.push(parsed);
  }
  return samples;
}

function parseLabelsAndValue(rest: string): PrometheusSample | undefined {
  const labels: Record<string, string> = {};
  let index = 0;
  if (rest[0] === '{') {
    index = 1;
    for (;;) {
      while (rest[index] === ' ' || rest[index] === ',') index++;
      if (rest[index] === '}') {
        index++;
        break;
      }
      const equals = rest.indexOf('=', index);
      if (equals === -1 || rest[equals + 1] !== '"') return undefined;
      const name = rest.slice(index, equals).trim();
      let value = '';
      let cursor = equals + 2;
      for (; cursor < rest.length && rest[cursor] !== '"'; cursor++) {
        if (rest[cursor] === '\\') {
          cursor++;
          value += rest[cursor] === 'n' ? '\n' : rest[cursor];
        } else {
          value += rest[cursor];
        }
      }
      if (cursor >= rest.length) return undefined;
      labels[name] = value;
      index = cursor + 1;
    }
  }
  const [valueText] = rest.slice(index).trim().split(/\s+/);
  const value = Number(valueText);
  return valueText && Number.isFinite(value) ? { labels, value } : undefined;
}
