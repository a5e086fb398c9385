// The link checker `npm run docs:check` runs (scripts/check-links.js): GitHub's heading slugs,
// numbered repeats, headings inside code blocks ignored, broken files / anchors / images reported,
// and the repository's own README.md and docs/ passing. JavaScript: it runs node on the script.

const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { slug, anchorsOf, problem } = require('../scripts/check-links');

const root = path.join(__dirname, '..');

describe('the link checker', () => {
	test("makes GitHub's heading slugs", () => {
		expect(slug('AI Interview → Invite Candidate')).toBe('ai-interview--invite-candidate');
		expect(slug("Assumptions where Xobin's docs are silent or disagree")).toBe(
			'assumptions-where-xobins-docs-are-silent-or-disagree',
		);
		expect(slug('1b. CPU per item when Xobin answers at once (latency 0), N = 2000')).toBe(
			'1b-cpu-per-item-when-xobin-answers-at-once-latency-0-n--2000',
		);
		expect(slug('Track → Move Applicant, Reject Applicant, Hire Applicant')).toBe(
			'track--move-applicant-reject-applicant-hire-applicant',
		);
		expect(slug('The `stage_id` and **bold** [link](x.md)')).toBe('the-stage_id-and-bold-link');
	});

	test('numbers a repeated heading and ignores headings in code blocks', () => {
		const operations = anchorsOf(path.join(root, 'docs', 'operations.md'));
		expect(operations.has('ai-interview--invite-candidate')).toBe(true);
		expect(operations.has('ai-interview--invite-candidate-1')).toBe(true);
		expect(operations.has('ai-interview--invite-candidate-2')).toBe(false);
		// README's manual install has "# then restart n8n" inside a bash block
		expect(anchorsOf(path.join(root, 'README.md')).has('then-restart-n8n')).toBe(false);
	});

	test('reports a missing file, a missing anchor, a folder used as an image and a malformed URL', () => {
		expect(problem('README.md', 'docs/operations.md#ai-interview--invite-candidate-1', false)).toBeNull();
		expect(problem('docs/trigger.md', '#fields', false)).toBeNull();
		expect(problem('docs/trigger.md', '../examples/invite-candidates-from-webhook.json', false)).toBeNull();
		expect(problem('README.md', 'docs/images/n8n-2.40.7-canvas.png', true)).toBeNull();
		expect(problem('README.md', 'docs/nope.md', false)).toMatch(/docs\/nope\.md does not exist/);
		expect(problem('README.md', 'docs/operations.md#no-such-heading', false)).toMatch(/no heading with the anchor/);
		expect(problem('README.md', '#xobin-trigger', false)).toMatch(/no heading with the anchor #xobin-trigger/);
		expect(problem('docs/trigger.md', 'examples/add-applicant-from-webhook.json', false)).toMatch(/does not exist/);
		expect(problem('README.md', 'docs/images', true)).toMatch(/is not a file/);
		expect(problem('README.md', 'https://exa mple.com/', false)).toMatch(/not a well-formed URL/);
		expect(problem('README.md', 'https://n8n.io/unchecked-page', false)).toBeNull();
	});

	test("resolves this repository's GitHub URLs (codex and credential documentation links) locally", () => {
		const repo = 'https://github.com/xobin/n8n-nodes-xobin';
		expect(problem('x.json', `${repo}#credentials`, false)).toBeNull();
		expect(problem('x.json', `${repo}#readme`, false)).toBeNull();
		expect(problem('x.json', `${repo}/blob/main/docs/trigger.md`, false)).toBeNull();
		expect(problem('x.json', `${repo}#xobin-trigger`, false)).toMatch(/README\.md has no heading/);
		expect(problem('x.json', `${repo}/blob/main/docs/gone.md`, false)).toMatch(/does not exist/);
	});

	test("passes on the repository's README.md, docs/ and documentation URLs", () => {
		const out = execFileSync(process.execPath, [path.join(root, 'scripts', 'check-links.js')], { encoding: 'utf8' });
		expect(out).toMatch(/all resolve/);
	});
});
