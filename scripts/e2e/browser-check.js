// The editor check, in headless Chromium against a running n8n (1.123.x or 2.x): sign in through
// the login form, open the imported example workflow, assert that the canvas draws the Xobin node
// (type n8n-nodes-xobin.xobin) with both named outputs wired to the next nodes, open the node and
// assert that its panel shows the credential and the invite fields. Saves two screenshots. Any
// uncaught error the page throws meanwhile fails the check, except the known ones n8n's editor
// throws on its own (N8N_OWN_PAGE_ERRORS).
//
// Selectors are n8n's own data-test-id attributes, the same in 1.123.81 and 2.40.7 (both use the
// Vue Flow canvas): canvas-node[data-node-name][data-node-type], canvas-node-output-handle
// [data-node-name][data-index] (its text is the output label), edge[data-source-node-name]
// [data-target-node-name], ndv, node-parameters, parameter-input-<name>, node-credentials-select.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { launchChromium } = require('./chromium');

/** The AI-interview invite's fields, as [label, parameter name]; checkEditor's default. */
const INVITE_FIELDS = [
	['Candidate Name', 'candidateName'],
	['Candidate Email', 'candidateEmail'],
	['AI Interview ID', 'aiInterviewId'],
	['Invite Format', 'inviteFormat'],
];

function check(cond, msg) {
	if (!cond) throw new Error(msg);
}

/**
 * Uncaught errors n8n's own editor throws with or without this package (seen on a blank workflow,
 * no package installed), which therefore say nothing about it.
 */
