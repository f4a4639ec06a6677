/**
 * The Triad SDK in Node: everything `index.ts` exports, plus reading a data file
 * (`readTableFile`) and the pinned-HTTPS transport to the nodes' APIs by name.
 */

export { readTableFile } from '../table/readTableFile.ts'
export * from './index.ts'
export { createNodeTransport as createPinnedNodeTransport } from './pinnedNodeTransport.ts'
