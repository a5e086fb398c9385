// Xobin Trigger: activating registers n8n's webhook URL and a random secret with Xobin, Xobin's
// Start / Submission calls start the workflow, calls without the secret get a 401, deactivating
// switches the events off again; manual setup never touches Xobin's settings.

import type { IDataObject } from 'n8n-workflow';

import type { HarnessTrigger } from './harness/engine';
import { startTrigger } from './harness/engine';
import type { RecordedRequest } from './mock-xobin/server';
import { MOCK_API_KEY, requestsTo, useMockXobin } from './support';

const SECRET_HEADER = 'X-Xobin-Webhook-Secret';
const SETTINGS_PATH = /\/ai-interviews\/settings\/webhooks/;

/** The documented Start payload (fact sheet A4.1). */
const START_PAYLOAD = {
	ai_interview_id: 206,
	ai_interview_name: 'Receptionist',
	candidate_email: 'jennifergross@mailinator.com',
	candidate_id: 7054,
	candidate_name: 'Jennifer Gross',
	invite_status: 'Started',
	response_id: 6726,
};

/** The documented Submission payload (fact sheet A4.1), exactly its visible part: cut off before `recommendation`, so no response_id. */
const DOCUMENTED_SUBMISSION = {
	ai_interview_id: 206,
	ai_interview_name: 'Receptionist',
	candidate_email: 'jennifergross@mailinator.com',
	candidate_id: 7054,
	candidate_name: 'Jennifer Gross',
	candidate_summary:
		'Jennifer Gross exhibited significant weaknesses in key skills required for the Receptionist role, … Jennifer is not recommended for the role.',
	completed_date: 'Jul 05, 2025, 4:42:45 AM',
	integrity_score: 10,
	interview_recording: {
		'1755695988585': 'https://example.com/interview_recording/session-1.webm',
		'1755695988586': 'https://example.com/interview_recording/session-2.webm',
	},
	invite_status: 'Completed',
};

/** A secret someone pasted into Xobin's Workflows tab by hand. */
const PASTED_SECRET = 'pasted-into-the-workflows-tab-of-xobin';

