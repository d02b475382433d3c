// The explorer's entry point: reads what the server put in the page and starts.
import { Explorer } from './explorer.js';

const root = document.getElementById('explorer');
const meta = (name: string) =>
  document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content ?? '';

if (root) {
  const explorer = new Explorer({
    root,
    peers: meta('halway-explorer-peers').split(' ').filter(Boolean),
    serviceName: meta('halway-explorer-service'),
  });
  void explorer.start();
}
