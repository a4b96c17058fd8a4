export { decodeArchive, encodeArchive, fileBytes, sha256Hex, type ArchiveEntry } from './format.js';
export { collectTree, extractTree } from './tree.js';
export { KNOWN_RELEASES, baseTxz, distBase64, releaseManifest, srcTxz } from './release.js';
export { archiveEntries, type ArchiveEntries } from './decoded.js';
