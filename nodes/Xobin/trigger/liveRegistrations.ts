// The production registrations this n8n process holds in Xobin, by workflow and node. "Listen for
// test event" runs the webhook methods on a copy of the workflow whose static data starts empty
// (n8n's TestWebhooks), so it cannot see the stored record: this in-memory list is how test
// listening knows to stay off what an active workflow receives. One process's memory: with
// several main instances, a follower knows only the activations it saw.

import { createHash } from 'crypto';
import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { XOBIN_CREDENTIAL_TYPE } from '../transport/constants';
import { EVENTS } from './events';
import type { Registration } from './registration';
import { sameRegistration, targetOf } from './registration';

type Owner = Awaited<ReturnType<typeof ownerOf>>;

const live = new Map<string, Owner & { registration: Registration }>();
const keyOf = (owner: Owner) => `${owner.workflowId}|${owner.node}`;

/** The workflow, node and Xobin account (a hash: the key is not kept) a registration belongs to. */
export async function ownerOf(context: IHookFunctions) {
	const node = context.getNode();
	const workflow = context.getWorkflow();
	const { baseUrl, apiKey } = await context.getCredentials(XOBIN_CREDENTIAL_TYPE);
	return {
		workflowId: String(workflow.id),
		workflowName: workflow.name ?? '',
		node: node.webhookId ?? node.name,
		account: createHash('sha256')
			.update(`${String(baseUrl)}\n${String(apiKey)}`)
			.digest('hex'),
	};
}

/** Records the production registration that workflow's node holds in Xobin, or forgets it. */
export function holdLive(owner: Owner, registration?: Registration): void {
	if (registration) live.set(keyOf(owner), { ...owner, registration });
	else live.delete(keyOf(owner));
}

/** Whether this is the production registration that workflow's node holds. */
export function isLive(owner: Owner, registration: Registration) {
	const held = live.get(keyOf(owner))?.registration;
	return held !== undefined && sameRegistration(held, registration);
}

/**
 * The production registrations that share Xobin settings with a registration: same account and
 * product, and the same interview or assessment or either account-wide. Xobin keeps one URL per
 * event and one webhook auth there, so registering anything in them changes what production gets.
 */
export function liveIn(account: string, registration: Registration) {
	const [product, id] = targetOf(registration);
	return [...live.values()].filter((held) => {
		const [heldProduct, heldId] = targetOf(held.registration);
		return (
			held.account === account &&
			heldProduct === product &&
			(heldId === undefined || id === undefined || heldId === id)
		);
	});
}

/**
 * Registering the test URL where a production registration is would take its events away, during
 * the test and after it (n8n's own single-webhook triggers refuse test listening the same way).
 */
export function refuseWhileLive(
	context: IHookFunctions,
	account: string,
	registration: Registration,
) {
	const holders = liveIn(account, registration);
	if (holders.length === 0) return;
	const here = String(context.getWorkflow().id);
	const whose = holders.some(({ workflowId }) => workflowId === here)
		? 'this workflow'
		: `the active workflow ${[...new Set(holders.map(({ workflowId, workflowName }) => `"${workflowName}" (ID ${workflowId})`))].join(', ')}`;
	const events = [...new Set(holders.flatMap((holder) => holder.registration.events))];
	const names = events.map((event) => EVENTS[event].name).join(' and ');
	throw new NodeOperationError(
		context.getNode(),
		`Can't listen for a test event while ${whose} receives ${names} from Xobin: deactivate it first, or send a test delivery to its production URL`,
		{
			description: `Xobin keeps one URL per event and one webhook secret for each interview or assessment (and account-wide), and ${whose} is registered there: listening for a test event would take its webhooks away, so nothing was changed in Xobin. Either deactivate (in n8n 2.x: unpublish) ${whose} and listen again, or keep it active and let a test candidate start or complete the interview or assessment: the delivery goes to the production URL and shows up under Executions.`,
		},
	);
}
