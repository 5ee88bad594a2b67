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
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { backendMessage } from './backendMessage';
import { AccessRequestCreated, specmeshApiRef } from '../../api';
import { OwnDataProduct } from './useAccessRequests';

/** What the backend's answer means, in words for the person who asked. */
export function outcomeMessage(created: AccessRequestCreated): string {
  switch (created.outcome) {
    case 'created':
      return 'Request sent. The owners of the topic decide; its state shows on your data product’s Access tab.';
    case 'merged':
      return 'A request is already pending for this data product and topic; nothing new was sent.';
    case 'already-granted':
      return 'Your data product may already read this topic: nothing to ask for.';
    default:
      return created.message ?? 'Done.';
  }
}

/**
 * Asks for READ on one topic: for which of the user's data products, and
 * why (the owners read the reason). Shows the backend's answer or its error.
 */
export const RequestAccessDialog = (props: {
  topic: string;
  /** The user's data products that may ask (the topic's owner left out). */
  candidates: OwnDataProduct[];
  /** Preselected, e.g. the data product whose page this is. */
  requesterEntityRef?: string;
  onClose: (sent: boolean) => void;
}) => {
  const { topic, candidates, onClose } = props;
  const specmeshApi = useApi(specmeshApiRef);
  const [requester, setRequester] = useState(
    props.requesterEntityRef ?? candidates[0]?.entityRef ?? '',
  );
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AccessRequestCreated>();
  const [error, setError] = useState<Error>();

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setResult(
        await specmeshApi.requestAccess({
          topic,
          requesterEntityRef: requester,
          reason: reason.trim(),
        }),
      );
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  const canSubmit =
    !busy && !result && requester !== '' && reason.trim() !== '';
  return (
    <Dialog open onClose={() => onClose(!!result)} fullWidth maxWidth="sm">
      <DialogTitle>Request read access</DialogTitle>
      <DialogContent>
        <Typography variant="body2" paragraph>
          Ask the owners of <strong>{topic}</strong> to let one of your data
          products read it. An approval adds a grant to their spec; the cluster
          follows once the change is applied.
        </Typography>
        {candidates.length === 0 ? (
          <Typography variant="body2" role="status">
            None of your groups owns a data product that could read this topic,
            so there is nothing to ask for.
          </Typography>
        ) : (
          <>
            <TextField
              select
              fullWidth
              margin="normal"
              id="access-request-requester"
              label="For your data product"
              value={requester}
              onChange={e => setRequester(e.target.value)}
              disabled={!!result}
            >
              {candidates.map(product => (
                <MenuItem key={product.entityRef} value={product.entityRef}>
                  {product.title} ({product.appId})
                </MenuItem>
              ))}
            </TextField>
            <TextField
              fullWidth
              multiline
              minRows={3}
              margin="normal"
              required
              id="access-request-reason"
              label="Reason"
              helperText="Why your data product needs to read it; the owners see this."
              value={reason}
              onChange={e => setReason(e.target.value)}
              inputProps={{ maxLength: 2000 }}
              disabled={!!result}
            />
          </>
        )}
        {result && (
          <Typography variant="body2" role="status">
            {outcomeMessage(result)}
          </Typography>
        )}
        {error && (
          <Typography variant="body2" color="error" role="alert">
            {backendMessage(error)}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose(!!result)}>
          {result ? 'Close' : 'Cancel'}
        </Button>
        {!result && candidates.length > 0 && (
          <Button
            color="primary"
            variant="contained"
            disabled={!canSubmit}
            onClick={submit}
          >
            Send request
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
};
