// The Track picker check, in headless Chromium against a running n8n (1.123.x or 2.x) with the
// package installed and a Xobin credential pointing at the mock: imports a workflow with a Xobin
// node (version 3, Track → Move Applicant), opens its panel, opens the Track list (From List),
// asserts that it shows the mock's tracks, picks "Backend Engineer (6578)", opens the Destination
// Stage dropdown and asserts that it holds that track's stages (loaded from the track), then picks
// one. Saves <prefix>-track-list.png and <prefix>-stage-dropdown.png.
//
// Called from run-e2e.js (checkPickers); also runnable alone against one pinned n8n line:
//   node scripts/e2e/picker-check.js [--version 2.40.7] [--update-screenshots]
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { launchChromium } = require('./chromium');

const NODE_NAME = 'Move Applicant';
const TRACKS = ['Backend Engineer (6578)', 'Data Analyst (6579)'];
const STAGES = ['Applied', 'Assessment', 'Technical Interview', 'Hired', 'Rejected'];

function check(cond, msg) {
	if (!cond) throw new Error(msg);
}

/** A manual trigger and one Xobin node (version 3) on Track → Move Applicant, nothing chosen yet. */
function pickerWorkflow(credential) {
	return {
		name: 'Xobin Track picker check',
		nodes: [
			{
				parameters: {},
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
			},
			{
				parameters: { resource: 'track', operation: 'moveApplicant' },
				name: NODE_NAME,
				type: 'n8n-nodes-xobin.xobin',
				typeVersion: 3,
				position: [240, 0],
				credentials: { xobinApi: { id: String(credential.id), name: credential.name } },
			},
		],
		connections: { Start: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/**
 * @param {object} o
 * @param {object} o.n8n           a started n8n (n8n-instance.js) with the owner set up
 * @param {{email:string,password:string}} o.owner
 * @param {{id:string,name:string}} o.credential the Xobin credential (pointing at the mock)
 * @param {string} o.screenshotDir
 * @param {string} o.prefix
 * -> { screenshots: string[], tracks: string[], stages: string[], seconds }
 */
async function checkPickers(o) {
	const t0 = Date.now();
	fs.mkdirSync(o.screenshotDir, { recursive: true });
	const workflow = await o.n8n.importWorkflow(pickerWorkflow(o.credential));
	const browser = await launchChromium({ viewport: { width: 1400, height: 900 } });
	const { page } = browser;
	page.setDefaultTimeout(60000);
	const shots = [];
	try {
		await page.goto(`${o.n8n.baseUrl}/signin`);
		await page.locator('input[name="emailOrLdapLoginId"]').fill(o.owner.email);
		await page.locator('input[name="password"]').fill(o.owner.password);
		await page.locator('[data-test-id="form-submit-button"]').click();
		await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 60000 });
		await page.goto(`${o.n8n.baseUrl}/workflow/${workflow.id}`);
		const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${NODE_NAME}"]`);
		await node.waitFor({ state: 'visible' });
		await node.dblclick();
		const params = page.locator('[data-test-id="ndv"] [data-test-id="node-parameters"]');
		await params.waitFor({ state: 'visible' });

		// The Track list: n8n asks the node's searchTracks and shows the results.
		await params.locator('[data-test-id="rlc-input"]').first().click();
		const items = page.locator('[data-test-id="rlc-item"]');
		await items.first().waitFor({ state: 'visible', timeout: 30000 });
		const tracks = (await items.allInnerTexts()).map((text) => text.trim());
		for (const track of TRACKS)
			check(tracks.some((text) => text.startsWith(track)), `the Track list shows ${JSON.stringify(tracks)}, expected ${track}`);
		const listShot = path.join(o.screenshotDir, `${o.prefix}-track-list.png`);
		await page.screenshot({ path: listShot });
		shots.push(listShot);
		await items.filter({ hasText: TRACKS[0] }).first().click();

		// The stage dropdown, loaded from the chosen track (getStages, depends on track.value).
		const stageInput = params.locator('[data-test-id="parameter-input-destinationStageId"] input').first();
		const options = page.locator('.el-select-dropdown__item:visible, [role="option"]:visible');
		const technical = options.filter({ hasText: 'Technical Interview' }).first();
		// The first click may only close the Track list; click again until the dropdown opens.
		for (let attempt = 1; ; attempt++) {
			await stageInput.click();
			const opened = await technical.waitFor({ state: 'visible', timeout: 10000 }).then(() => true, () => false);
			if (opened) break;
			check(attempt < 3, 'the Destination Stage dropdown did not open with the stages of the chosen track');
		}
		const stages = (await options.allInnerTexts()).map((text) => text.split('\n')[0].trim()).filter(Boolean);
		for (const stage of STAGES)
			check(stages.includes(stage), `the Destination Stage dropdown shows ${JSON.stringify(stages)}, expected ${stage}`);
		const stageShot = path.join(o.screenshotDir, `${o.prefix}-stage-dropdown.png`);
		await page.screenshot({ path: stageShot });
		shots.push(stageShot);
		await options.filter({ hasText: 'Technical Interview' }).first().click();
		return { screenshots: shots, tracks, stages, seconds: (Date.now() - t0) / 1000 };
	} catch (err) {
		const failShot = path.join(o.screenshotDir, `${o.prefix}-pickers-FAILED.png`);
		await page.screenshot({ path: failShot }).catch(() => {});
		err.message += `\n(screenshot of the failure: ${failShot})`;
		throw err;
	} finally {
		await browser.close();
	}
}

module.exports = { checkPickers };

if (require.main === module) {
	(async () => {
		const args = process.argv.slice(2);
		const version = args.includes('--version') ? args[args.indexOf('--version') + 1] : '2.40.7';
		const stack = require('./xobin-stack');
		const { startN8n, DEFAULT_OWNER } = require('./n8n-instance');
		const dir = args.includes('--update-screenshots')
			? path.join(stack.REPO, 'docs', 'images')
			: path.join(stack.REPO, '.n8n-e2e', 'screenshots');
		const pack = await stack.buildAndPack({ build: !args.includes('--no-build') });
		const mock = await stack.startMock();
		const n8n = await startN8n({ version, packedTarball: pack.tarball });
		try {
			await n8n.setupOwner();
			const credential = await stack.createXobinCredential(n8n, mock);
			const res = await checkPickers({ n8n, owner: DEFAULT_OWNER, credential, screenshotDir: dir, prefix: `n8n-${version}` });
			console.log(`ok: tracks ${JSON.stringify(res.tracks)}, stages ${JSON.stringify(res.stages)}; ${res.screenshots.join(', ')} (${res.seconds.toFixed(1)} s)`);
		} finally {
			await n8n.stop();
			await mock.close();
		}
	})().catch((error) => {
		console.error(error);
		process.exitCode = 1;
	});
}
