import { toDot, toMermaid, type WorkflowGraphOptions, type WorkflowMap } from '@halway/map';
import { renderHtml, renderSvg } from '@halway/map/svg';

/** The formats `halway map` writes. */
export const MAP_FORMATS = ['json', 'svg', 'html', 'mermaid', 'dot'] as const;

/** One of {@link MAP_FORMATS}. */
export type MapFormat = (typeof MAP_FORMATS)[number];

/** The map in a format, as text. */
export async function renderMap(
  map: WorkflowMap,
  format: MapFormat,
  options: WorkflowGraphOptions = {},
): Promise<string> {
  switch (format) {
    case 'json':
      return `${JSON.stringify(map, null, 2)}\n`;
    case 'svg':
      return renderSvg(map, options);
    case 'html':
      return renderHtml(map, options);
    case 'mermaid':
      return toMermaid(map, options);
    case 'dot':
      return toDot(map, options);
  }
}

/** The format a file name asks for by its extension (`map.svg`), if any. */
export function formatOfFile(path: string): MapFormat | undefined {
  const extension = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  if (extension === 'mmd' || extension === 'md') return 'mermaid';
  if (extension === 'gv') return 'dot';
  return MAP_FORMATS.find((format) => format === extension);
}
