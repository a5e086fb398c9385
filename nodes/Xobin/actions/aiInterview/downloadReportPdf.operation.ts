// AI Interview → Download Report PDF: POST /ai-interviews/report/<response_id>/download for each
// item. The PDF comes out as binary data (file name and MIME type set) next to the input item's
// fields, ready for the Gmail, Google Drive or Slack nodes.

import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { Field } from '../../helpers/fields';
import { fillPath, readFields, toNodeProperties } from '../../helpers/fields';
import { runPerItem } from '../../helpers/outputs';
import { binaryFieldProperty, readBinaryFieldName, toPdfItem } from '../../helpers/reportPdf';
import { xobinRequest } from '../../transport';
import { forOperation, reportNotFound, responseIdField } from './common';

const displayOptions = forOperation('downloadReportPdf');

export const downloadFields: Field[] = [responseIdField];

export const description: INodeProperties[] = [
	...toNodeProperties(downloadFields, displayOptions),
	binaryFieldProperty(displayOptions),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, items, async (itemIndex, source) => {
		const { path } = readFields(source, downloadFields);
		const field = readBinaryFieldName(this, itemIndex);
		const response = await xobinRequest(this, {
			method: 'POST',
			endpoint: fillPath('/ai-interviews/report/{response_id}/download', path),
			itemIndex,
			expect: 'pdf',
			idempotent: true,
			notFound: reportNotFound(path.response_id),
		});
		const fallbackName = `xobin-ai-interview-report-${String(path.response_id)}.pdf`;
		return [await toPdfItem(this, items[itemIndex], itemIndex, field, response, fallbackName)];
	});
}