const N8N_OWN_PAGE_ERRORS = [
	// 1.123.81, right after sign-in: its versions store reads settings.versionNotifications.enabled
	// before the settings are there
	/^TypeError: Cannot read properties of undefined \(reading 'enabled'\)\s+at [^(]+\(\S+\/assets\/versions\.store-[\w-]+\.js:\d+:\d+\)/,
];

/** Collects the page's uncaught errors (message and first stack frames) into `list`. */
function collectPageErrors(page, list) {
	page.on('pageerror', (e) => {
		const text = String(e?.stack ?? e)
			.split('\n')
			.slice(0, 4)
			.join(' ');
		if (!N8N_OWN_PAGE_ERRORS.some((known) => known.test(text))) list.push(text);
	});
}

function checkNoPageErrors(list) {
	check(
		!list.length,
		`the editor threw ${list.length} uncaught page error(s): ${list.slice(0, 5).join(' | ')}`,
	);
}

const cssString = (s) => JSON.stringify(String(s));

/**
 * @param {object} o
 * @param {string} o.baseUrl        n8n editor URL
 * @param {{email:string,password:string}} o.owner
 * @param {string} o.workflowId
 * @param {string} o.xobinNode      name of the Xobin node on the canvas
 * @param {string} o.nodeType       e.g. 'n8n-nodes-xobin.xobin'
 * @param {string[]} o.outputNames  expected output labels, in order
 * @param {string[]} o.outputTargets nodes wired to those outputs
 * @param {string} o.credentialName credential the node should show
 * @param {string} o.screenshotDir  where to write <prefix>-canvas.png and <prefix>-node-panel.png
 * @param {string} o.prefix
 * @param {Array<[string, string]>} [o.fields] the panel's fields as [label, parameter name]
 * -> { screenshots: string[], seconds }
 */
async function checkEditor(o) {
	const t0 = Date.now();
	fs.mkdirSync(o.screenshotDir, { recursive: true });
	fs.rmSync(path.join(o.screenshotDir, `${o.prefix}-FAILED.png`), { force: true });
	const shots = [];
	const browser = await launchChromium({ viewport: { width: 1400, height: 900 } });
	const { page } = browser;
	page.setDefaultTimeout(60000);
	page.setDefaultNavigationTimeout(90000);
	const pageErrors = [];
	collectPageErrors(page, pageErrors);
	try {
		await signIn(page, o.baseUrl, o.owner);

		// --- canvas ---------------------------------------------------------------------------------
		await page.goto(`${o.baseUrl}/workflow/${o.workflowId}`);
		const node = page.locator(
			`[data-test-id="canvas-node"][data-node-name=${cssString(o.xobinNode)}]`,
		);
		await node.waitFor({ state: 'visible' });
		const type = await node.getAttribute('data-node-type');
		check(
			type === o.nodeType,
			`canvas node "${o.xobinNode}" has type ${type}, expected ${o.nodeType} (package not loaded?)`,
		);
		const handles = page.locator(
			`[data-test-id="canvas-node-output-handle"][data-node-name=${cssString(o.xobinNode)}]`,
		);
		await handles.nth(o.outputNames.length - 1).waitFor({ state: 'visible' });
		const labels = [];
		for (let i = 0; i < (await handles.count()); i++) {
			const h = handles.nth(i);
			labels[Number(await h.getAttribute('data-index'))] = (await h.innerText()).trim();
		}
		check(
			JSON.stringify(labels) === JSON.stringify(o.outputNames),
			`canvas output labels of "${o.xobinNode}": ${JSON.stringify(labels)}, expected ${JSON.stringify(o.outputNames)}`,
		);
		for (const target of o.outputTargets) {
			const edge = page.locator(
				`[data-test-id="edge"][data-source-node-name=${cssString(o.xobinNode)}][data-target-node-name=${cssString(target)}]`,
			);
			check((await edge.count()) === 1, `no canvas edge from "${o.xobinNode}" to "${target}"`);
		}
		const canvasShot = path.join(o.screenshotDir, `${o.prefix}-canvas.png`);
		await shootCanvas(page, canvasShot);
		shots.push(canvasShot);

		// --- node details panel ---------------------------------------------------------------------
		await node.dblclick();
		const ndv = page.locator('[data-test-id="ndv"]');
		await ndv.waitFor({ state: 'visible' });
		const params = ndv.locator('[data-test-id="node-parameters"]');
		await params.waitFor({ state: 'visible' });
		for (const [label, name] of o.fields || INVITE_FIELDS) {
			// <label for="<parameter name>"> holds the display name (and a hover-only Fixed/Expression toggle)
			const lbl = params.locator(`label[for=${cssString(name)}]`).first();
			await lbl.waitFor({ state: 'visible', timeout: 30000 }).catch(() => {
				throw new Error(`node panel does not show the field "${label}" (${name})`);
			});
			const text = (await lbl.innerText()).replace(/\s+/g, ' ').trim();
			check(
				text.startsWith(label),
				`node panel label for ${name} reads "${text}", expected "${label}"`,
			);
			const input = params.locator(`[data-test-id="parameter-input-${name}"]`);
			check((await input.count()) >= 1, `node panel has no input for ${name}`);
		}
		const credText = (await ndv.locator('[data-test-id="node-credentials-select"]').innerText())
			.toString()
			.trim();
		const credValue = await ndv
			.locator('[data-test-id="node-credentials-select"] input')
			.first()
			.inputValue()
			.catch(() => '');
		check(
			credText.includes(o.credentialName) || credValue.includes(o.credentialName),
			`node panel credential shows "${credText || credValue}", expected "${o.credentialName}"`,
		);
		const formatText = await params
			.locator('[data-test-id="parameter-input-inviteFormat"]')
			.first()
			.innerText()
			.catch(() => '');
		const formatValue = await params
			.locator('[data-test-id="parameter-input-inviteFormat"] input')
			.first()
			.inputValue()
			.catch(() => '');
		check(
			/Get Link Only/.test(`${formatText} ${formatValue}`),
			`Invite Format shows "${formatText || formatValue}", expected "Get Link Only"`,
		);
		const panelShot = path.join(o.screenshotDir, `${o.prefix}-node-panel.png`);
		await page.screenshot({ path: panelShot });
		shots.push(panelShot);
		checkNoPageErrors(pageErrors);
		return { screenshots: shots, seconds: (Date.now() - t0) / 1000, pageErrors };
	} catch (err) {
		const failShot = path.join(o.screenshotDir, `${o.prefix}-FAILED.png`);
		await page.screenshot({ path: failShot }).catch(() => {});
		err.message += `\n(screenshot of the failure: ${failShot}; page URL ${page.url()}${pageErrors.length ? `; page errors: ${pageErrors.slice(-3).join(' | ')}` : ''})`;
		throw err;
	} finally {
		await browser.close();
	}
}

/**
 * Signs in, opens a workflow and saves a screenshot of its canvas (all nodes, a margin around
 * them) after checking that each named node is drawn; fails on an uncaught page error.
 * -> the screenshot's path.
 */
async function screenshotCanvas({ baseUrl, owner, workflowId, nodeNames, file }) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	const browser = await launchChromium({ viewport: { width: 1400, height: 900 } });
	const { page } = browser;
	page.setDefaultTimeout(60000);
	const pageErrors = [];
	collectPageErrors(page, pageErrors);
	try {
		await signIn(page, baseUrl, owner);
		await page.goto(`${baseUrl}/workflow/${workflowId}`);
		for (const name of nodeNames) {
			await page
				.locator(`[data-test-id="canvas-node"][data-node-name=${cssString(name)}]`)
				.waitFor({ state: 'visible' });
		}
		await shootCanvas(page, file);
		checkNoPageErrors(pageErrors);
		return file;
	} finally {
		await browser.close();
	}
}

/** Signs in through n8n's form. */
async function signIn(page, baseUrl, owner) {
	await page.goto(`${baseUrl}/signin`);
	await page.locator('input[name="emailOrLdapLoginId"]').fill(owner.email);
	await page.locator('input[name="password"]').fill(owner.password);
	await page.locator('[data-test-id="form-submit-button"]').click();
	await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 60000 });
}

/** A screenshot of the workflow itself: all canvas nodes, with a margin around them. */
async function shootCanvas(page, file) {
	await page.waitForLoadState('networkidle', { timeout: 15000 }).catch(() => {});
	const boxes = [];
	for (const el of await page.locator('[data-test-id="canvas-node"]').all()) {
		const b = await el.boundingBox();
		if (b) boxes.push(b);
	}
	const vp = page.viewportSize();
	const x0 = Math.max(0, Math.min(...boxes.map((b) => b.x)) - 70);
	const y0 = Math.max(0, Math.min(...boxes.map((b) => b.y)) - 50);
	const x1 = Math.min(vp.width, Math.max(...boxes.map((b) => b.x + b.width)) + 130);
	const y1 = Math.min(vp.height, Math.max(...boxes.map((b) => b.y + b.height)) + 90);
	await page.screenshot({ path: file, clip: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } });
}

module.exports = { checkEditor, screenshotCanvas, INVITE_FIELDS };
