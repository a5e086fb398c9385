// What users install: `npm pack` must ship only dist/, README, LICENSE and package.json, and
// package.json must follow n8n's community-package rules (verification refuses the rest).
// JavaScript, not TypeScript: it runs npm, and the n8n lint forbids Node built-ins in .ts files.

const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
const pkg = require('../package.json');

describe('the published package', () => {
	test('npm pack ships only dist/, README.md, LICENSE and package.json', () => {
		const [report] = JSON.parse(
			execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }),
		);
		const files = report.files.map((file) => file.path);
		const outside = files.filter(
			(file) => !file.startsWith('dist/') && !['README.md', 'LICENSE', 'package.json'].includes(file),
		);
		expect(outside).toEqual([]);
		expect(files).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json']));
		for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(files).toContain(entry);
		expect(files).toEqual(expect.arrayContaining(['dist/nodes/Xobin/Xobin.node.json', 'dist/icons/xobin.svg', 'dist/icons/xobin.dark.svg']));
		expect(files.some((file) => /test|mock|fixture|\.ts$/.test(file) && !file.endsWith('.d.ts'))).toBe(false);
	});

	test('package.json follows n8n community-package rules', () => {
		expect(pkg.name).toMatch(/^n8n-nodes-/);
		expect(pkg.license).toBe('MIT');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.n8n).toEqual(expect.objectContaining({ n8nNodesApiVersion: 1, strict: true }));
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.overrides).toBeUndefined();
		const lifecycle = ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish', 'preprepare', 'postprepare'];
		expect(Object.keys(pkg.scripts).filter((name) => lifecycle.includes(name))).toEqual([]);
	});
});
