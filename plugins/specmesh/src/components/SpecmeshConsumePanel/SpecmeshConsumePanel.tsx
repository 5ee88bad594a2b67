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
import { Progress, WarningPanel } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { specmeshApiRef } from '../../api';
import type { ConsumeInfo } from '../../api/consumeTypes';
import { SpecmeshErrorPanel } from '../shared';
import { ClientSettingsTabs } from './ClientSettingsTabs';
import { ConsumeFacts } from './ConsumeFacts';
import { ReadVerdictsTable } from './ReadVerdictsTable';

/** The panel's content for an answer of the backend. */
export const ConsumeInfoView = (props: { info: ConsumeInfo }) => {
  const { info } = props;
  return (
    <Box data-testid="consume-panel">
      <ConsumeFacts info={info} />
      <Box mt={3}>
        <Typography variant="h6" component="h3">
          Can your data products read this today?
        </Typography>
        <ReadVerdictsTable
          products={info.yourDataProducts}
          noDataProductReason={info.noDataProductReason}
        />
      </Box>
      <Box mt={3}>
        <Typography variant="h6" component="h3">
          Client settings
        </Typography>
        <ClientSettingsTabs
          products={info.yourDataProducts}
          generic={info.clientSettings}
        />
      </Box>
    </Box>
  );
};

/**
 * How to consume a topic: bootstrap servers, schema, the group and
 * transactional-id prefix, copy-ready client settings (secrets as
 * placeholders), and whether the signed-in user's data products may read it.
 *
 * @public
 */
export const SpecmeshConsumePanel = (props: { topic: string }) => {
  const specmeshApi = useApi(specmeshApiRef);
  const { value, loading, error } = useAsync(
    () => specmeshApi.getConsumeInfo(props.topic),
    [specmeshApi, props.topic],
  );
  if (loading) return <Progress />;
  if (error instanceof ResponseError && error.statusCode === 404) {
    // The backend says which topic no data product of theirs owns.
    return (
      <WarningPanel
        severity="info"
        title="No data product you may see owns this topic"
        message={error.cause?.message ?? error.message}
      />
    );
  }
  if (error) {
    return (
      <SpecmeshErrorPanel
        error={error}
        what={`show how to consume ${props.topic}`}
      />
    );
  }
  return value ? <ConsumeInfoView info={value} /> : null;
};
