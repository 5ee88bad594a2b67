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
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { usePermission } from '@backstage/plugin-permission-react';
import { specmeshTopicPreviewPermission } from '@meshport/plugin-specmesh-common';
import { TopicPreviewDialog } from './TopicPreviewDialog';

/**
 * The topic card's "Preview messages" button. Disabled, with the reason,
 * when the permission policy does not let the user read the topic's
 * messages; the backend checks again (and its 403 shows in the dialog).
 */
export const TopicPreviewAction = (props: {
  topic: string;
  /** The topic's Resource entity: the permission's resource. */
  topicEntityRef: string;
  partitions: number | null;
}) => {
  const [open, setOpen] = useState(false);
  const permission = usePermission({
    permission: specmeshTopicPreviewPermission,
    resourceRef: props.topicEntityRef,
  });
  const denied = !permission.loading && !permission.allowed;
  return (
    <>
      <Button
        variant="outlined"
        color="primary"
        size="small"
        disabled={permission.loading || denied}
        onClick={() => setOpen(true)}
      >
        Preview messages
      </Button>
      {denied && (
        <Typography
          variant="caption"
          color="textSecondary"
          component="div"
          data-testid="preview-denied-reason"
        >
          You may not preview this topic's messages: the permission policy does
          not grant you {specmeshTopicPreviewPermission.name} on it (by default
          only its owners have it; _private topics are for their owners only).
        </Typography>
      )}
      {open && (
        <TopicPreviewDialog
          topic={props.topic}
          partitions={props.partitions}
          open={open}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
};
