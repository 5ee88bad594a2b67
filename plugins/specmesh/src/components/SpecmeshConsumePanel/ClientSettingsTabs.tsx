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
import { CodeSnippet } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type {
  ConsumerClientSettings,
  ConsumerDataProduct,
} from '../../api/consumeTypes';

const FORMATS = [
  { key: 'javaProperties', label: 'Java properties', language: 'properties' },
  { key: 'kafkajs', label: 'kafkajs', language: 'javascript' },
] as const;

/**
 * Copy-ready client settings in tabs, for one of the user's data products
 * (chosen when there are several) or, without one, with an `<app-id>`
 * placeholder. Secrets are placeholders: the backend never sends them.
 */
export const ClientSettingsTabs = (props: {
  products: ConsumerDataProduct[];
  generic: ConsumerClientSettings;
}) => {
  const { products, generic } = props;
  const [format, setFormat] = useState(0);
  const [chosenRef, setChosenRef] = useState(products[0]?.entityRef);
  const chosen =
    products.find(product => product.entityRef === chosenRef) ?? products[0];
  const settings = chosen?.clientSettings ?? generic;
  const { key, language } = FORMATS[format];
  return (
    <Box>
      {products.length > 1 && (
        <TextField
          select
          size="small"
          label="Read as"
          value={chosen?.entityRef ?? ''}
          onChange={event => setChosenRef(event.target.value)}
          style={{ minWidth: 280, marginBottom: 8 }}
        >
          {products.map(product => (
            <MenuItem key={product.entityRef} value={product.entityRef}>
              {product.appId}
            </MenuItem>
          ))}
        </TextField>
      )}
      <Typography variant="body2" data-testid="consume-prefix">
        Consumer group ids and transactional ids must start with{' '}
        <code>{settings.groupPrefix}</code>
        {chosen ? '' : ' (your data product’s app-id)'}.
      </Typography>
      <Tabs
        value={format}
        onChange={(_event, value) => setFormat(value)}
        indicatorColor="primary"
        aria-label="Client settings"
      >
        {FORMATS.map(entry => (
          <Tab key={entry.key} label={entry.label} />
        ))}
      </Tabs>
      <Box data-testid={`consume-settings-${key}`}>
        <CodeSnippet
          text={settings[key]}
          language={language}
          showCopyCodeButton
        />
      </Box>
      <Typography variant="caption" color="textSecondary">
        Secrets are placeholders (&lt;username&gt;, &lt;password&gt;): use your
        data product’s own credentials.
      </Typography>
    </Box>
  );
};
