// Track → Hire Applicant: PATCH /tracks/<track_id>/applicants/<application_id>/hire for each item,
// optionally only from a given source stage (Xobin answers 409 otherwise).

import { stageChangeOperation } from './common';

export const { fields, description, execute } = stageChangeOperation('hire', []);
