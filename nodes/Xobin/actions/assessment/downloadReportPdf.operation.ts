// Assessment → Download Report PDF: POST /assessments/reports/<report_id>/download (plural
// "reports", as Xobin documents it) for each item. The PDF comes out as binary data next to the
// input item's fields. Built from ASSESSMENT_REPORTS.

import { downloadPdfOperation } from '../reports';
import { ASSESSMENT_REPORTS } from './common';

export const { fields, description, execute } = downloadPdfOperation(ASSESSMENT_REPORTS);
