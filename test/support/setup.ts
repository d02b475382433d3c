// Loaded by mocha before any test file: a quiet, predictable environment for every test.
process.env.NODE_ENV = 'test';
