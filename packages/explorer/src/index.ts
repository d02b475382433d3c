export { EXPLORER_PATH, explorer, type ExplorerOptions } from './explorer.js';
export { CONTENT_SECURITY_POLICY } from './content-security-policy.js';
