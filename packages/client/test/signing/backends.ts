import type { SigningCrypto } from '../../src/crypto/types.js';
import { signingCrypto as nodeCrypto } from '../../src/crypto/node.js';
import { signingCrypto as webCrypto } from '../../src/crypto/web.js';

export const backends: ReadonlyArray<readonly [name: 'node' | 'web', crypto: SigningCrypto]> = [
  ['node', nodeCrypto],
  ['web', webCrypto],
];

export { nodeCrypto, webCrypto };
