// Assessment → Download Report PDF: POST /assessments/reports/<report_id>/download (plural
// "reports", as Xobin documents it) for each item. The PDF comes out as binary data next to the
// input item's fields.

import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { Field } from '../../helpers/fields';
import { fillPath, readFields, toNodeProperties } from '../../helpers/fields';
import { runPerItem } from '../../helpers/outputs';
import { binaryFieldProperty, readBinaryFieldName, toPdfItem } from '../../helpers/reportPdf';
import { xobinRequest } from '../../transport';
import { forOperation, reportIdField, reportNotFound } from './common';

const displayOptions = forOperation('downloadReportPdf');

export const downloadFields: Field[] = [reportIdField];

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
			endpoint: fillPath('/assessments/reports/{report_id}/download', path),
			itemIndex,
			expect: 'pdf',
			idempotent: true,
			product: 'assessment',
			notFound: reportNotFound(path.report_id),
		});
		const fallbackName = `xobin-assessment-report-${String(path.report_id)}.pdf`;
		return [await toPdfItem(this, items[itemIndex], itemIndex, field, response, fallbackName)];
	});
}
