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
import { InfoCard } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { PRIVATE_NEVER_SHARED } from './RequestAccessCard';
import { UngrantedRead } from './topicAccess';

/** What a person can do about one ungranted read: ask for it, or nothing (private). */
const ReadAction = (props: {
  read: UngrantedRead;
  onRequest?: (topic: string) => void;
}) => {
  const { read, onRequest } = props;
  // Only a topic the catalog knows has an owner to ask.
  if (!onRequest || !read.access || read.access === 'public') {
    return null;
  }
  if (read.access === 'private') {
    return <Typography variant="caption">{PRIVATE_NEVER_SHARED}</Typography>;
  }
  return (
    <Button
      size="small"
      color="primary"
      variant="outlined"
      aria-label={`Request access to ${read.topic}`}
      onClick={() => onRequest(read.topic)}
    >
      Request access
    </Button>
  );
};

/**
 * The foreign topics this spec reads without a grant from their owner; with
 * `onRequest` (the user owns this data product), a way to ask for each.
 */
export const UngrantedReadsPanel = (props: {
  reads: UngrantedRead[];
  dependencyCount: number;
  onRequest?: (topic: string) => void;
}) => (
  <InfoCard title="Reads of other data products">
    {props.reads.length === 0 ? (
      <Typography variant="body2">
        {props.dependencyCount === 0
          ? 'The spec reads no topics of other data products.'
          : `All ${props.dependencyCount} topics this spec reads are granted by their owners.`}
      </Typography>
    ) : (
      <>
        <Typography variant="body2">
          {props.reads.length} of {props.dependencyCount} reads are not granted;
          the cluster will refuse them.
        </Typography>
        <List dense>
          {props.reads.map(read => (
            <ListItem key={read.topic}>
              <ListItemText primary={read.topic} secondary={read.reason} />
              <ListItemSecondaryAction>
                <ReadAction read={read} onRequest={props.onRequest} />
              </ListItemSecondaryAction>
            </ListItem>
          ))}
        </List>
      </>
    )}
  </InfoCard>
);
