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
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import BlockIcon from '@material-ui/icons/Block';
import type { ConsumerDataProduct } from '../../api/consumeTypes';

/** A reader's verdict: can it read today? */
export const ReadVerdictChip = (props: { canRead: boolean }) => (
  <Chip
    size="small"
    color={props.canRead ? 'primary' : 'default'}
    icon={props.canRead ? <CheckCircleIcon /> : <BlockIcon />}
    label={props.canRead ? 'can read' : 'cannot read'}
  />
);

/**
 * One row per data product of the signed-in user: whether its app-id may
 * read the topic today, and why (the backend's words, RULES §3).
 */
export const ReadVerdictsTable = (props: {
  products: ConsumerDataProduct[];
  noDataProductReason?: string;
}) => {
  const { products, noDataProductReason } = props;
  if (products.length === 0) {
    return (
      <Typography variant="body2" data-testid="consume-no-data-product">
        {noDataProductReason ??
          'You own no data product, so none of yours can read this topic.'}
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Can your data products read this today?">
      <TableHead>
        <TableRow>
          <TableCell>Your data product</TableCell>
          <TableCell>App-id</TableCell>
          <TableCell>Today</TableCell>
          <TableCell>Why</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {products.map(product => (
          <TableRow key={product.entityRef} data-testid="consume-verdict">
            <TableCell>
              <EntityRefLink entityRef={product.entityRef} />
            </TableCell>
            <TableCell>
              <code>{product.appId}</code>
            </TableCell>
            <TableCell>
              <ReadVerdictChip canRead={product.canRead} />
            </TableCell>
            <TableCell>{product.reason}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
