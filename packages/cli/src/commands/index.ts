import type { Command } from '../command.js';
import { diff } from './diff.js';
import { follow } from './follow.js';
import { map } from './map.js';
import { create } from './new.js';
import { get } from './get.js';
import { submit } from './submit.js';

/** Every command of `halway`, in the order `--help` lists them. Adding one: a file and a line. */
export const commands: readonly Command[] = [get, follow, submit, map, diff, create];
