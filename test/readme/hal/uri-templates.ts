import {
  expandUriTemplate,
  formatLinkHeader,
  parseLinkHeader,
  uriTemplateVariables,
} from '@halway/hal';

export const expanded = expandUriTemplate('/orders{?status,page}', { status: 'paid' }); // '/orders?status=paid'
export const variables = uriTemplateVariables('/orders/{id}{?fields*}'); // ['id', 'fields']
export const next = parseLinkHeader('</orders?page=2>; rel="next"', 'http://shop.example/orders'); // resolved links
export const header = formatLinkHeader([{ href: '/orders/17', rel: 'invalidates' }]); // '</orders/17>; rel=invalidates'
