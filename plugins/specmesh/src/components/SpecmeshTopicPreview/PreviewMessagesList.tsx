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
import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';
import type { PreviewMessage } from '../../api';
import { formatBytes } from '../shared';
import { PayloadView } from './PayloadView';

const MessageView = (props: { message: PreviewMessage }) => {
  const { message } = props;
  return (
    <Box py={1} data-testid="preview-message">
      <Typography variant="subtitle2" component="div">
        Partition {message.partition} · offset {message.offset} ·{' '}
        {new Date(message.timestamp).toISOString()} ·{' '}
        {formatBytes(message.sizeBytes)}
      </Typography>
      <PayloadView label="Key" payload={message.key} />
      <PayloadView label="Value" payload={message.value} />
      {message.headers.length > 0 && (
        <Box mt={1}>
          <Typography variant="caption" color="textSecondary" component="div">
            Headers
          </Typography>
          {message.headers.map((header, i) => (
            <PayloadView
              key={`${header.key}-${i}`}
              label={`Header ${header.key}`}
              payload={header.value}
            />
          ))}
        </Box>
      )}
    </Box>
  );
};

/** The messages of a preview, newest first, as the backend ordered them. */
export const PreviewMessagesList = (props: { messages: PreviewMessage[] }) => (
  <>
    {props.messages.map((message, i) => (
      <div key={`${message.partition}-${message.offset}`}>
        {i > 0 && <Divider />}
        <MessageView message={message} />
      </div>
    ))}
  </>
);
