export { decodeArchive, encodeArchive, fileBytes, sha256Hex, type ArchiveEntry } from './format.js';
export { collectTree, extractTree } from './tree.js';
export { KNOWN_RELEASES, baseTxz, releaseManifest } from './release.js';
