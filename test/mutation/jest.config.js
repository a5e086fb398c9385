// Jest for mutation testing (stryker.config.json): the repository's config, running the one file
// that loads every unit spec (suite.js), in the environment that keeps n8n loaded between runs.
const path = require('node:path');

const base = require('../../jest.config.js');

module.exports = {
	...base,
	rootDir: '../..',
	testMatch: ['<rootDir>/test/mutation/suite.js'],
	// An absolute path: Stryker's wrapper resolves the environment itself, without <rootDir>.
	testEnvironment: path.join(__dirname, 'environment.js'),
	setupFiles: ['<rootDir>/test/mutation/setup.js'],
};
