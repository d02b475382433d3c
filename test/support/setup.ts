// Loaded by mocha before any test file: a quiet, predictable environment and our chai plugin.
import { use } from 'chai';
import { halway } from '@halway/testing';

process.env.NODE_ENV = 'test';
use(halway);
