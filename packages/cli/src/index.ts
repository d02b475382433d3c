export { runCli } from './cli.js';
export { commands } from './commands/index.js';
export {
  defineCommand,
  GLOBAL_OPTIONS,
  type Command,
  type CommandContext,
  type GlobalOptions,
  type OptionSpec,
  type OptionValues,
} from './command.js';
export { CliError, parseUrlArgument, usageError } from './errors.js';
export { explainError } from './explain-error.js';
export { EXIT, type ExitCode } from './exit-codes.js';
export { isInteractive, processIo, type CliIo, type CliOutput } from './io.js';
export { createStyle, inert, type Style } from './output/style.js';
export { renderState, titleOf } from './output/render-state.js';
export { printJson, stateJson } from './output/state-json.js';
export { describeField, showValue } from './output/describe-field.js';
export { createCliClient } from './credentials/client.js';
export {
  configPath,
  loadCredentials,
  type Credential,
  type CredentialEntry,
  type SecretSource,
} from './credentials/config.js';
export { parseAssignments, parseVariables, type Assignments } from './values.js';
