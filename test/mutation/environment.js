/*
 * Jest environment for mutation testing only (npm run test:mutation, Stryker). Three things make a
 * run per mutant affordable on a small machine:
 *  - n8n-core and n8n-workflow are loaded once per Stryker worker, natively, instead of once per
 *    run inside Jest's module registry (~2,000 modules, about 4 s a run); setup.js hands them to
 *    the specs. The built package is re-required for each run (its cache entries are dropped), so
 *    every run sees the mutant Stryker activated, and it shares Stryker's instrumenter context.
 *  - A mutant run stops at its first failing test (Jest cannot bail programmatically).
 *  - A few specs are skipped (SKIPPED below): three wait many seconds of wall-clock time (the code
 *    they exercise is covered by fast specs too), one cannot see arrays across realms.
 */
'use strict';

const path = require('node:path');
const { TestEnvironment } = require('jest-environment-node');

const root = path.resolve(__dirname, '..', '..');
const coreDir = path.dirname(require.resolve('n8n-core/package.json'));
const nativeModules = {};
for (const id of ['n8n-core', 'n8n-workflow']) nativeModules[id] = require(id);
for (const id of ['@n8n/di', '@n8n/backend-common']) {
	nativeModules[require.resolve(id, { paths: [coreDir] })] = require(require.resolve(id, { paths: [coreDir] }));
}

const SKIPPED = [
	// ~120 s: the run-wide 2-minute window under a 429 that never ends.
	'under a 429 that never ends the whole run gives up about 2 minutes after its last success',
	// ~17 s: six tries at a closed port, with backoff.
	'nothing listening at the Base URL: could not reach Xobin, nothing was sent',
	// ~10 s: pages until the page cap (Track, not mutated here).
	'a server that always says has_next stops at the page cap with a clear error',
	// expect.any(Array) is an instanceof check, and with n8n loaded natively its arrays come from
	// another realm (Get Report, not mutated here).
	'with Simplify off returns the whole report, summary, skill scores and conversation included',
];

const distDir = path.join(root, 'dist') + path.sep;

class MutationEnvironment extends TestEnvironment {
	constructor(config, context) {
		super(config, context);
		this.global.__nativeModules = nativeModules;
		this.failed = false;
	}

	async setup() {
		await super.setup();
		// The built package, loaded natively by n8n-core's loader: fresh for each run, and reporting
		// to the same instrumenter context (coverage per test, the active mutant) as the specs.
		for (const file of Object.keys(require.cache)) if (file.startsWith(distDir)) delete require.cache[file];
		if (this.global.__stryker__) globalThis.__stryker__ = this.global.__stryker__;
	}

	async handleTestEvent(event) {
		if (event.name === 'test_start') {
			const mutantRun = process.env.__STRYKER_ACTIVE_MUTANT__ !== undefined;
			if (SKIPPED.some((name) => event.test.name.includes(name)) || (mutantRun && this.failed)) {
				event.test.mode = 'skip';
			}
		} else if (event.name === 'test_done' && event.test.errors.length > 0) {
			this.failed = true;
		}
	}
}

module.exports = MutationEnvironment;
