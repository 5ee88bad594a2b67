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
import { makeStyles } from '@material-ui/core/styles';
import type { DecodedPayload } from '../../api';
import { describeFormat, payloadText } from './payloadText';

const useStyles = makeStyles(theme => ({
  pre: {
    margin: 0,
    padding: theme.spacing(1),
    maxHeight: 320,
    overflow: 'auto',
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    fontSize: '0.8rem',
    background: theme.palette.background.default,
    borderRadius: theme.shape.borderRadius,
  },
}));

/** A key, value or header: its format, why decoding fell back if it did, and its text. */
export const PayloadView = (props: {
  label: string;
  payload: DecodedPayload | null;
}) => {
  const classes = useStyles();
  const { label, payload } = props;
  return (
    <div>
      <Typography variant="caption" color="textSecondary" component="div">
        {label}
        {payload ? ` (${describeFormat(payload)})` : ': null'}
      </Typography>
      {payload?.error && (
        <Typography variant="caption" color="error" component="div">
          Not decoded: {payload.error}
        </Typography>
      )}
      {payload && (
        <pre
          className={classes.pre}
          data-testid={`payload-${label.toLowerCase()}`}
        >
          {payloadText(payload)}
        </pre>
      )}
    </div>
  );
};
