// Packs the public packages as they are published. Packing goes through the testkit's helper,
// which runs the pinned pnpm (it rewrites workspace:/catalog: ranges; npm pack would not).
import { packPackage } from '@cloud-backup-contracts/testkit/pack';
import { type PublicPackage, publicPackages } from './repo.js';
import { readTarballFile } from '@cloud-backup-contracts/testkit/tarball';

export type Tarballs = Record<PublicPackage, string>;

export function packPublicPackages(destination: string): Tarballs {
  const entries = Object.entries(publicPackages).map(([name, dir]) => [name, packPackage(dir, destination)]);
  return Object.fromEntries(entries) as Tarballs;
}

export interface PackedManifest {
  name?: string;
  version?: string;
  engines?: { node?: string };
  bin?: string | Record<string, string>;
  [field: string]: unknown;
}

export function packedManifest(tarball: string): PackedManifest {
  const text = readTarballFile(tarball, 'package/package.json');
  if (text === undefined) throw new Error(`${tarball} holds no package/package.json`);
  return JSON.parse(text) as PackedManifest;
}

const dependencyFields = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

/** Every dependency range npm cannot install: `field.name: range` for workspace: and catalog: ones. */
export function unpublishableRanges(manifest: PackedManifest): string[] {
  return dependencyFields.flatMap((field) =>
    Object.entries((manifest[field] ?? {}) as Record<string, string>)
      .filter(([, range]) => /^(workspace|catalog):/.test(range))
      .map(([name, range]) => `${field}.${name}: ${range}`),
  );
}
