/** Deterministic PNG encode/decode with text metadata (see encode.ts for why determinism matters). */
export { encodePng, PNG_ZLIB_LEVEL } from './encode';
export { decodePng, readPngText, type DecodedPng } from './decode';
