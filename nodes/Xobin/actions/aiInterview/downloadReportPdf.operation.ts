// AI Interview → Download Report PDF: POST /ai-interviews/report/<response_id>/download for each
// item. The PDF comes out as binary data (file name and MIME type set) next to the input item's
// fields, ready for the Gmail, Google Drive or Slack nodes. Built from AI_INTERVIEW_REPORTS.

import { downloadPdfOperation } from '../reports';
import { AI_INTERVIEW_REPORTS } from './common';

export const { fields, description, execute } = downloadPdfOperation(AI_INTERVIEW_REPORTS);
