// The shapes every transport caller and the error table share. A leaf module: it imports nothing of
// the package, so transport/index.ts, transport/errors.ts and the operations never import in a circle.

import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

/**
 * The n8n contexts that may call Xobin: an operation's execution, a trigger's webhook methods, a
 * poll, or the editor loading a list (tracks, stages).
 */
export type XobinContext =
	| IExecuteFunctions
	| IHookFunctions
	| IWebhookFunctions
	| IPollFunctions
	| ILoadOptionsFunctions;

/** An answer Xobin gave: status, headers, and the body parsed (JSON), as a Buffer (PDF) or as text. */
export interface XobinResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

/** Paces parallel requests: the transport takes a slot for each attempt and reports how it went. */
export interface Pacer {
	acquire(): Promise<void>;
	release(): void;
	onBusy(waitMs: number): void;
	onSuccess(): void;
}

/** Names what a 404 could not find ("AI interview 305") and how to find the right ID. */
export interface NotFound {
	what: string;
	fix: string;
}

/**
 * An answer that means Xobin did not act on the request, recognised by its status and/or Xobin's
 * words (also a 2xx with `success: false`), and told in the operation's own words.
 */
export interface KnownRefusal {
	/** Only answers with this HTTP status. */
	status?: number;
	/** Only answers whose message (Xobin's `message`, else `error`) matches. */
	said?: RegExp;
	/** What happened, without the item; Xobin's words and the item are appended. */
	message: string;
	/** How to fix it. */
	fix: string;
}

export interface XobinRequest {
	method: IHttpRequestMethods;
	endpoint: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** The input item the request serves; errors name it. Left out for trigger registration. */
	itemIndex?: number;
	/** What a successful answer is: a JSON object (default), a JSON list, or a PDF file. */
	expect?: 'object' | 'list' | 'pdf';
	/** Keys a successful JSON object must carry, as Xobin's docs promise (e.g. invite_link); "a|b" accepts either. */
	requires?: string[];
	/** The request changes nothing in Xobin, so an answer lost on the way may be asked for again. */
	idempotent?: boolean;
	/** Whether to wait and retry when Xobin answers 429 / 503 or cannot be reached. Default true. */
	retryBusy?: boolean;
	/** Non-2xx answers the caller reads itself (invites exhausted, report not finished yet). */
	passThrough?: (response: XobinResponse) => boolean;
	notFound?: NotFound;
	/** Answers that mean Xobin refused (did not act), with the message and fix for each. */
	refusals?: KnownRefusal[];
	/** What an answer lost after sending means for this request, and how to check. */
	lostAnswer?: string;
	pacer?: Pacer;
}