describe('Xobin Trigger', () => {
	const mock = useMockXobin();
	const started: HarnessTrigger[] = [];

	afterEach(async () => {
		await Promise.all(started.splice(0).map(async (trigger) => await trigger.close()));
	});

	async function trigger(parameters: IDataObject = {}, workflowId?: string): Promise<HarnessTrigger> {
		const created = await startTrigger({
			nodeType: 'xobinTrigger',
			parameters: { events: ['completed'], scope: 'interview', aiInterviewId: 206, ...parameters },
			credentials: { xobinApi: { apiKey: MOCK_API_KEY, baseUrl: mock().url } },
			workflowId,
		});
		started.push(created);
		return created;
	}

	function settingsRequests(): RecordedRequest[] {
		return requestsTo(mock(), SETTINGS_PATH);
	}

	/** What the trigger stored in its static data about its registration with Xobin. */
	function registrationOf(xobin: HarnessTrigger): IDataObject | undefined {
		const nodeData = xobin.staticData()['node:Xobin Trigger'] as IDataObject | undefined;
		return nodeData?.xobinRegistration as IDataObject | undefined;
	}

	/** Each event has its own URL: Submissions go to the 'default' webhook, Starts to 'setup'. */
	const completedUrl = (xobin: HarnessTrigger) => xobin.urlOf('default');
	const startedUrl = (xobin: HarnessTrigger) => xobin.urlOf('setup');

	function secretSentWith(request: RecordedRequest): string {
		return ((request.body as IDataObject).webhooks as { auth: { apikey: { value: string } } }).auth.apikey.value;
	}

	describe('automatic setup', () => {
		test("activating registers the webhook URL and a fresh random secret in the interview's webhook settings", async () => {
			const xobin = await trigger();

			await expect(xobin.activate()).resolves.toEqual({ created: true });

			const [request] = settingsRequests();
			expect([request.method, request.path]).toEqual(['PUT', '/api/v2/ai-interviews/settings/webhooks/206']);
			expect(request.headers.apikey).toBe(MOCK_API_KEY);
			expect(request.body).toEqual({
				webhooks: {
					submission: { status: true, url: completedUrl(xobin) },
					auth: {
						type: 'apikey',
						status: true,
						apikey: {
							key: SECRET_HEADER,
							value: expect.stringMatching(/^[0-9a-f]{64}$/),
							header: SECRET_HEADER,
							apikey: secretSentWith(request),
						},
					},
				},
			});
			expect(completedUrl(xobin)).toMatch(/\/webhook\/[0-9a-f-]{36}\/completed$/);
			expect(mock().webhookSettings(206)?.submission).toEqual({ status: true, url: xobin.productionUrl });
			expect(registrationOf(xobin)).toEqual({
				scope: 'interview',
				aiInterviewId: 206,
				events: ['completed'],
				urls: { completed: completedUrl(xobin) },
				secret: secretSentWith(request),
			});
		});

		test('a candidate completing the interview starts the workflow with the Submission payload and the event name', async () => {
			const xobin = await trigger();
			await xobin.activate();

			const answer = await mock().completeInterview(6726);

			expect(answer).toEqual(expect.objectContaining({ status: 200, body: { message: 'Workflow was started' } }));
			expect(xobin.executions).toHaveLength(1);
			const [[item]] = xobin.executions[0];
			expect(item.json).toEqual(
				expect.objectContaining({
					event: 'AI Interview Completed',
					ai_interview_id: 206,
					ai_interview_name: 'Receptionist',
					candidate_email: 'jennifergross@mailinator.com',
					candidate_id: 7054,
					candidate_name: 'Jennifer Gross',
					candidate_summary: expect.stringMatching(/^Jennifer Gross exhibited significant weaknesses/),
					completed_date: 'Jul 05, 2025, 4:42:45 AM',
					integrity_score: 10,
					interview_recording: {
						1755695988585: 'https://example.com/interview_recording/session-1.webm',
						1755695988586: 'https://example.com/interview_recording/session-2.webm',
					},
					invite_status: 'Completed',
					response_id: 6726,
					deliveryKey: 'completed:6726:Completed',
				}),
			);
			expect(mock().deliveries[0].headers).toEqual({ [SECRET_HEADER]: secretSentWith(settingsRequests()[0]) });
		});

		test('each event has its own URL; each item says whether the interview started or was completed', async () => {
			const xobin = await trigger({ events: ['started', 'completed'] });
			await xobin.activate();

			await mock().startInterview(6726);
			await mock().completeInterview(6726);

			expect(settingsRequests()[0].body).toEqual({
				webhooks: expect.objectContaining({
					start: { status: true, url: startedUrl(xobin) },
					submission: { status: true, url: completedUrl(xobin) },
				}),
			});
			expect(startedUrl(xobin)).toMatch(/\/started$/);
			expect(xobin.executions.map((run) => run[0][0].json.event)).toEqual([
				'AI Interview Started',
				'AI Interview Completed',
			]);
			expect(xobin.executions[0][0][0].json).toEqual({
				...START_PAYLOAD,
				event: 'AI Interview Started',
				deliveryKey: 'started:6726:Started',
			});
		});

		test('a call without the secret, or with a wrong one, is refused with 401 and starts nothing', async () => {
			const xobin = await trigger({ events: ['started'] });
			await xobin.activate();

			const missing = await mock().deliverWebhook(startedUrl(xobin), START_PAYLOAD);
			const wrong = await mock().deliverWebhook(startedUrl(xobin), START_PAYLOAD, { [SECRET_HEADER]: 'guess' });
			const almost = secretSentWith(settingsRequests()[0]).slice(0, -1);
			const truncated = await mock().deliverWebhook(startedUrl(xobin), START_PAYLOAD, { [SECRET_HEADER]: almost });

			for (const answer of [missing, wrong, truncated]) {
				expect(answer.status).toBe(401);
				expect(answer.body).toEqual({ message: `Missing or wrong ${SECRET_HEADER} header` });
			}
			expect(xobin.executions).toEqual([]);
		});

		test('every activation gets its own secret', async () => {
			const first = await trigger();
			const second = await trigger();
			await first.activate();
			await first.deactivate();
			await first.activate();
			await second.activate();

			const secrets = settingsRequests()
				.filter((request) => ((request.body as IDataObject).webhooks as IDataObject).auth)
				.map(secretSentWith);
			expect(secrets).toHaveLength(3);
			expect(new Set(secrets).size).toBe(3);
		});

		test('after an n8n restart checkExists answers from the stored registration: nothing is registered again', async () => {
			const xobin = await trigger();
			await xobin.activate();
			xobin.restart();

			await expect(xobin.activate()).resolves.toEqual({ created: false });
			expect(settingsRequests()).toHaveLength(1);
			// The stored secret still lets Xobin's calls through after the restart.
			await mock().completeInterview(6726);
			expect(xobin.executions).toHaveLength(1);
		});

		test('checkExists answers false once the settings no longer match what was registered', async () => {
			const xobin = await trigger();
			await xobin.activate();

			await expect(xobin.checkExists()).resolves.toBe(true);
			xobin.edit({ aiInterviewId: 305 });
			await expect(xobin.checkExists()).resolves.toBe(false);
			xobin.edit({ aiInterviewId: 206, events: ['started', 'completed'] });
			await expect(xobin.checkExists()).resolves.toBe(false);
		});

		test('deactivating switches the registered events off in Xobin and forgets the registration', async () => {
			const xobin = await trigger({ events: ['completed', 'started'] });
			await xobin.activate();

			await expect(xobin.deactivate()).resolves.toBe(true);

			const [, off] = settingsRequests();
			expect([off.method, off.path, off.body]).toEqual([
				'PUT',
				'/api/v2/ai-interviews/settings/webhooks/206',
				{
					webhooks: {
						start: { status: false, url: startedUrl(xobin) },
						submission: { status: false, url: completedUrl(xobin) },
					},
				},
			]);
			expect(registrationOf(xobin)).toBeUndefined();
			await expect(mock().completeInterview(6726)).resolves.toBeUndefined();
			await expect(xobin.checkExists()).resolves.toBe(false);
		});

		test('deactivating switches off what was registered even after the settings were edited', async () => {
			const xobin = await trigger();
			await xobin.activate();
			xobin.edit({ aiInterviewId: 305 });

			await xobin.deactivate();

			expect(settingsRequests().map((request) => request.path)).toEqual([
				'/api/v2/ai-interviews/settings/webhooks/206',
				'/api/v2/ai-interviews/settings/webhooks/206',
			]);
		});

		test('registering new settings first switches off a registration left from the old ones', async () => {
			const xobin = await trigger();
			await xobin.activate();
			xobin.edit({ aiInterviewId: 305 });

			await expect(xobin.activate()).resolves.toEqual({ created: true });

			expect(
				settingsRequests().map((request) => [
					request.path,
					((request.body as IDataObject).webhooks as { submission: { status: boolean } }).submission.status,
				]),
			).toEqual([
				['/api/v2/ai-interviews/settings/webhooks/206', true],
				['/api/v2/ai-interviews/settings/webhooks/206', false],
				['/api/v2/ai-interviews/settings/webhooks/305', true],
			]);
			await expect(mock().completeInterview(6726)).resolves.toBeUndefined();
			expect(registrationOf(xobin)).toEqual(expect.objectContaining({ aiInterviewId: 305 }));
		});

		test('deactivating a trigger that never registered does not call Xobin', async () => {
			const xobin = await trigger();

			await expect(xobin.deactivate()).resolves.toBe(true);
			expect(mock().requests).toEqual([]);
		});

		test('account-wide: registers with the account settings for every interview and hears from any of them', async () => {
			const xobin = await trigger({ scope: 'account', events: ['started'] });
			await xobin.activate();

			const [request] = settingsRequests();
			expect([request.method, request.path]).toEqual(['POST', '/api/v2/ai-interviews/settings/webhooks']);
			expect(request.body).toEqual({
				webhooks: expect.objectContaining({ start: { status: true, url: startedUrl(xobin) } }),
				updateAll: true,
			});
			await mock().startInterview(6734);
			await mock().startInterview(6726);
			expect(xobin.executions.map((run) => run[0][0].json.ai_interview_id)).toEqual([211, 206]);

			await xobin.deactivate();
			expect(settingsRequests()[1].body).toEqual({
				webhooks: { start: { status: false, url: startedUrl(xobin) } },
				updateAll: true,
			});
		});

		test("Xobin refusing the registration (a plan without Workflows) fails the activation with Xobin's words", async () => {
			mock().setWebhooksAllowed(false);
			const xobin = await trigger();

			await expect(xobin.activate()).rejects.toMatchObject({
				message:
					'Xobin refused the request: Workflows are not available on your plan. Please contact support to upgrade to the Standard plan.',
				description: expect.stringMatching(/Your Xobin plan may not include this feature/),
				httpCode: '403',
			});
			expect(registrationOf(xobin)).toBeUndefined();
		});

		test('an unknown interview fails the activation and names the ID', async () => {
			const xobin = await trigger({ aiInterviewId: 999 });

			await expect(xobin.activate()).rejects.toMatchObject({
				message: 'Xobin could not find AI interview 999: AI interview not found',
				description: expect.stringMatching(/AI Interviews dashboard/),
			});
		});

		test('an AI Interview ID that is not a whole number stops activation before Xobin is called', async () => {
			const xobin = await trigger({ aiInterviewId: 20.6 });

			await expect(xobin.activate()).rejects.toMatchObject({
				message: 'AI Interview ID must be a whole number above zero, got "20.6"',
			});
			expect(mock().requests).toEqual([]);
		});

		test('a failed switch-off is reported and the registration kept, so deactivating again retries it', async () => {
			const xobin = await trigger();
			await xobin.activate();
			mock().queueFault({ path: SETTINGS_PATH, status: 500, body: { error: 'Internal Server Error' } });

			await expect(xobin.deactivate()).rejects.toMatchObject({
				message: 'Xobin could not complete the request (HTTP 500): Internal Server Error',
			});
			expect(registrationOf(xobin)).toEqual(expect.objectContaining({ aiInterviewId: 206 }));
			await expect(xobin.deactivate()).resolves.toBe(true);
			expect(mock().webhookSettings(206)?.submission?.status).toBe(false);
		});

		test('an interview deleted in Xobin meanwhile counts as switched off', async () => {
			const xobin = await trigger();
			await xobin.activate();
			mock().queueFault({ path: SETTINGS_PATH, status: 404, body: { error: 'AI interview not found' } });

			await expect(xobin.deactivate()).resolves.toBe(true);
			expect(registrationOf(xobin)).toBeUndefined();
		});

		test('calls about another interview, or for an event not chosen, are acknowledged but start nothing', async () => {
			const xobin = await trigger({ events: ['completed'] });
			await xobin.activate();
			const headers = { [SECRET_HEADER]: secretSentWith(settingsRequests()[0]) };

			const otherInterview = await mock().deliverWebhook(
				completedUrl(xobin),
				{ ...START_PAYLOAD, ai_interview_id: 305, invite_status: 'Completed', score: 80 },
				headers,
			);
			const otherEvent = await mock().deliverWebhook(startedUrl(xobin), START_PAYLOAD, headers);

			expect(otherInterview).toEqual(
				expect.objectContaining({ status: 200, body: { message: 'Ignored: this trigger listens to AI interview 206 only' } }),
			);
			expect(otherEvent).toEqual(
				expect.objectContaining({
					status: 200,
					body: { message: 'Ignored: this trigger does not listen for AI Interview Started' },
				}),
			);
			expect(xobin.executions).toEqual([]);
		});

		test('a body without an AI interview id, or without anything telling the candidate, gets 400 and starts nothing', async () => {
			const xobin = await trigger({ events: ['started', 'completed'] });
			await xobin.activate();
			const headers = { [SECRET_HEADER]: secretSentWith(settingsRequests()[0]) };

			const answers = [
				await mock().deliverWebhook(startedUrl(xobin), {}, headers),
				await mock().deliverWebhook(completedUrl(xobin), { ai_interview_id: 206, invite_status: 'Completed' }, headers),
				await mock().deliverWebhook(completedUrl(xobin), { ai_interview_id: 206, candidate_email: ' ' }, headers),
				await mock().deliverWebhook(completedUrl(xobin), { response_id: 6726, invite_status: 'Completed' }, headers),
			];

			expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400, 400]);
			expect(answers[1].body).toEqual({
				message: 'Expected a JSON object from Xobin with ai_interview_id and response_id (or candidate_id or candidate_email)',
			});
			expect(xobin.executions).toEqual([]);
		});

		test('the Submission payload exactly as Xobin documents it (no response_id) starts the workflow once, and the item says response_id is missing', async () => {
			const xobin = await trigger({ events: ['completed'] });
			await xobin.activate();
			const headers = { [SECRET_HEADER]: secretSentWith(settingsRequests()[0]) };

			const first = await mock().deliverWebhook(completedUrl(xobin), DOCUMENTED_SUBMISSION, headers);
			const again = await mock().deliverWebhook(completedUrl(xobin), DOCUMENTED_SUBMISSION, headers);
			const byEmail = { ...DOCUMENTED_SUBMISSION, candidate_id: undefined, candidate_email: 'Sam@Example.com', completed_date: 'Jul 06, 2025, 9:00:00 AM' };
			const other = await mock().deliverWebhook(completedUrl(xobin), byEmail, headers);

			expect([first.status, again.status, other.status]).toEqual([200, 200, 200]);
			expect(again.body).toEqual({
				message: 'Ignored: completed:206:candidate-7054:Completed:Jul 05, 2025, 4:42:45 AM was already delivered',
			});
			expect(xobin.executions.map((run) => run[0][0].json)).toEqual([
				{
					...DOCUMENTED_SUBMISSION,
					responseIdMissing: true,
					event: 'AI Interview Completed',
					deliveryKey: 'completed:206:candidate-7054:Completed:Jul 05, 2025, 4:42:45 AM',
				},
				expect.objectContaining({
					candidate_email: 'Sam@Example.com',
					responseIdMissing: true,
					deliveryKey: 'completed:206:email-sam@example.com:Completed:Jul 06, 2025, 9:00:00 AM',
				}),
			]);
		});

		test('the same delivery twice starts one run; a new event about the same candidate starts another', async () => {
			const xobin = await trigger({ events: ['started', 'completed'] });
			await xobin.activate();
			const headers = { [SECRET_HEADER]: secretSentWith(settingsRequests()[0]) };

			const first = await mock().deliverWebhook(startedUrl(xobin), START_PAYLOAD, headers);
			xobin.restart();
			const again = await mock().deliverWebhook(startedUrl(xobin), START_PAYLOAD, headers);
			await mock().completeInterview(6726);

			expect(first.body).toEqual({ message: 'Workflow was started' });
			expect(again).toEqual(expect.objectContaining({ status: 200, body: { message: 'Ignored: started:6726:Started was already delivered' } }));
			expect(xobin.executions.map((run) => run[0][0].json.deliveryKey)).toEqual(['started:6726:Started', 'completed:6726:Completed']);
		});

		test.each(['keyValue', 'headerApikey'] as const)(
			'Xobin reading the api-key auth as %s still sends the secret, so its calls pass the check',
			async (spelling) => {
				mock().setWebhookAuthSpelling(spelling);
				const xobin = await trigger();
				await xobin.activate();

				const answer = await mock().completeInterview(6726);

				expect(answer?.status).toBe(200);
				expect(mock().deliveries[0].headers).toEqual({ [SECRET_HEADER]: secretSentWith(settingsRequests()[0]) });
				expect(xobin.executions).toHaveLength(1);
			},
		);

		test('"Listen for test event" registers the test URL, and Xobin\'s call reaches it', async () => {
			const xobin = await trigger();

			await xobin.activate({ test: true });
			await mock().completeInterview(6726);

			expect(mock().webhookSettings(206)?.submission?.url).toBe(xobin.testUrl);
			expect(xobin.calls.map((call) => [call.path, call.status])).toEqual([[new URL(xobin.testUrl).pathname, 200]]);
			expect(xobin.executions).toHaveLength(1);

			await xobin.deactivate({ test: true });
			expect(mock().webhookSettings(206)?.submission).toEqual({ status: false, url: xobin.testUrl });
		});

		test('"Listen for test event" on an active workflow is refused before any request, saying what to do; production keeps its webhooks', async () => {
			const xobin = await trigger({ events: ['completed', 'started'] });
			await xobin.activate();
			const registered = mock().webhookSettings(206);

			await expect(xobin.activate({ test: true })).rejects.toMatchObject({
				message:
					"Can't listen for a test event while this workflow receives AI Interview Completed and AI Interview Started from Xobin: deactivate it first, or send a test delivery to its production URL",
				description: expect.stringMatching(/deactivate \(in n8n 2\.x: unpublish\) this workflow and listen again/),
			});
			await xobin.deactivate({ test: true }); // n8n removes the test webhooks after a failed start

			expect(settingsRequests()).toHaveLength(1);
			expect(mock().webhookSettings(206)).toEqual(registered);
			await expect(mock().completeInterview(6726)).resolves.toMatchObject({ status: 200 });
			expect(xobin.calls.map((call) => call.path)).toEqual([new URL(completedUrl(xobin)).pathname]);
			expect(xobin.executions).toHaveLength(1);

			await xobin.deactivate();
			await xobin.activate({ test: true });
			expect(mock().webhookSettings(206)?.submission?.url).toBe(xobin.testUrl);
		});

		test('a workflow activated while listening for a test event keeps its webhooks when the test ends', async () => {
			const xobin = await trigger({ events: ['completed', 'started'] });
			await xobin.activate({ test: true });
			await xobin.activate();

			await xobin.deactivate({ test: true });

			expect(settingsRequests()).toHaveLength(2);
			expect(mock().webhookSettings(206)?.submission).toEqual({ status: true, url: completedUrl(xobin) });
			expect(mock().webhookSettings(206)?.start).toEqual({ status: true, url: startedUrl(xobin) });
			await mock().completeInterview(6726);
			expect(xobin.executions).toHaveLength(1);
		});

		test('test listening in another workflow is refused where an active workflow is registered (same interview, or account-wide), and allowed elsewhere', async () => {
			const live = await trigger({}, 'live-workflow');
			await live.activate();
			const otherEvent = await trigger({ events: ['started'] }, 'draft-workflow');
			const accountWide = await trigger({ scope: 'account', events: ['started'] }, 'draft-workflow');
			const elsewhere = await trigger({ aiInterviewId: 305 }, 'draft-workflow');

			const refusal = "Can't listen for a test event while the active workflow \"Harness trigger workflow\" (ID live-workflow) receives AI Interview Completed from Xobin";
			await expect(otherEvent.activate({ test: true })).rejects.toThrow(refusal);
			await expect(accountWide.activate({ test: true })).rejects.toThrow(refusal);
			await elsewhere.activate({ test: true });

			expect(settingsRequests().map((request) => request.path)).toEqual([
				'/api/v2/ai-interviews/settings/webhooks/206',
				'/api/v2/ai-interviews/settings/webhooks/305',
			]);
			await mock().completeInterview(6726);
			expect(live.executions).toHaveLength(1);
		});
	});

	describe('manual setup', () => {
		test('never calls Xobin, and a call carrying the pasted secret starts the workflow', async () => {
			const xobin = await trigger({ setup: 'manual', webhookSecret: PASTED_SECRET, events: ['started'] });

			await xobin.activate();
			const accepted = await mock().deliverWebhook(startedUrl(xobin), START_PAYLOAD, { [SECRET_HEADER]: PASTED_SECRET });
			const refused = await mock().deliverWebhook(startedUrl(xobin), START_PAYLOAD);
			await xobin.deactivate();

			expect(mock().requests).toEqual([]);
			expect([accepted.status, refused.status]).toEqual([200, 401]);
			expect(xobin.executions.map((run) => run[0][0].json)).toEqual([
				{ ...START_PAYLOAD, event: 'AI Interview Started', deliveryKey: 'started:6726:Started' },
			]);
		});

		test('a secret shorter than 16 characters stops activation with how to fix it', async () => {
			const xobin = await trigger({ setup: 'manual', webhookSecret: 'short' });

			await expect(xobin.activate()).rejects.toMatchObject({
				message: 'Webhook Secret must be at least 16 characters long',
				description: expect.stringMatching(/password generator/),
			});
		});

		test('the event comes from the URL Xobin called, never from the payload', async () => {
			const xobin = await trigger({ setup: 'manual', webhookSecret: PASTED_SECRET, scope: 'account', events: ['started', 'completed'] });
			await xobin.activate();
			const headers = { [SECRET_HEADER]: PASTED_SECRET };
			const withoutStatus: IDataObject = { ...START_PAYLOAD, score: 64, event: 'AI Interview Completed' };
			delete withoutStatus.invite_status;

			await mock().deliverWebhook(startedUrl(xobin), withoutStatus, headers);
			await mock().deliverWebhook(completedUrl(xobin), { ...START_PAYLOAD, event: 'Something Else' }, headers);

			expect(xobin.executions.map((run) => run[0][0].json.event)).toEqual(['AI Interview Started', 'AI Interview Completed']);
		});
	});
});

