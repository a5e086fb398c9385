// `npm run release`: the one way this package reaches npm. It lints (zero findings), builds, runs
// the tests and the docs check, then publishes the packed tarball's contents with an npm provenance
// statement, which only GitHub Actions can sign (see .github/workflows/publish.yml).
//
// package.json is marked "private" so that a plain `npm publish` is refused whatever .npmrc says
// (.npmrc turns lifecycle scripts off, so a prepublishOnly guard alone would be skipped). This
// script publishes a staged copy of the package without that mark.
//
// Flags: --tag <tag> (the pushed version tag; must match package.json), --dry-run (everything but
// the upload; the only way to run it outside GitHub Actions), --guard (what prepublishOnly runs:
// always refuses, pointing here).

'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

function refuse(message) {
	console.error(`release: ${message}`);
	process.exit(1);
}

function run(command, commandArgs, options = {}) {
	console.log(`release: ${command} ${commandArgs.join(' ')}`);
	return execFileSync(command, commandArgs, { cwd: root, stdio: 'inherit', ...options });
}

if (flag('--guard')) {
	refuse('publish with `npm run release` (it lints, builds and tests first), from GitHub Actions for provenance.');
}

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const dryRun = flag('--dry-run');
const inActions = process.env.GITHUB_ACTIONS === 'true';
if (!inActions && !dryRun) {
	refuse('npm provenance can only be signed in GitHub Actions: push a version tag (see docs/development.md → Releasing), or pass --dry-run to check everything else here.');
}
const tag = option('--tag');
if (tag !== undefined && tag.replace(/^v/, '') !== pkg.version) {
	refuse(`the tag ${tag} does not match the version in package.json (${pkg.version}).`);
}

// Lint must report nothing at all: n8n-node lint exits 0 on warnings, verification does not.
const lint = execFileSync('npm', ['run', 'lint'], { cwd: root, encoding: 'utf8' });
process.stdout.write(lint);
if (/\d+ problems?/.test(lint)) refuse('the lint reported findings; fix them first.');
run('npm', ['test']);
run('npm', ['run', 'docs:check']);

// Stage exactly what `npm pack` would ship, with package.json ready for the registry.
const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-xobin-release-'));
const [packed] = JSON.parse(
	execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', stage], { cwd: root, encoding: 'utf8' }),
);
run('tar', ['-xzf', path.join(stage, packed.filename), '-C', stage]);
const staged = path.join(stage, 'package');
const manifest = JSON.parse(fs.readFileSync(path.join(staged, 'package.json'), 'utf8'));
delete manifest.private;
delete manifest.scripts;
delete manifest.devDependencies;
fs.writeFileSync(path.join(staged, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`release: staged ${packed.files.length} files (${packed.size} bytes packed) in ${staged}`);

const publishArgs = ['publish', staged, '--access', 'public', '--ignore-scripts'];
if (inActions) publishArgs.push('--provenance');
if (dryRun) publishArgs.push('--dry-run');
run('npm', publishArgs);
