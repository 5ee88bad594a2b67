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
import type { StatusItem } from '../../api';
import { describeSchemaVersion } from './schemaVersion';

/** A subject of a topic, with the schema type when the spec tells it. */
export interface SchemaSubjectEntry {
  subject: string;
  schemaType?: string;
}

/** The subjects of a topic, each with its latest registered version. */
export const SchemaSubjectsList = (props: {
  schemas: readonly SchemaSubjectEntry[];
  statusBySubject?: ReadonlyMap<string, StatusItem>;
  loading: boolean;
}) => {
  if (props.schemas.length === 0) {
    return <Typography variant="body2">no schema</Typography>;
  }
  return (
    <>
      {props.schemas.map(({ subject, schemaType }) => (
        <Typography key={subject} variant="body2" component="div">
          <code>{subject}</code>
          {schemaType ? ` (${schemaType})` : ''}:{' '}
          {describeSchemaVersion(
            props.statusBySubject?.get(subject),
            props.loading,
          )}
        </Typography>
      ))}
    </>
  );
};
