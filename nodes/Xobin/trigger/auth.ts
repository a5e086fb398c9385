// How the Xobin Trigger knows a call comes from Xobin: every registration gets a fresh random
// secret that Xobin sends back in the X-Xobin-Webhook-Secret header (Xobin's "apikey" webhook
// authentication), and for assessments also in the URL's `secret` query parameter, since Xobin's
// docs do not show how assessment webhooks authenticate. Calls without it are answered 401.

import { createHash, randomBytes, timingSafeEqual } from 'crypto';
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export const WEBHOOK_SECRET_HEADER = 'X-Xobin-Webhook-Secret';
export const WEBHOOK_SECRET_QUERY = 'secret';

/** Shortest secret the trigger accepts in manual setup: long enough that guessing it is hopeless. */
export const MIN_WEBHOOK_SECRET_LENGTH = 16;

/** A fresh secret for one registration: 256 bits from the operating system's CSPRNG, as hex. */
export function newSecret(): string {
	return randomBytes(32).toString('hex');
}

/** Compared in constant time, both sides hashed first: neither content nor length leaks. */
function secretsMatch(given: unknown, expected: string): boolean {
	if (typeof given !== 'string' || expected === '') return false;
	const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
	return timingSafeEqual(digest(given), digest(expected));
}

/** Why a call is refused (where the secret was expected), or undefined when it carries it. */
export function missingSecret(
	context: IWebhookFunctions,
	expected: string,
	inQueryToo: boolean,
): string | undefined {
	const header = context.getHeaderData()[WEBHOOK_SECRET_HEADER.toLowerCase()];
	const query = (context.getQueryData() as IDataObject)[WEBHOOK_SECRET_QUERY];
	if (secretsMatch(header, expected) || (inQueryToo && secretsMatch(query, expected)))
		return undefined;
	return `Missing or wrong ${WEBHOOK_SECRET_HEADER} header${inQueryToo ? ` or ${WEBHOOK_SECRET_QUERY} query parameter` : ''}`;
}

/** Manual setup: the secret the user pasted into Xobin must be long enough to be one. */
export function checkManualSecret(context: IHookFunctions): void {
	const secret = String(context.getNodeParameter('webhookSecret', ''));
	if (secret.length >= MIN_WEBHOOK_SECRET_LENGTH) return;
	throw new NodeOperationError(
		context.getNode(),
		`Webhook Secret must be at least ${MIN_WEBHOOK_SECRET_LENGTH} characters long`,
		{
			description: `It is ${secret.length}. Use a long random value, e.g. from a password generator, and paste the same value into the ${WEBHOOK_SECRET_HEADER} header setting in Xobin's Workflows tab.`,
		},
	);
}
