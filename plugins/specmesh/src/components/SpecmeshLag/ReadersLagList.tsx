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
import Typography from '@material-ui/core/Typography';
import type { GroupLag } from '../../api';
import { byLagDescending, describeLag, describeReader } from './lagFormat';
import { LagHistoryButton } from './LagHistoryButton';

/**
 * The readers of one topic and how far behind each is, most behind first.
 * Plain lines of text: the Topics tab shows one list per topic, hundreds at once.
 */
export const ReadersLagList = (props: {
  readers: GroupLag[] | undefined;
  /** Before the first collection there are no offsets to compare. */
  collected: boolean;
  compact?: boolean;
  /** A History button after each reader, opening its lag over time. */
  withHistory?: boolean;
}) => {
  const { readers, collected, compact, withHistory } = props;
  if (!collected) return <>no offsets collected yet</>;
  if (!readers?.length) return <>no consumer group reads it</>;
  const line = (reader: GroupLag) => (
    <Typography
      key={reader.groupId}
      variant="body2"
      component="div"
      data-testid="reader-lag"
    >
      {compact ? (
        <>
          {reader.consumerAppId ?? 'unattributed'}: {describeLag(reader)}
        </>
      ) : (
        <>
          <strong>{describeReader(reader)}</strong>: {describeLag(reader)}
        </>
      )}
    </Typography>
  );
  const sorted = [...readers].sort(byLagDescending);
  if (!withHistory) return <>{sorted.map(line)}</>;
  return (
    <>
      {sorted.map(reader => (
        <Box key={reader.groupId} display="flex" alignItems="center">
          {line(reader)}
          <LagHistoryButton topic={reader.topic} groupId={reader.groupId} />
        </Box>
      ))}
    </>
  );
};
