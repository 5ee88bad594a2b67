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
import { LagHistoryDialog } from './LagHistoryDialog';

/**
 * "History": opens the chart of one group's lag on one topic. Nothing is
 * asked of the backend until it is pressed, so a list of many groups costs
 * no request per row.
 */
export const LagHistoryButton = (props: { topic: string; groupId: string }) => {
  const { topic, groupId } = props;
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="small"
        color="primary"
        aria-label={`Lag history of ${groupId} on ${topic}`}
        onClick={() => setOpen(true)}
      >
        History
      </Button>
      {open && (
        <LagHistoryDialog
          topic={topic}
          groupId={groupId}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
};
