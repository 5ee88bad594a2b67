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
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { specmeshApiRef } from '../../api';
import { SpecmeshErrorPanel } from '../shared';
import { SpecmeshConsumePanel } from './SpecmeshConsumePanel';

/** Readable topics first: public, then protected, private last. */
const ACCESS_ORDER = { public: 0, protected: 1, private: 2 } as const;

/**
 * "How to consume" on a data product's page: one of its topics at a time
 * (public ones first), with the {@link SpecmeshConsumePanel} for it.
 *
 * @public
 */
export const SpecmeshConsumeCard = () => {
  const { entity } = useEntity();
  const specmeshApi = useApi(specmeshApiRef);
  const desired = useAsync(
    () => specmeshApi.getDesiredState(getCompoundEntityRef(entity)),
    [specmeshApi, entity],
  );
  const topics = [...(desired.value?.state?.topics ?? [])].sort(
    (a, b) =>
      ACCESS_ORDER[a.access] - ACCESS_ORDER[b.access] ||
      a.name.localeCompare(b.name),
  );
  const [chosen, setChosen] = useState<string>();
  const topic = topics.find(t => t.name === chosen)?.name ?? topics[0]?.name;

  let body;
  if (desired.loading) body = <Progress />;
  else if (desired.error) {
    body = (
      <SpecmeshErrorPanel
        error={desired.error}
        what="read this data product's topics"
      />
    );
  } else if (!topic) {
    body = (
      <Typography variant="body2">
        This data product declares no topic
        {desired.value?.state ? '' : ' (its spec has errors)'}: there is nothing
        to consume.
      </Typography>
    );
  } else {
    body = (
      <>
        <TextField
          select
          size="small"
          label="Topic"
          value={topic}
          onChange={event => setChosen(event.target.value)}
          fullWidth
          style={{ marginBottom: 16 }}
          inputProps={{ 'data-testid': 'consume-topic-select' }}
        >
          {topics.map(t => (
            <MenuItem key={t.name} value={t.name}>
              {t.name}
            </MenuItem>
          ))}
        </TextField>
        <SpecmeshConsumePanel topic={topic} />
      </>
    );
  }
  return <InfoCard title="How to consume">{body}</InfoCard>;
};
