// Download Report PDF: the report arrives as a binary file, byte for byte, with a file name and MIME
// type the Gmail and Google Drive nodes can use, next to the input item's fields.

import type { INodeExecutionData } from 'n8n-workflow';

import { runWorkflow } from './harness/engine';
import { MOCK_API_KEY, pairedIndexes, requestsTo, runOperation, useMockXobin } from './support';

const DOWNLOAD_PATH = /\/ai-interviews\/report\/\d+\/download$/;

function fileBytes(item: INodeExecutionData, field = 'data'): Buffer {
	return Buffer.from(item.binary?.[field]?.data ?? '', 'base64');
}

describe('Download Report PDF', () => {
	const mock = useMockXobin();

	test('downloads the report as a PDF file, byte for byte, named and typed for Gmail or Drive', async () => {
		const result = await runOperation(mock(), {
			operation: 'downloadReportPdf',
			parameters: { responseId: 7421 },
			items: [{ hiringManager: 'hm@example.com' }],
		});

		expect(result.error).toBeUndefined();
		const [item] = result.outputs[0];
		expect(item.json).toEqual({ hiringManager: 'hm@example.com' });
		expect(item.binary?.data).toEqual(
			expect.objectContaining({
				mimeType: 'application/pdf',
				fileName: 'AI_Interview_Report_Alex_Tanaka_7421.pdf',
				fileExtension: 'pdf',
			}),
		);
		const bytes = fileBytes(item);
		// The second line holds bytes above 0x7f: reading the file as text would have mangled them.
		expect(bytes.subarray(0, 15)).toEqual(
			Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from([0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a])]),
		);
		expect(bytes.toString('latin1')).toContain('Alex Tanaka');
		expect(bytes.toString('latin1').endsWith('%%EOF\n')).toBe(true);
		const [request] = requestsTo(mock(), DOWNLOAD_PATH);
		expect([request.method, request.path]).toEqual(['POST', '/api/v2/ai-interviews/report/7421/download']);
		expect(request.headers.accept).toMatch(/application\/pdf/);
	});

	test('names the file after the response when Xobin sends no file name, and treats a generic type as PDF', async () => {
		mock().queueFault({ path: DOWNLOAD_PATH, status: 200, rawBody: '%PDF-1.4\n%%EOF\n', contentType: 'application/octet-stream' });
		const result = await runOperation(mock(), {
			operation: 'downloadReportPdf',
			parameters: { responseId: 7421, binaryPropertyName: 'report' },
		});

		const [item] = result.outputs[0];
		expect(item.binary?.report).toEqual(
			expect.objectContaining({ fileName: 'xobin-ai-interview-report-7421.pdf', mimeType: 'application/pdf' }),
		);
		expect(fileBytes(item, 'report').toString('latin1')).toBe('%PDF-1.4\n%%EOF\n');
	});

	test('an unknown response fails with Xobin\'s message, read from its JSON error', async () => {
		const result = await runOperation(mock(), {
			operation: 'downloadReportPdf',
			parameters: { responseId: 31337 },
		});

		expect(result.error?.message).toBe('Xobin could not find a report for response ID 31337: Report not found [item 0]');
		expect(result.error?.httpCode).toBe('404');
	});

	test('a report the candidate has not finished gives the "not finished yet" message', async () => {
		const result = await runOperation(mock(), {
			operation: 'downloadReportPdf',
			parameters: { responseId: 6726 },
		});

		expect(result.error?.message).toMatch(/^The candidate has not finished this AI interview yet: /);
	});

	test('Xobin answering JSON instead of a PDF is an error, never a broken file', async () => {
		mock().queueFault({ path: DOWNLOAD_PATH, status: 200, body: { error: 'Report generation failed' } });
		const result = await runOperation(mock(), {
			operation: 'downloadReportPdf',
			parameters: { responseId: 7421 },
		});

		expect(result.error?.message).toBe("Xobin's answer does not confirm the request (HTTP 200): Report generation failed [item 0]");
	});

	test('an HTML error page (a proxy in the way) is reported as unreadable, not saved as the PDF', async () => {
		mock().queueFault({ path: DOWNLOAD_PATH, status: 502, rawBody: '<html>Bad gateway</html>', contentType: 'text/html' });
		const result = await runOperation(mock(), {
			operation: 'downloadReportPdf',
			parameters: { responseId: 7421 },
		});

		expect(result.error?.message).toBe('Xobin could not complete the request (HTTP 502) [item 0]');
	});

	test('one file per item, each linked to its item, earlier binary fields kept', async () => {
		// Two downloads in a row: the second node's items arrive with the first node's file in
		// 'first', and must keep it next to their own in 'data'.
		const pdfNode = (name: string, field: string, x: number) => ({
			parameters: { resource: 'aiInterview', operation: 'downloadReportPdf', responseId: '={{ $json.id }}', binaryPropertyName: field },
			name,
			type: 'n8n-nodes-xobin.xobin',
			typeVersion: 1,
			position: [x, 0],
			credentials: { xobinApi: { id: '1', name: 'Xobin account' } },
		});
		const run = await runWorkflow({
			workflow: {
				nodes: [pdfNode('First PDF', 'first', 0), pdfNode('Second PDF', 'data', 240)],
				connections: { 'First PDF': { main: [[{ node: 'Second PDF', type: 'main', index: 0 }]] } },
			},
			startNode: 'First PDF',
			items: [{ id: 7421 }, { id: 6735 }],
			credentials: { xobinApi: { apiKey: MOCK_API_KEY, baseUrl: mock().url } },
		});

		expect(run.error).toBeUndefined();
		const [output] = run.outputsOf('Second PDF');
		expect(output.map((item) => Object.keys(item.binary ?? {}).sort())).toEqual([
			['data', 'first'],
			['data', 'first'],
		]);
		expect(output.map((item) => [item.binary?.first?.fileName, item.binary?.data?.fileName])).toEqual([
			['AI_Interview_Report_Alex_Tanaka_7421.pdf', 'AI_Interview_Report_Alex_Tanaka_7421.pdf'],
			['AI_Interview_Report_Maria_Lopez_6735.pdf', 'AI_Interview_Report_Maria_Lopez_6735.pdf'],
		]);
		expect(fileBytes(output[1], 'first')).toEqual(fileBytes(output[1], 'data'));
		expect(fileBytes(output[1], 'first').subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(output.map((item) => item.json)).toEqual([{ id: 7421 }, { id: 6735 }]);
		expect(pairedIndexes(output)).toEqual([0, 1]);
		expect(requestsTo(mock(), DOWNLOAD_PATH)).toHaveLength(4);
	});

	test('an empty output field name is refused before downloading', async () => {
		const result = await runOperation(mock(), {
			operation: 'downloadReportPdf',
			parameters: { responseId: 7421, binaryPropertyName: ' ' },
		});

		expect(result.error?.message).toBe('Put Output File in Field is empty [item 0]');
		expect(requestsTo(mock(), DOWNLOAD_PATH)).toHaveLength(0);
	});
});
