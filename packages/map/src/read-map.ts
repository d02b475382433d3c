import { MAP_FORMAT, type WorkflowMap } from './model.js';

/**
 * Checks that parsed JSON is a map this version reads (`format` and `version`, and the lists a
 * map has) and returns it typed. Throws a `TypeError` saying what is missing otherwise.
 */
export function readMap(value: unknown): WorkflowMap {
  if (typeof value !== 'object' || value === null)
    throw new TypeError('readMap(): a map is a JSON object');
  const map = value as Partial<WorkflowMap>;
  if (map.format !== MAP_FORMAT.format)
    throw new TypeError(`readMap(): "format" is not "${MAP_FORMAT.format}"`);
  if (map.version !== MAP_FORMAT.version)
    throw new TypeError(`readMap(): version ${String(map.version)} is not ${MAP_FORMAT.version}`);
  for (const key of ['services', 'kinds', 'states', 'transitions'] as const) {
    if (!Array.isArray(map[key])) throw new TypeError(`readMap(): "${key}" is not a list`);
  }
  return map as WorkflowMap;
}
