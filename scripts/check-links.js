// `npm run docs:check` (after the field tables): every link in the Markdown files (README.md,
// docs/*.md, test/mock-xobin/README.md) resolves, offline. A relative link must name a file or
// folder of the repository, an image a file, and a #anchor a heading of the target page, with
// GitHub's heading slugs (lower case, punctuation dropped, spaces to '-', repeats get -1, -2, …).
// Links to this repository on github.com (the codex files' and the credential's documentation
// URLs, package.json's homepage) are resolved the same way; other http(s) links must be well-formed
// URLs and are not fetched. Exits 1 listing every broken link as file:line.

'use strict';

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const REPO_URL = 'https://github.com/xobin/n8n-nodes-xobin';

/** The Markdown files checked: the README, everything in docs/, the mock server's README. */
function markdownFiles() {
	const docs = fs
		.readdirSync(path.join(ROOT, 'docs'))
		.filter((name) => name.endsWith('.md'))
		.map((name) => `docs/${name}`);
	return ['README.md', ...docs, 'test/mock-xobin/README.md'];
}

/** Files that name documentation pages of this repository by URL. */
function urlFiles() {
	const codex = fs
		.readdirSync(path.join(ROOT, 'nodes', 'Xobin'))
		.filter((name) => name.endsWith('.node.json'))
		.map((name) => `nodes/Xobin/${name}`);
	return [...codex, 'credentials/XobinApi.credentials.ts', 'package.json'];
}

/** The text with fenced code blocks and inline code blanked out (same length, newlines kept). */
function withoutCode(text) {
	const blank = (s) => s.replace(/[^\n]/g, ' ');
	let out = '';
	let fence = null;
	for (const line of text.split(/(?<=\n)/)) {
		const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line);
		if (fence === null && marker) {
			fence = marker[1];
			out += blank(line);
		} else if (fence !== null) {
			if (marker && marker[1][0] === fence[0] && marker[1].length >= fence.length) fence = null;
			out += blank(line);
		} else out += line;
	}
	return out.replace(/(`+)[\s\S]*?\1/g, blank);
}

/** GitHub's slug of a heading's text (github-slugger: keep letters, digits, marks, '_', '-', spaces). */
function slug(heading) {
	const text = heading
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/<[^>]+>/g, '')
		.replace(/[`*]/g, '');
	return text
		.toLowerCase()
		.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
		.replace(/ /g, '-');
}

const anchorCache = new Map();
/** The anchors a Markdown file offers: its headings' slugs (repeats numbered) and explicit ids. */
function anchorsOf(file) {
	if (anchorCache.has(file)) return anchorCache.get(file);
	const text = fs.readFileSync(file, 'utf8');
	const anchors = new Set();
	const seen = new Map();
	let fence = null;
	for (const line of text.split('\n')) {
		const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line);
		if (marker && (fence === null || (marker[1][0] === fence[0] && marker[1].length >= fence.length))) {
			fence = fence === null ? marker[1] : null;
			continue;
		}
		if (fence !== null) continue;
		const heading = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
		if (heading) {
			const base = slug(heading[1]);
			const count = seen.get(base) ?? 0;
			seen.set(base, count + 1);
			anchors.add(count === 0 ? base : `${base}-${count}`);
		}
		for (const id of line.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) anchors.add(id[1]);
	}
	anchorCache.set(file, anchors);
	return anchors;
}

/** Why a link from `from` (a repository file) to `target` is broken, or null when it resolves. */
function problem(from, target, isImage) {
	if (/^mailto:/i.test(target)) return null;
	if (/^https?:/i.test(target)) {
		if (target === REPO_URL || target.startsWith(`${REPO_URL}#`) || target.startsWith(`${REPO_URL}/`)) {
			const rest = target.slice(REPO_URL.length);
			if (rest === '#readme') return null;
			const inRepo = /^(?:\/(?:blob|tree)\/main\/([^#]*))?(#.*)?$/.exec(rest);
			if (!inRepo) return `a link into this repository must be ${REPO_URL}[/blob/main/<path>][#anchor]`;
			return problem('README.md', `${inRepo[1] ? `/${inRepo[1]}` : '/README.md'}${inRepo[2] ?? ''}`, isImage);
		}
		try {
			new URL(target);
			return null;
		} catch {
			return 'not a well-formed URL';
		}
	}
	if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return `unexpected scheme in ${target}`;
	const hash = target.indexOf('#');
	const pathPart = hash === -1 ? target : target.slice(0, hash);
	const anchor = hash === -1 ? null : decodeURIComponent(target.slice(hash + 1));
	const resolved = pathPart.startsWith('/')
		? path.join(ROOT, decodeURIComponent(pathPart))
		: pathPart === ''
			? path.join(ROOT, from)
			: path.join(ROOT, path.dirname(from), decodeURIComponent(pathPart));
	const relative = path.relative(ROOT, resolved);
	if (relative.startsWith('..')) return `${pathPart} points outside the repository`;
	if (!fs.existsSync(resolved)) return `${relative || '.'} does not exist`;
	if (isImage && !fs.statSync(resolved).isFile()) return `image ${relative} is not a file`;
	if (anchor !== null) {
		if (!resolved.endsWith('.md')) return `#${anchor} on ${relative}, which is not a Markdown page`;
		if (!anchorsOf(resolved).has(anchor)) return `${relative} has no heading with the anchor #${anchor}`;
	}
	return null;
}

function lineOf(text, index) {
	return text.slice(0, index).split('\n').length;
}

function main() {
	const broken = [];
	let checked = 0;
	for (const file of markdownFiles()) {
		const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
		const prose = withoutCode(text);
		const links = [
			// [text](target "title") and ![alt](target), including [`code`](target)
			...[...prose.matchAll(/(!?)\[[^\]]*\]\(\s*<?([^\s)>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => ({
				index: m.index,
				image: m[1] === '!',
				target: m[2],
			})),
			// [label]: target
			...[...prose.matchAll(/^ {0,3}\[[^\]]+\]:\s*(\S+)/gm)].map((m) => ({ index: m.index, image: false, target: m[1] })),
			// <img src="…"> and <a href="…">
			...[...prose.matchAll(/<(img|a)\s[^>]*?(?:src|href)="([^"]+)"/g)].map((m) => ({
				index: m.index,
				image: m[1] === 'img',
				target: m[2],
			})),
		];
		for (const link of links) {
			checked++;
			const why = problem(file, link.target, link.image);
			if (why) broken.push(`${file}:${lineOf(text, link.index)}: ${link.target}: ${why}`);
		}
	}
	for (const file of urlFiles()) {
		const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
		for (const m of text.matchAll(/https:\/\/github\.com\/xobin\/n8n-nodes-xobin(?![\w.-])[^\s"'`)]*/g)) {
			checked++;
			const why = problem(file, m[0], false);
			if (why) broken.push(`${file}:${lineOf(text, m.index)}: ${m[0]}: ${why}`);
		}
	}
	if (broken.length > 0) {
		console.log(broken.join('\n'));
		console.log(`${broken.length} broken of ${checked} links: fix them (GitHub anchors: lower case, punctuation dropped, spaces to '-').`);
		process.exit(1);
	}
	console.log(`${checked} links checked in ${markdownFiles().length} Markdown files and ${urlFiles().length} others: all resolve.`);
}

if (require.main === module) main();

module.exports = { slug, anchorsOf, problem };
