// Mutation testing only (see environment.js): the specs, the harness and the built package use the
// n8n-core / n8n-workflow the environment loaded once, natively, instead of Jest's own copies.
'use strict';

for (const [id, exports] of Object.entries(globalThis.__nativeModules)) jest.mock(id, () => exports);
