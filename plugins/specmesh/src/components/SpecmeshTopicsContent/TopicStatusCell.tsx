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
import { PlanChange, StatusItem } from '../../api';
import { StatusChip } from '../shared';

function describeChange(change: PlanChange): string {
  const after = change.after ?? 'default';
  return `${change.field}: ${change.before ?? 'unset'} → ${after}`;
}

/** The live state of one topic: whether it exists, and what differs from the spec. */
export const TopicStatusCell = (props: {
  item?: StatusItem;
  loading: boolean;
}) => {
  const { item, loading } = props;
  if (loading) {
    return <Typography variant="body2">checking…</Typography>;
  }
  if (!item) {
    return <Typography variant="body2">not checked</Typography>;
  }
  switch (item.status) {
    case 'in-sync':
      return <StatusChip tone="good" label="in sync" />;
    case 'missing':
      return <StatusChip tone="bad" label="missing on the cluster" />;
    case 'drifted':
      return (
        <>
          <StatusChip tone="warn" label="drifted" />
          {(item.changes ?? []).map(change => (
            <Typography key={change.field} variant="body2" component="div">
              {describeChange(change)}
            </Typography>
          ))}
        </>
      );
    case 'unknown':
      return (
        <>
          <StatusChip tone="neutral" label="unknown" />
          {item.reason && (
            <Typography variant="body2" component="div">
              {item.reason}
            </Typography>
          )}
        </>
      );
    default:
      return <StatusChip tone="warn" label={item.status} />;
  }
};
