// The Node lines the packed packages must work on. The first is the `engines` floor every public
// package declares (a test checks that they agree); the others are the current LTS lines CI runs.
export interface NodeLine {
  version: string;
  why: string;
}

export const nodeLines: readonly NodeLine[] = [
  { version: '20.19.0', why: 'the engines floor' },
  { version: '22.23.3', why: 'LTS' },
  { version: '24.21.0', why: 'LTS' },
];
