// What both Download Report PDF operations share: the output binary field, and Xobin's PDF as an
// item whose file has a usable name and MIME type, ready for the Gmail, Drive or Slack nodes.

import type {
	IBinaryKeyData,
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { XobinResponse } from '../transport/types';

export function binaryFieldProperty(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		displayOptions,
		hint: 'The name of the output binary field to put the file in',
		description:
			'Nodes such as Gmail (attachments) and Google Drive (upload) read the file from this field',
	};
}

/** The binary field the PDF goes into, checked before anything is sent. */
export function readBinaryFieldName(context: IExecuteFunctions, itemIndex: number): string {
	const name = String(context.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	if (name !== '') return name;
	const message = `Put Output File in Field is empty [item ${itemIndex}]`;
	throw new NodeOperationError(context.getNode(), message, {
		itemIndex,
		description:
			'Enter a field name for the PDF, such as "data" (the name the Gmail and Google Drive nodes expect by default).',
	});
}

/** The input item with the PDF added in `field`; `fallbackName` when Xobin sends no file name. */
export async function toPdfItem(
	context: IExecuteFunctions,
	item: INodeExecutionData,
	itemIndex: number,
	field: string,
	response: XobinResponse,
	fallbackName: string,
): Promise<INodeExecutionData> {
	const file = await context.helpers.prepareBinaryData(
		response.body as Buffer,
		fileNameOf(response, fallbackName),
		mimeTypeOf(response),
	);
	const binary: IBinaryKeyData = { ...item.binary, [field]: file };
	return { json: { ...item.json } as IDataObject, binary, pairedItem: { item: itemIndex } };
}

/** Xobin's own file name when it sends one (Content-Disposition), else the fallback. */
function fileNameOf(response: XobinResponse, fallbackName: string): string {
	const disposition = String(response.headers['content-disposition'] ?? '');
	const encoded = /filename\*\s*=\s*(?:UTF-8'[^']*')?([^;]+)/i.exec(disposition)?.[1];
	const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition)?.[1];
	let name = plain ?? '';
	try {
		if (encoded) name = decodeURIComponent(encoded.trim().replace(/^"|"$/g, ''));
	} catch {
		// A malformed filename* leaves the plain filename.
	}
	// Keep only the last path segment and characters every file system accepts.
	name =
		[...(name.split(/[\\/]/).pop() ?? '')]
			.filter((char) => char.charCodeAt(0) >= 32 && !'<>:"|?*'.includes(char))
			.join('')
			.trim() || fallbackName;
	return /\.pdf$/i.test(name) ? name : `${name}.pdf`;
}

/** The PDF's MIME type; a generic or missing Content-Type still means a PDF here. */
function mimeTypeOf(response: XobinResponse): string {
	const header = String(response.headers['content-type'] ?? '');
	const type = header.split(';')[0].trim().toLowerCase();
	return ['', 'application/octet-stream'].includes(type) ? 'application/pdf' : type;
}
