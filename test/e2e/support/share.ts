/**
 * Studies as a researcher shares them: signed with the researcher's key (issue 14). The committed test
 * key (test/fixtures/bundles/researcher.key) stands for the researcher's key file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Instrument } from '../../../src/core/instrument/types';
import { signingKeyFromAgeIdentity } from '../../../src/core/trust/keys';
import { signStudy } from '../../../src/core/trust/study';

export const RESEARCHER_KEY_FILE = join(__dirname, '../../fixtures/bundles/researcher.key');
const identity = readFileSync(RESEARCHER_KEY_FILE, 'utf8').split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-1'))!;
/** The researcher's signing key, as Dala derives it from the key file. */
export const RESEARCHER_SIGNING_KEY = signingKeyFromAgeIdentity(identity);

/** The study signed by the test researcher, as a link made in Dala carries it. */
export function signedByResearcher(instrument: Instrument): Instrument {
  return signStudy(instrument, RESEARCHER_SIGNING_KEY);
}

/** On the "Share" screen: chooses the researcher's key file to sign the study; the link then shows. */
export async function signShare(page: Page, keyFile: string = RESEARCHER_KEY_FILE): Promise<void> {
  await page.setInputFiles('[data-testid="sign-key"]', keyFile);
  await page.waitForSelector('[data-testid="share-signed"]');
}
