/*
 * Mutation testing only (npm run test:mutation): every unit spec in one Jest test file, so a
 * mutant's run loads n8n-core and the built package once instead of once per spec file (that
 * loading alone costs ~20 s per run across the 25 files; Stryker runs the suite once per mutant).
 * Stryker's perTest coverage then runs only the tests that reach the mutant, by their full names,
 * which stay the same here. packaging.test.js runs `npm pack` and never loads the node: left out.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { loadPackage } = require('../harness/engine');

// The package's modules load here, outside any test, so Stryker sees their load-time code as
// static (run by no single test) instead of crediting it to whichever test loaded them first.
beforeAll(async () => await loadPackage());

// A mutant's run stops at its first failing test, so the transport's own spec (no sockets, no
// waits) comes first and the specs that wait seconds of real time (Retry-After, Timeouts) last.
const ORDER = ['transport.test.ts', 'inviteOutcome.test.ts', '*', 'exactlyOnce.test.ts', 'hostileServer.test.ts', 'concurrencyAndRetries.test.ts'];
const specs = path.join(__dirname, '..');
const files = fs.readdirSync(specs).filter((file) => file.endsWith('.test.ts'));
const rank = (file) => (ORDER.includes(file) ? ORDER.indexOf(file) : ORDER.indexOf('*'));
for (const file of files.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))) {
	require(path.join(specs, file));
}
