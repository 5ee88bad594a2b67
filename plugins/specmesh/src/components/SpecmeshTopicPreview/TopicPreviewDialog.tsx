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
import { useState } from 'react';
import { Progress, WarningPanel } from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { specmeshApiRef } from '../../api';
import { SpecmeshErrorPanel } from '../shared';
import { PreviewMessagesList } from './PreviewMessagesList';
import { limitChoices } from './previewLimits';

const ALL = 'all';

function usePreview(topic: string, limit: number, partition: string) {
  const specmeshApi = useApi(specmeshApiRef);
  return useAsyncRetry(
    () =>
      specmeshApi.previewMessages(topic, {
        limit,
        partition: partition === ALL ? undefined : Number(partition),
      }),
    [specmeshApi, topic, limit, partition],
  );
}

const PreviewBody = (props: {
  topic: string;
  limit: number;
  partition: string;
}) => {
  const preview = usePreview(props.topic, props.limit, props.partition);
  if (preview.loading) return <Progress />;
  if (preview.error) {
    return (
      <SpecmeshErrorPanel
        error={preview.error}
        what="preview the messages of this topic"
      />
    );
  }
  const answer = preview.value!;
  return (
    <>
      <Typography variant="body2" color="textSecondary">
        {answer.messages.length} newest{' '}
        {answer.partition === null
          ? 'across all partitions'
          : `of partition ${answer.partition}`}
        , read {new Date(answer.fetchedAt).toLocaleString('en-US')} from{' '}
        {answer.cluster}. Nothing was committed.
      </Typography>
      {answer.truncated && (
        <Box my={1}>
          <WarningPanel
            severity="info"
            title="Truncated"
            message={`The messages reached the preview's byte cap before ${answer.limit} of them: older ones are left out. Choose fewer messages or one partition to see others.`}
          />
        </Box>
      )}
      {answer.messages.length === 0 ? (
        <Typography variant="body2" style={{ marginTop: 16 }}>
          No messages: the topic (or partition) is empty, or its retention
          removed them.
        </Typography>
      ) : (
        <PreviewMessagesList messages={answer.messages} />
      )}
    </>
  );
};

/**
 * The dialog of "Preview messages": the newest messages of a topic, merged
 * or of one partition, decoded by the backend with the registry's schemas.
 */
export const TopicPreviewDialog = (props: {
  topic: string;
  /** The topic's partition count, when the spec sets it. */
  partitions: number | null;
  open: boolean;
  onClose: () => void;
}) => {
  const config = useApi(configApiRef);
  const choices = limitChoices(
    config.getOptionalNumber('specmesh.preview.maxMessages'),
  );
  const [limit, setLimit] = useState(choices[choices.length - 1]);
  const [partition, setPartition] = useState(ALL);
  const partitionCount = props.partitions ?? 0;
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby="specmesh-preview-title"
    >
      <DialogTitle id="specmesh-preview-title">
        Messages of {props.topic}
      </DialogTitle>
      <DialogContent dividers>
        <Box display="flex" mb={2} style={{ gap: 16 }}>
          <TextField
            select
            size="small"
            variant="outlined"
            id="specmesh-preview-limit"
            label="Messages"
            value={limit}
            onChange={e => setLimit(Number(e.target.value))}
            inputProps={{ 'data-testid': 'preview-limit' }}
          >
            {choices.map(c => (
              <MenuItem key={c} value={c}>
                {c}
              </MenuItem>
            ))}
          </TextField>
          {partitionCount > 0 ? (
            <TextField
              select
              size="small"
              variant="outlined"
              id="specmesh-preview-partition"
              label="Partition"
              value={partition}
              onChange={e => setPartition(e.target.value)}
              style={{ minWidth: 200 }}
              inputProps={{ 'data-testid': 'preview-partition' }}
            >
              <MenuItem value={ALL}>All, merged by time</MenuItem>
              {Array.from({ length: partitionCount }, (_, p) => (
                <MenuItem key={p} value={String(p)}>
                  Partition {p}
                </MenuItem>
              ))}
            </TextField>
          ) : (
            <TextField
              size="small"
              variant="outlined"
              type="number"
              label="Partition (empty: all, merged)"
              value={partition === ALL ? '' : partition}
              onChange={e =>
                setPartition(e.target.value === '' ? ALL : e.target.value)
              }
              inputProps={{ min: 0, 'data-testid': 'preview-partition' }}
              style={{ minWidth: 240 }}
            />
          )}
        </Box>
        {props.open && (
          <PreviewBody
            topic={props.topic}
            limit={limit}
            partition={partition}
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
};
