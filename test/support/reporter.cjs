// Mocha's spec reporter, plus the run's totals written as JSON to $MOCHA_RESULTS_FILE so that
// .ci/run can print "N passed, N failed" from the real results.
'use strict';
const fs = require('node:fs');
const { Spec } = require('mocha').reporters;

class HalwayReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    const file = process.env.MOCHA_RESULTS_FILE;
    if (!file) return;
    runner.once('end', () => {
      const failures = this.failures.map((test) => ({
        title: test.fullTitle(),
        error: String(test.err && test.err.message),
      }));
      fs.writeFileSync(file, JSON.stringify({ stats: this.stats, failures }, null, 2));
    });
  }
}

module.exports = HalwayReporter;
