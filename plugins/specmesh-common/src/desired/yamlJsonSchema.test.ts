import { computeDesiredState } from './computeDesiredState';

const spec = {
  asyncapi: '2.6.0',
  id: 'urn:acme.shop',
  info: { title: 'Shop', version: '1.0.0' },
  channels: {
    '_private.checkout': {
      publish: { message: { payload: { $ref: '/schema/checkout.yml' } } },
    },
    '_public.catalog': {
      publish: { message: { payload: { $ref: '/schema/catalog.json' } } },
    },
  },
};

const checkoutYaml = `type: object
title: Checkout
properties:
  basket_value:
    type: number
`;
const catalogJson = '{ "type": "object", "title": "Catalog" }\n';

describe('schema text to register', () => {
  const { state, problems } = computeDesiredState(spec, {
    file: 'asyncapi.yaml',
    schemaFiles: {
      '/schema/checkout.yml': checkoutYaml,
      '/schema/catalog.json': catalogJson,
    },
  });

  it('registers a JSON Schema written in YAML as its JSON equivalent', () => {
    expect(problems.filter(p => p.severity === 'error')).toEqual([]);
    const checkout = state!.schemas.find(s => s.subject.includes('checkout'));
    expect(checkout?.schemaType).toBe('JSON');
    expect(JSON.parse(checkout!.schema!)).toEqual({
      type: 'object',
      title: 'Checkout',
      properties: { basket_value: { type: 'number' } },
    });
  });

  it('registers a JSON file as written', () => {
    const catalog = state!.schemas.find(s => s.subject.includes('catalog'));
    expect(catalog?.schema).toBe(catalogJson);
  });
});
