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
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useState } from 'react';
import { backendMessage } from './backendMessage';

/**
 * An owner's decision with a comment for the other side: approve or deny a
 * request, or revoke a grant. Runs `onConfirm` and stays open with the error
 * when it fails.
 */
export const DecideDialog = (props: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** A denial or a revocation needs a comment; an approval may go without. */
  commentRequired: boolean;
  onConfirm: (comment: string) => Promise<void>;
  onClose: () => void;
}) => {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const missingComment = props.commentRequired && comment.trim() === '';

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await props.onConfirm(comment.trim());
      props.onClose();
    } catch (e) {
      setError(e as Error);
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="sm">
      <DialogTitle>{props.title}</DialogTitle>
      <DialogContent>
        {props.children}
        <TextField
          fullWidth
          multiline
          minRows={2}
          margin="normal"
          id="access-decision-comment"
          label="Comment"
          required={props.commentRequired}
          helperText="The requester sees it next to the decision."
          value={comment}
          onChange={e => setComment(e.target.value)}
          inputProps={{ maxLength: 2000 }}
        />
        {error && (
          <Typography variant="body2" color="error" role="alert">
            {backendMessage(error)}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} disabled={busy}>
          Cancel
        </Button>
        <Button
          color="primary"
          variant="contained"
          disabled={busy || missingComment}
          onClick={confirm}
        >
          {props.confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
