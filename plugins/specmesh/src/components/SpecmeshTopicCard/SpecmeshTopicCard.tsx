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
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  EntityRefLink,
  EntityRefLinks,
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { MESHPORT_TOPIC_ANNOTATION } from '@meshport/plugin-specmesh-common';
import useAsync from 'react-use/esm/useAsync';
import { specmeshApiRef, StatusItem } from '../../api';
import {
  describeReaders,
  SchemaSubjectsList,
  SpecmeshErrorPanel,
} from '../shared';
import { TopicEntry, topicEntryOf } from '../shared/topicEntry';
import { lastDays } from '../SpecmeshCostContent/costSummary';
import { AccessLevelChip } from '../SpecmeshTopicsContent/AccessLevelChip';
import { TopicStatusCell } from '../SpecmeshTopicsContent/TopicStatusCell';
import { TopicCostField } from './TopicCostField';
import { TopicConsumeDialog } from '../SpecmeshConsumePanel/TopicConsumeDialog';
import { LabelledField } from '../shared/LabelledField';
import { TopicReadersLagField } from '../SpecmeshLag/TopicReadersLagField';
import { TopicPreviewAction } from '../SpecmeshTopicPreview';

const COST_DAYS = 30;

const Field = LabelledField;

/** The data product's live status, narrowed to this topic and its subjects. */
function useTopicStatus(facts: TopicEntry) {
  const specmeshApi = useApi(specmeshApiRef);
  return useAsync(async () => {
    // Without the owning data product there is no spec to compare with.
    if (!facts.dataProductRef) return undefined;
    const status = await specmeshApi.getStatus(
      parseEntityRef(facts.dataProductRef),
    );
    const find = (kind: StatusItem['kind'], key: string) =>
      status.items.find(item => item.kind === kind && item.key === key);
    return {
      topic: find('topic', facts.topic),
      bySubject: new Map(
        facts.schemaSubjects.flatMap(subject => {
          const item = find('schema', subject);
          return item ? [[subject, item] as const] : [];
        }),
      ),
    };
  }, [
    specmeshApi,
    facts.dataProductRef,
    facts.topic,
    facts.schemaSubjects.join(),
  ]);
}

const TopicCardBody = (props: { facts: TopicEntry; entityRef: string }) => {
  const { facts } = props;
  const status = useTopicStatus(facts);
  return (
    <Grid container spacing={2}>
      <Field label="Topic" wide>
        <code style={{ overflowWrap: 'anywhere' }}>{facts.topic}</code>
      </Field>
      <Field label="How to consume">
        <TopicConsumeDialog topic={facts.topic} />
      </Field>
      <Field label="Messages">
        <TopicPreviewAction
          topic={facts.topic}
          topicEntityRef={props.entityRef}
          partitions={facts.partitions ?? null}
        />
      </Field>
      <Field label="Live status">
        {facts.dataProductRef ? (
          <TopicStatusCell
            item={status.value?.topic}
            loading={status.loading}
          />
        ) : (
          'no data product in the catalog owns it'
        )}
      </Field>
      <Field label="Data product">
        {facts.dataProductRef ? (
          <EntityRefLink entityRef={facts.dataProductRef} />
        ) : (
          facts.appId ?? 'unknown'
        )}
      </Field>
      <Field label="Owner">
        {facts.ownerRef ? (
          <EntityRefLink entityRef={facts.ownerRef} />
        ) : (
          'unknown'
        )}
      </Field>
      <Field label="App-id">{facts.appId ?? 'unknown'}</Field>
      <Field label="Access">
        {facts.access ? <AccessLevelChip access={facts.access} /> : 'unknown'}
      </Field>
      <Field label="Who can read">
        {facts.access
          ? describeReaders(facts.access, facts.grantees)
          : 'unknown'}
      </Field>
      <Field label="Grantees">
        {facts.grantees.length ? facts.grantees.join(', ') : 'none'}
      </Field>
      <Field label="Consumers in the catalog">
        {facts.consumerRefs.length ? (
          <EntityRefLinks entityRefs={facts.consumerRefs} defaultKind="api" />
        ) : (
          'no data product in the catalog reads it'
        )}
      </Field>
      <Field label="Readers and lag" wide>
        <TopicReadersLagField
          dataProductRef={facts.dataProductRef}
          topic={facts.topic}
        />
      </Field>
      <Field label="Schema" wide>
        <SchemaSubjectsList
          schemas={facts.schemaSubjects.map(subject => ({ subject }))}
          statusBySubject={status.value?.bySubject}
          loading={status.loading}
        />
      </Field>
      <Field label="Partitions">{facts.partitions ?? 'cluster default'}</Field>
      <Field label="Replicas">{facts.replicas ?? 'cluster default'}</Field>
      <Field label={`Cost, last ${COST_DAYS} days`} wide>
        <TopicCostField
          topic={facts.topic}
          range={lastDays(COST_DAYS, new Date())}
        />
      </Field>
      {status.error && (
        <Grid item xs={12}>
          <SpecmeshErrorPanel error={status.error} what="see the live status" />
        </Grid>
      )}
    </Grid>
  );
};

/**
 * The card of a `kafka-topic` Resource entity: owner, access, grantees,
 * consumers and their lag, schema, cost, and a preview of its messages.
 */
export const SpecmeshTopicCard = () => {
  const { entity } = useEntity();
  const facts = entity.metadata.annotations?.[MESHPORT_TOPIC_ANNOTATION]
    ? topicEntryOf(entity)
    : undefined;
  return (
    <InfoCard title="Kafka topic">
      {facts ? (
        <TopicCardBody facts={facts} entityRef={stringifyEntityRef(entity)} />
      ) : (
        <MissingAnnotationEmptyState annotation={MESHPORT_TOPIC_ANNOTATION} />
      )}
    </InfoCard>
  );
};
