import type { WorkflowMap } from './model.js';

/**
 * The part of a map reachable from one transition: every transition named `name` (a rel or a
 * form), and everything that can happen after it. States and kinds not touched are dropped, as
 * are services with nothing left. Throws a `RangeError` naming the transitions there are when
 * none is called `name`.
 *
 * @example
 * const order = reachableFrom(map, 'place-order'); // the order's life, not the menu
 */
export function reachableFrom(map: WorkflowMap, name: string): WorkflowMap {
  const starts = map.transitions.filter((transition) => transition.name === name);
  if (starts.length === 0) {
    const names = [...new Set(map.transitions.map((transition) => transition.name))].sort();
    throw new RangeError(`No transition is called "${name}". There are: ${names.join(', ')}.`);
  }
  const kept = new Set(starts.map((transition) => transition.id));
  const reached = new Set<string>();
  const queue = starts.flatMap((transition) => (transition.to ? [transition.to] : []));
  for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
    if (reached.has(node)) continue;
    reached.add(node);
    for (const transition of map.transitions) {
      if (transition.from !== node) continue;
      kept.add(transition.id);
      if (transition.to && !reached.has(transition.to)) queue.push(transition.to);
    }
  }
  const transitions = map.transitions.filter((transition) => kept.has(transition.id));
  const touched = new Set(transitions.flatMap((t) => [t.from, ...(t.to ? [t.to] : [])]));
  const states = map.states.filter((state) => touched.has(state.id));
  const services = new Set([
    ...states.map((state) => state.service),
    ...transitions.map((transition) => transition.service),
  ]);
  return {
    ...map,
    services: map.services.filter((service) => services.has(service.id)),
    states,
    transitions,
  };
}
