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

const specs = path.join(__dirname, '..');
for (const file of fs.readdirSync(specs).sort()) {
	if (file.endsWith('.test.ts')) require(path.join(specs, file));
}
