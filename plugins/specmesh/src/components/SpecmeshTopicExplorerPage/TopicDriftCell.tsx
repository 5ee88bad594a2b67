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
import Typography from '@material-ui/core/Typography';
import { StatusChip } from '../shared';
import { TOPIC_DRIFT_LABELS, TopicDrift } from './topicDrift';

// A cell stays a few lines high however much a data product drifted.
const MAX_DIFFERENCES = 3;

function checkedAt(drift: { checkedAt: string }): string {
  return `Checked ${new Date(drift.checkedAt).toLocaleString()}`;
}

const Detail = (props: { children: string }) => (
  <Typography variant="body2" component="div">
    {props.children}
  </Typography>
);

/** Whether the topic matches its spec on the cluster, and what differs if not. */
export const TopicDriftCell = (props: { drift: TopicDrift }) => {
  const { drift } = props;
  switch (drift.state) {
    case 'loading':
      return <Typography variant="body2">checking…</Typography>;
    case 'unavailable':
      return <Typography variant="body2">unavailable</Typography>;
    case 'not-checked':
      return (
        <Typography variant="body2">
          {TOPIC_DRIFT_LABELS['not-checked']}
        </Typography>
      );
    case 'in-sync':
      return (
        <span title={checkedAt(drift)}>
          <StatusChip tone="good" label={TOPIC_DRIFT_LABELS['in-sync']} />
        </span>
      );
    case 'drifted': {
      const shown = drift.differences.slice(0, MAX_DIFFERENCES);
      const more = drift.differences.length - shown.length;
      return (
        <div
          title={`${checkedAt(drift)}${
            drift.driftedSince
              ? `; drifted since ${new Date(
                  drift.driftedSince,
                ).toLocaleString()}`
              : ''
          }`}
        >
          <StatusChip tone="warn" label={TOPIC_DRIFT_LABELS.drifted} />
          {shown.map(line => (
            <Detail key={line}>{line}</Detail>
          ))}
          {more > 0 && <Detail>{`and ${more} more`}</Detail>}
        </div>
      );
    }
    case 'unknown':
      return (
        <div title={checkedAt(drift)}>
          <StatusChip tone="neutral" label={TOPIC_DRIFT_LABELS.unknown} />
          {drift.reason && <Detail>{drift.reason}</Detail>}
        </div>
      );
    case 'error':
    default:
      return (
        <div title={checkedAt(drift)}>
          <StatusChip tone="bad" label={TOPIC_DRIFT_LABELS.error} />
          {drift.error && <Detail>{drift.error}</Detail>}
        </div>
      );
  }
};
