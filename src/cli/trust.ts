/**
 * What `dala merge` trusts (docs/security.md, "Signed bundles"; the app's import does the same):
 * - the researcher: the keys derived from the --identity files, and the signers of the --form studies;
 * - devices accepted before, listed in the --devices file (like ssh's known_hosts: id, key, name);
 * - devices accepted now by the fingerprint their Settings show (--accept-device), added to that file;
 * - unsigned files (from a Dala before signatures) only with --allow-unsigned.
 * A file from a device seen for the first time, or one that claims a known device's id with another
 * key, is refused by name with its fingerprint; records a device may not bring are set aside.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as v from 'valibot';
import { DalaError } from '../core/errors';
import type { Instrument } from '../core/instrument/types';
import type { RestoredBundle } from '../core/bundle/parse';
import { fingerprint, signingKeyFromAgeIdentity, PUBLIC_KEY_PATTERN, type SigningKey } from '../core/trust/keys';
import type { KnownDevice, ReaderTrust } from '../core/trust/readers';
import type { Parsed } from './inputs';
import { writeAtomically } from './inputs';

export const TRUST_FLAGS = { '--devices': 'value', '--accept-device': 'list', '--allow-unsigned': 'switch' } as const;

export const TRUST_HELP = `  --devices FILE        the devices this researcher accepted (JSON, written by merge): their files are
                        read; a file from a device not in it is refused with the device's fingerprint
  --accept-device FP    accept the device whose key has this fingerprint (as its Settings show it,
                        e.g. 7KQ2-MX4P-9TRW-3HCD); repeatable; added to --devices FILE when given
  --allow-unsigned      read unsigned files too (written by a Dala from before signatures, or by
                        someone else: only files you know the origin of)`;

const DEVICES_TYPE = 'dala-devices';
const DevicesFile = v.object({
  type: v.literal(DEVICES_TYPE),
  version: v.literal(1),
  devices: v.array(
    v.object({
      id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
      key: v.pipe(v.string(), v.regex(PUBLIC_KEY_PATTERN)),
      label: v.optional(v.pipe(v.string(), v.maxLength(200))),
      acceptedAt: v.pipe(v.string(), v.maxLength(40)),
    }),
  ),
});

export interface CliTrust {
  trust: ReaderTrust;
  pinned: Record<string, string>;
  /** The researcher's signing key (from the first --identity), to sign what merge writes. */
  researcher?: SigningKey;
  devicesFile?: string;
  known: Map<string, KnownDevice>;
}

/** The trust of a run: from the identities, the forms, the --devices file and the fingerprints given. */
export async function readTrust(args: Parsed, forms: readonly Instrument[], identities: readonly string[], cwd: string): Promise<CliTrust> {
  const researcherKeys = new Set<string>();
  const pinned: Record<string, string> = Object.create(null) as Record<string, string>;
  let researcher: SigningKey | undefined;
  for (const id of identities) {
    const key = signingKeyFromAgeIdentity(id);
    researcher ??= key;
    researcherKeys.add(key.publicKey);
  }
  for (const f of forms) {
    if (!f.signature) continue;
    researcherKeys.add(f.signature.by);
    pinned[f.id] ??= f.signature.by;
  }
  const devicesFile = args.values.get('--devices');
  const known = new Map<string, KnownDevice>();
  if (devicesFile !== undefined) {
    let text: string | undefined;
    try {
      text = await readFile(resolve(cwd, devicesFile), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new DalaError('usage', `${devicesFile}: cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    if (text !== undefined) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new DalaError('usage', `${devicesFile}: not JSON: a devices file is written by dala merge`);
      }
      const parsed = v.safeParse(DevicesFile, json);
      if (!parsed.success) {
        const issue = parsed.issues[0];
        throw new DalaError('usage', `${devicesFile}: not a devices file: ${v.getDotPath(issue) ?? 'the file'}: ${issue.message}`);
      }
      for (const d of parsed.output.devices) known.set(d.id, { id: d.id, key: d.key, acceptedAt: d.acceptedAt, ...(d.label !== undefined ? { label: d.label } : {}) });
    }
  }
  return {
    trust: { researcherKeys, devices: known, ...(args.switches.has('--allow-unsigned') ? { allowUnsigned: true } : {}) },
    pinned,
    ...(researcher ? { researcher } : {}),
    ...(devicesFile !== undefined ? { devicesFile } : {}),
    known,
  };
}

/**
 * The devices accepted by --accept-device: each fingerprint given must match the key of a signed
 * input file's device (else a usage error: a fingerprint mistyped is not silently ignored).
 */
export function acceptByFingerprint(args: Parsed, files: readonly { file: string; restored?: RestoredBundle }[], trust: ReaderTrust): ReaderTrust {
  const wanted = (args.lists.get('--accept-device') ?? []).map((f) => f.trim().toUpperCase());
  if (wanted.length === 0) return trust;
  const accept = new Map<string, string>();
  const matched = new Set<string>();
  for (const { restored } of files) {
    if (!restored || restored.signature.status !== 'signed') continue;
    const fp = fingerprint(restored.signature.key);
    if (!wanted.includes(fp)) continue;
    accept.set(restored.bundle.device.id, restored.signature.key);
    matched.add(fp);
  }
  const unmatched = wanted.filter((fp) => !matched.has(fp));
  if (unmatched.length > 0) throw new DalaError('usage', `--accept-device ${unmatched.join(', ')}: no input file is signed by a device with this fingerprint`);
  return { ...trust, accept };
}

/** The --devices file with the devices accepted in this run added (nothing written without one). */
export async function saveDevices(t: CliTrust, accepted: readonly KnownDevice[], cwd: string): Promise<void> {
  if (t.devicesFile === undefined || accepted.length === 0) return;
  const all = new Map(t.known);
  for (const d of accepted) all.set(d.id, d);
  const doc = { type: DEVICES_TYPE, version: 1, devices: [...all.values()].map((d) => ({ id: d.id, key: d.key, ...(d.label !== undefined ? { label: d.label } : {}), acceptedAt: d.acceptedAt })) };
  await writeAtomically(resolve(cwd, t.devicesFile), JSON.stringify(doc, null, 2) + '\n');
}

/** What to do about a file from a new device: the line merge prints. */
export function newDeviceAdvice(file: string, device: { id: string; label?: string; fingerprint: string }): string {
  return `${file}: from a device seen for the first time, ${device.label ?? device.id} (key fingerprint ${device.fingerprint}): check the fingerprint in that device's Settings, then accept it with --accept-device ${device.fingerprint} (and --devices FILE to remember it)`;
}
