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
import { CodeSnippet } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import type { ConsumeInfo, ConsumeSchema } from '../../api/consumeTypes';
import { AccessLevelChip } from '../SpecmeshTopicsContent/AccessLevelChip';
import { LabelledField } from '../shared/LabelledField';

const Fact = LabelledField;

/** The schema's text, indented when it is JSON (Avro and JSON Schema are). */
export function displaySchemaText(schema: ConsumeSchema): string {
  if (schema.schemaType === 'PROTOBUF') return schema.schema;
  try {
    return JSON.stringify(JSON.parse(schema.schema), null, 2);
  } catch {
    return schema.schema;
  }
}

const SchemaFact = (props: { label: string; schema: ConsumeSchema }) => {
  const { label, schema } = props;
  return (
    <Fact label={label} wide>
      <span data-testid="consume-schema-subject">
        <code>{schema.subject}</code>, version {schema.version} (
        {schema.schemaType})
      </span>
      <div data-testid="consume-schema-text">
        <CodeSnippet
          text={displaySchemaText(schema)}
          language={schema.schemaType === 'PROTOBUF' ? 'protobuf' : 'json'}
          showCopyCodeButton
        />
      </div>
    </Fact>
  );
};

function securityOf(info: ConsumeInfo): string {
  return info.saslMechanism
    ? `${info.securityProtocol}, SASL ${info.saslMechanism}`
    : info.securityProtocol;
}

/** Where the topic lives and what its records look like. */
export const ConsumeFacts = (props: { info: ConsumeInfo }) => {
  const { info } = props;
  return (
    <Grid container spacing={2}>
      <Fact label="Topic" wide>
        <code style={{ overflowWrap: 'anywhere' }}>{info.topic}</code>
      </Fact>
      <Fact label="Bootstrap servers" wide>
        <code data-testid="consume-bootstrap-servers">
          {info.bootstrapServers.join(',')}
        </code>
      </Fact>
      <Fact label="Security">{securityOf(info)}</Fact>
      <Fact label="Access">
        <AccessLevelChip access={info.accessLevel} />
      </Fact>
      <Fact label="Data product">
        <EntityRefLink entityRef={info.ownerEntityRef} />
      </Fact>
      <Fact label="Cluster">{info.cluster}</Fact>
      {info.schemaRegistryUrl && (info.schema || info.keySchema) && (
        <Fact label="Schema registry" wide>
          <code style={{ overflowWrap: 'anywhere' }}>
            {info.schemaRegistryUrl}
          </code>
        </Fact>
      )}
      {info.schema && <SchemaFact label="Value schema" schema={info.schema} />}
      {info.keySchema && (
        <SchemaFact label="Key schema" schema={info.keySchema} />
      )}
      {!info.schema && !info.keySchema && info.schemaNotes.length === 0 && (
        <Fact label="Schema" wide>
          The spec declares no schema for this topic: its records are read as
          plain bytes or strings.
        </Fact>
      )}
      {info.schemaNotes.map(note => (
        <Fact key={note} label="Schema" wide>
          {note}
        </Fact>
      ))}
    </Grid>
  );
};