// Assessments: the same lifecycle through Xobin's assessment webhook settings (POST /webhooks and
// POST /webhooks/<assessment_id>), with the secret also in the URL, since Xobin's docs do not show
// how assessment webhooks authenticate.
describe('Xobin Trigger: assessments', () => {
	const mock = useMockXobin();
	const started: HarnessTrigger[] = [];

	afterEach(async () => {
		await Promise.all(started.splice(0).map(async (trigger) => await trigger.close()));
	});

	/** Assessment 53280's seeded report 319: Garrett Bolton, Pending (fact sheet A4.2). */
	const REPORT = 319;
	const ASSESSMENT = 53280;

	async function trigger(parameters: IDataObject = {}): Promise<HarnessTrigger> {
		const created = await startTrigger({
			nodeType: 'xobinTrigger',
			parameters: {
				product: 'assessment',
				assessmentEvents: ['assessmentSubmitted'],
				assessmentScope: 'assessment',
				assessmentId: ASSESSMENT,
				...parameters,
			},
			credentials: { xobinApi: { apiKey: MOCK_API_KEY, baseUrl: mock().url } },
		});
		started.push(created);
		return created;
	}

	/** The URL n8n serves for an event: the one whose path ends with it. */
	function urlOf(xobin: HarnessTrigger, path: string): string {
		const url = xobin.urls().find((candidate) => candidate.endsWith(`/${path}`));
		if (!url) throw new Error(`n8n serves no URL ending in /${path}`);
		return url;
	}

	const settingsRequests = () => requestsTo(mock(), /^\/api\/v2\/webhooks/);
	const bodyOf = (request: RecordedRequest) =>
		request.body as { webhooks: Record<string, IDataObject> };
	const secretOf = (request: RecordedRequest) =>
		(bodyOf(request).webhooks.auth.apikey as IDataObject).value as string;
	const withSecret = (url: string, secret: string) => `${url}?secret=${secret}`;

	function registrationOf(xobin: HarnessTrigger): IDataObject | undefined {
		return (xobin.staticData()['node:Xobin Trigger'] as IDataObject | undefined)
			?.xobinRegistration as IDataObject | undefined;
	}

	test('one assessment: activating registers each event URL, carrying the secret, and the secret header in its webhook settings', async () => {
		const xobin = await trigger({ assessmentEvents: ['assessmentSubmitted', 'assessmentStarted'] });

		await expect(xobin.activate()).resolves.toEqual({ created: true });

		const [request] = settingsRequests();
		const secret = secretOf(request);
		expect([request.method, request.path]).toEqual(['POST', `/api/v2/webhooks/${ASSESSMENT}`]);
		expect(request.body).toEqual({
			webhooks: {
				start: { status: true, url: withSecret(urlOf(xobin, 'assessment-started'), secret) },
				submission: { status: true, url: withSecret(urlOf(xobin, 'assessment-submitted'), secret) },
				auth: {
					type: 'apikey',
					status: true,
					apikey: { key: SECRET_HEADER, value: secret, header: SECRET_HEADER, apikey: secret },
				},
			},
			updateAuth: true,
		});
		expect(secret).toMatch(/^[0-9a-f]{64}$/);
		expect(registrationOf(xobin)).toEqual({
			product: 'assessment',
			scope: 'assessment',
			assessmentId: ASSESSMENT,
			events: ['assessmentStarted', 'assessmentSubmitted'],
			urls: {
				assessmentStarted: urlOf(xobin, 'assessment-started'),
				assessmentSubmitted: urlOf(xobin, 'assessment-submitted'),
			},
			secret,
		});
	});

	test('a candidate starting and submitting starts one run each, with the payload, report_id, started_at as ISO and the event name', async () => {
		const xobin = await trigger({ assessmentEvents: ['assessmentStarted', 'assessmentSubmitted'] });
		await xobin.activate();

		await mock().startAssessment(REPORT);
		await mock().submitAssessment(REPORT);

		expect(mock().deliveries.map((delivery) => [delivery.event, delivery.status])).toEqual([
			['assessmentStart', 200],
			['assessmentSubmission', 200],
		]);
		const [[[start]], [[submission]]] = xobin.executions;
		const startedAt = mock().deliveries[0].payload.started_at as number;
		expect(start.json).toEqual({
			id: REPORT,
			assessment_id: ASSESSMENT,
			started_at: startedAt,
			name: 'Garrett Bolton',
			email: mock().deliveries[0].payload.email,
			report_id: REPORT,
			started_at_iso: new Date(startedAt).toISOString(),
			event: 'Assessment Started',
			deliveryKey: `assessmentStarted:${REPORT}`,
		});
		expect(submission.json).toEqual({
			...mock().deliveries[1].payload,
			report_id: REPORT,
			event: 'Assessment Submitted',
			deliveryKey: `assessmentSubmitted:${REPORT}`,
		});
		expect(Object.keys(submission.json).slice(-2)).toEqual(['event', 'deliveryKey']);
	});

	test('account-wide: registers start, submission and updates with updateAll, and hears about any assessment', async () => {
		const xobin = await trigger({
			assessmentScope: 'account',
			assessmentEvents: ['assessmentStarted', 'assessmentSubmitted', 'assessmentUpdated'],
		});
		await xobin.activate();

		const [request] = settingsRequests();
		const secret = secretOf(request);
		expect([request.method, request.path]).toEqual(['POST', '/api/v2/webhooks']);
		expect(request.body).toEqual({
			webhooks: {
				start: { status: true, url: withSecret(urlOf(xobin, 'assessment-started'), secret) },
				submission: { status: true, url: withSecret(urlOf(xobin, 'assessment-submitted'), secret) },
				updates: { status: true, url: withSecret(urlOf(xobin, 'assessment-updated'), secret) },
				auth: expect.objectContaining({ type: 'apikey' }),
			},
			updateAll: true,
			updateAuth: true,
		});

		await mock().startAssessment(REPORT);
		await mock().submitAssessment(318);
		await mock().updateAssessment(12345, { event: 'assessments.create', name: 'Warehouse Safety' });

		expect(
			xobin.executions.map((run) => [run[0][0].json.event, run[0][0].json.assessment_id]),
		).toEqual([
			['Assessment Started', ASSESSMENT],
			['Assessment Submitted', 138],
			['Assessment Created or Updated', 12345],
		]);
		const change = xobin.executions[2][0][0].json;
		expect(change).toEqual({
			...mock().deliveries[2].payload,
			assessment_id: 12345,
			xobin_event: 'assessments.create',
			event: 'Assessment Created or Updated',
			deliveryKey: `assessmentUpdated:assessments.create:12345:${String(mock().deliveries[2].payload.timestamp)}`,
		});
		expect((change.data as IDataObject).assessment_name).toBe('Warehouse Safety');
	});

	test('Assessment Created or Updated with one assessment stops activation before any request, saying how to fix it', async () => {
		const automatic = await trigger({
			assessmentEvents: ['assessmentStarted', 'assessmentUpdated'],
		});
		const manual = await trigger({
			setup: 'manual',
			webhookSecret: PASTED_SECRET,
			assessmentEvents: ['assessmentUpdated'],
		});

		for (const xobin of [automatic, manual]) {
			await expect(xobin.activate()).rejects.toMatchObject({
				message: "Assessment Created or Updated needs 'Scope' All Assessments (Account-Wide)",
				description: expect.stringMatching(
					/Set 'Scope' to All Assessments \(Account-Wide\), or remove/,
				),
			});
		}
		expect(mock().requests).toEqual([]);
	});

	test('the secret passes in the header or in the URL; a call without it, or with a wrong one, gets 401 and starts nothing', async () => {
		const xobin = await trigger({ assessmentEvents: ['assessmentStarted'] });
		await xobin.activate();
		const secret = secretOf(settingsRequests()[0]);
		const url = urlOf(xobin, 'assessment-started');
		const payload = (report: number) => ({
			id: report,
			assessment_id: ASSESSMENT,
			started_at: 1737521866717,
		});

		const refused = [
			await mock().deliverWebhook(url, payload(1)),
			await mock().deliverWebhook(url, payload(2), { [SECRET_HEADER]: 'guess' }),
			await mock().deliverWebhook(withSecret(url, secret.slice(0, -1)), payload(3)),
			// The URL's secret counts for assessment URLs only: AI-interview calls need the header.
			await mock().deliverWebhook(withSecret(urlOf(xobin, 'started'), secret), START_PAYLOAD),
		];
		const byHeader = await mock().deliverWebhook(url, payload(5), { [SECRET_HEADER]: secret });
		const byUrl = await mock().deliverWebhook(withSecret(url, secret), payload(6));

		expect(refused.map((answer) => answer.status)).toEqual([401, 401, 401, 401]);
		expect(refused[0].body).toEqual({
			message: `Missing or wrong ${SECRET_HEADER} header or secret query parameter`,
		});
		expect(refused[3].body).toEqual({ message: `Missing or wrong ${SECRET_HEADER} header` });
		expect([byHeader.status, byUrl.status]).toEqual([200, 200]);
		expect(xobin.executions.map((run) => run[0][0].json.report_id)).toEqual([5, 6]);
	});

	test('a Xobin that ignores the webhook auth for assessments still delivers: the secret rides in the URL', async () => {
		mock().setAssessmentWebhookAuthIgnored(true);
		const xobin = await trigger();
		await xobin.activate();

		await mock().submitAssessment(REPORT);

		expect(mock().assessmentWebhookSettings(ASSESSMENT)?.auth).toBeUndefined();
		expect(mock().deliveries[0].headers).not.toHaveProperty(SECRET_HEADER);
		expect(mock().deliveries[0].status).toBe(200);
		expect(xobin.executions).toHaveLength(1);
	});

	test('calls about another assessment, repeats and bodies without the ids start nothing', async () => {
		const xobin = await trigger({ assessmentEvents: ['assessmentStarted', 'assessmentSubmitted'] });
		await xobin.activate();
		const headers = { [SECRET_HEADER]: secretOf(settingsRequests()[0]) };
		const url = urlOf(xobin, 'assessment-started');
		const start = {
			id: 2196821,
			assessment_id: ASSESSMENT,
			started_at: 1737521866717,
			name: 'Garrett Bolton',
		};

		const answers = [
			await mock().deliverWebhook(url, { ...start, assessment_id: 138 }, headers),
			await mock().deliverWebhook(url, start, headers),
			await mock().deliverWebhook(url, start, headers),
			await mock().deliverWebhook(url, { assessment_id: ASSESSMENT }, headers),
			await mock().deliverWebhook(
				urlOf(xobin, 'assessment-submitted'),
				{ report_id: 318 },
				headers,
			),
			await mock().deliverWebhook(
				urlOf(xobin, 'assessment-updated'),
				{ data: { assessment_id: 1 } },
				headers,
			),
		];

		expect(answers.map((answer) => [answer.status, answer.body])).toEqual([
			[200, { message: `Ignored: this trigger listens to assessment ${ASSESSMENT} only` }],
			[200, { message: 'Workflow was started' }],
			[200, { message: 'Ignored: assessmentStarted:2196821 was already delivered' }],
			[
				400,
				{ message: 'Expected a JSON object from Xobin with assessment_id and id (or report_id)' },
			],
			[
				400,
				{ message: 'Expected a JSON object from Xobin with assessment_id and id (or report_id)' },
			],
			[200, { message: 'Ignored: this trigger does not listen for Assessment Created or Updated' }],
		]);
		expect(xobin.executions.map((run) => run[0][0].json)).toEqual([
			expect.objectContaining({ report_id: 2196821, started_at_iso: '2025-01-22T04:57:46.717Z' }),
		]);
	});

	test('deactivating switches the registered events off through the same endpoint and forgets the registration', async () => {
		const one = await trigger({ assessmentEvents: ['assessmentStarted', 'assessmentSubmitted'] });
		const account = await trigger({
			assessmentScope: 'account',
			assessmentEvents: ['assessmentUpdated'],
		});
		await one.activate();
		await account.activate();

		await expect(one.deactivate()).resolves.toBe(true);
		await expect(account.deactivate()).resolves.toBe(true);

		const [, , offOne, offAccount] = settingsRequests();
		expect([offOne.path, offOne.body]).toEqual([
			`/api/v2/webhooks/${ASSESSMENT}`,
			{
				webhooks: {
					start: { status: false, url: urlOf(one, 'assessment-started') },
					submission: { status: false, url: urlOf(one, 'assessment-submitted') },
				},
				updateAuth: false,
			},
		]);
		expect([offAccount.path, offAccount.body]).toEqual([
			'/api/v2/webhooks',
			{
				webhooks: { updates: { status: false, url: urlOf(account, 'assessment-updated') } },
				updateAuth: false,
				updateAll: true,
			},
		]);
		expect(mock().assessmentWebhookSettings(ASSESSMENT)?.submission?.status).toBe(false);
		expect(mock().assessmentWebhookSettings()?.updates?.status).toBe(false);
		expect([registrationOf(one), registrationOf(account)]).toEqual([undefined, undefined]);
		await expect(mock().submitAssessment(REPORT)).resolves.toBeUndefined();
	});

	test('"Listen for test event" on an active workflow is refused before any request; production keeps its webhooks', async () => {
		const xobin = await trigger();
		await xobin.activate();

		await expect(xobin.activate({ test: true })).rejects.toThrow(
			"Can't listen for a test event while this workflow receives Assessment Submitted from Xobin",
		);
		await xobin.deactivate({ test: true });

		expect(settingsRequests()).toHaveLength(1);
		await expect(mock().submitAssessment(REPORT)).resolves.toMatchObject({ status: 200 });
		expect(xobin.executions).toHaveLength(1);
	});

	test('an assessment deleted in Xobin meanwhile counts as switched off; an unknown one fails the activation and names it', async () => {
		const xobin = await trigger();
		await xobin.activate();
		mock().queueFault({
			path: /\/webhooks\//,
			status: 404,
			body: { error: 'Assessment not found' },
		});
		await expect(xobin.deactivate()).resolves.toBe(true);
		expect(registrationOf(xobin)).toBeUndefined();

		const unknown = await trigger({ assessmentId: 999 });
		await expect(unknown.activate()).rejects.toMatchObject({
			message: 'Xobin could not find assessment 999: Assessment not found',
			description: expect.stringMatching(/Assessments dashboard/),
		});
	});

	test('manual setup never calls Xobin; a call carrying the pasted secret in the URL starts the workflow', async () => {
		const xobin = await trigger({
			setup: 'manual',
			webhookSecret: PASTED_SECRET,
			assessmentEvents: ['assessmentStarted'],
		});
		await xobin.activate();
		const url = urlOf(xobin, 'assessment-started');
		const start = { id: 2196821, assessment_id: ASSESSMENT, started_at: 1737521866717 };

		const accepted = await mock().deliverWebhook(withSecret(url, PASTED_SECRET), start);
		const refused = await mock().deliverWebhook(url, { ...start, id: 2196822 });

		expect(mock().requests).toEqual([]);
		expect([accepted.status, refused.status]).toEqual([200, 401]);
		expect(xobin.executions).toHaveLength(1);
	});

	test('an AI-interview trigger ignores calls to the assessment URLs', async () => {
		const xobin = await trigger({
			product: 'aiInterview',
			events: ['completed'],
			scope: 'interview',
			aiInterviewId: 206,
		});
		await xobin.activate();
		const secret = (
			requestsTo(mock(), /ai-interviews\/settings/)[0].body as {
				webhooks: { auth: { apikey: { value: string } } };
			}
		).webhooks.auth.apikey.value;

		const answer = await mock().deliverWebhook(
			urlOf(xobin, 'assessment-submitted'),
			{ id: REPORT, assessment_id: ASSESSMENT },
			{ [SECRET_HEADER]: secret },
		);

		expect(answer.body).toEqual({
			message: 'Ignored: this trigger does not listen for Assessment Submitted',
		});
		expect(xobin.executions).toEqual([]);
	});
});
