import { expect } from 'chai';
import { layoutColumns } from '@halway/map/layout';
import { trailMap } from '../../../packages/explorer/app/trail/trail-map.js';
import {
  addHop,
  emptyTrail,
  moveTo,
  type Trail,
} from '../../../packages/explorer/app/trail/trail.js';

const ORDERS = 'http://orders.test';
const PAYMENTS = 'http://payments.test';

function walk(): Trail {
  let trail = emptyTrail();
  for (const [url, label, method] of [
    [`${ORDERS}/`, 'open', 'GET'],
    [`${ORDERS}/`, 'place-order', 'POST'],
    [`${ORDERS}/orders/1`, 'location', 'GET'],
    [`${PAYMENTS}/payments?order=1`, 'payment', 'GET'],
    [`${PAYMENTS}/payments?order=1`, 'pay', 'POST'],
    [`${ORDERS}/orders/1`, 'order', 'GET'],
  ] as const) {
    trail = addHop(trail, { url, label, method, status: 200 });
  }
  return trail;
}

describe('trailMap', () => {
  it('should draw one box per service crossed and one node per resource, in order', () => {
    const { graph, current, origins } = trailMap(walk());
    expect(graph.clusters.map((cluster) => cluster.service)).to.deep.equal([
      'orders.test',
      'payments.test',
    ]);
    expect(graph.clusters.map((cluster) => cluster.nodes.map((node) => node.label))).to.deep.equal([
      ['/', '/orders/1'],
      ['/payments?order=1'],
    ]);
    expect(origins.get('payments.test')).to.equal(PAYMENTS);
    expect(current).to.equal(graph.clusters[0]!.nodes[1]!.id);
  });

  it('should join a form and the Location it led to into one unsafe step', () => {
    const { graph } = trailMap(walk());
    const steps = graph.edges.map((edge) => `${edge.label}:${edge.style}`);
    expect(steps).to.deep.equal(['place-order:unsafe', 'payment:safe', 'pay:unsafe', 'order:safe']);
    const [home, order] = graph.clusters[0]!.nodes.map((node) => node.id);
    expect(graph.edges[0]).to.include({ from: home, to: order });
  });

  it('should leave out the hops ahead of the current one, and lay out every edge it keeps', () => {
    const back = trailMap(moveTo(walk(), 2));
    expect(back.graph.clusters).to.have.length(1);
    expect(back.graph.edges.map((edge) => edge.label)).to.deep.equal(['place-order']);
    const layout = layoutColumns(trailMap(walk()).graph);
    expect(layout.edges).to.have.length(4);
    expect(layout.clusters[1]!.x).to.be.greaterThan(
      layout.clusters[0]!.x + layout.clusters[0]!.width,
    );
    expect(layout.edges.every((edge) => /^M[\d.]+,[\d.]+ C/.test(edge.path))).to.equal(true);
  });
});
