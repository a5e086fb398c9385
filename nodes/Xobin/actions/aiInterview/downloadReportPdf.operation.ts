// AI Interview → Download Report PDF: POST /ai-interviews/report/<response_id>/download for each
// item. The PDF comes out as binary data (file name and MIME type set) next to the input item's
// fields, ready for the Gmail, Google Drive or Slack nodes.

import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Field } from '../../helpers/fields';
import { fillPath, readFields, toNodeProperties } from '../../helpers/fields';
import { runPerItem } from '../../helpers/outputs';
import { xobinRequest } from '../../transport';
import type { XobinResponse } from '../../transport/types';
import { forOperation, reportNotFound, responseIdField } from './common';

const displayOptions = forOperation('downloadReportPdf');

const PDF_MIME_TYPE = 'application/pdf';

export const downloadFields: Field[] = [responseIdField];

export const description: INodeProperties[] = [
	...toNodeProperties(downloadFields, displayOptions),
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		displayOptions,
		hint: 'The name of the output binary field to put the file in',
		description:
			'Nodes such as Gmail (attachments) and Google Drive (upload) read the file from this field',
	},
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, items, async (itemIndex, source) => {
		const { path } = readFields(source, downloadFields);
		const binaryPropertyName = String(
			this.getNodeParameter('binaryPropertyName', itemIndex, 'data'),
		).trim();
		if (binaryPropertyName === '') {
			throw new NodeOperationError(
				this.getNode(),
				`Put Output File in Field is empty [item ${itemIndex}]`,
				{
					itemIndex,
					description:
						'Enter a field name for the PDF, such as "data" (the name the Gmail and Google Drive nodes expect by default).',
				},
			);
		}
		const response = await xobinRequest(this, {
			method: 'POST',
			endpoint: fillPath('/ai-interviews/report/{response_id}/download', path),
			itemIndex,
			expect: 'pdf',
			idempotent: true,
			notFound: reportNotFound(path.response_id),
		});

		const file = await this.helpers.prepareBinaryData(
			response.body as Buffer,
			fileNameOf(response, path.response_id),
			mimeTypeOf(response),
		);
		const binary: IBinaryKeyData = {
			...(items[itemIndex].binary ?? {}),
			[binaryPropertyName]: file,
		};
		return [
			{
				json: { ...items[itemIndex].json } as IDataObject,
				binary,
				pairedItem: { item: itemIndex },
			},
		];
	});
}

/** Xobin's own file name when it sends one (Content-Disposition), else one naming the response. */
function fileNameOf(response: XobinResponse, responseId: unknown): string {
	const disposition = String(response.headers['content-disposition'] ?? '');
	const encoded = /filename\*\s*=\s*(?:UTF-8'[^']*')?([^;]+)/i.exec(disposition)?.[1];
	const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition)?.[1];
	let name = '';
	try {
		name = encoded ? decodeURIComponent(encoded.trim().replace(/^"|"$/g, '')) : (plain ?? '');
	} catch {
		name = plain ?? '';
	}
	// Keep only the last path segment and characters every file system accepts.
	name = [...(name.split(/[\\/]/).pop() ?? '')]
		.filter((char) => char.charCodeAt(0) >= 32 && !'<>:"|?*'.includes(char))
		.join('')
		.trim();
	if (name === '') name = `xobin-ai-interview-report-${String(responseId)}.pdf`;
	return /\.pdf$/i.test(name) ? name : `${name}.pdf`;
}

/** The PDF's MIME type; a generic or missing Content-Type still means a PDF here. */
function mimeTypeOf(response: XobinResponse): string {
	const contentType = String(response.headers['content-type'] ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	return contentType === '' || contentType === 'application/octet-stream'
		? PDF_MIME_TYPE
		: contentType;
}
