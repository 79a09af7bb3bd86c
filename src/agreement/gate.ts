import type { CodingsAgreement, VariableAgreement } from './codings-mode.js';
import { yesNoCounts } from './codings-mode.js';
import { krippendorffAlpha } from './krippendorff-alpha.js';

/** What `--min-alpha` checks: the overall α, or every code's α. */
export type GateWhich = 'overall' | 'each';
/** Over which units: all segments of the compared documents, or only those someone coded. */
export type GateOn = 'all' | 'coded';
export const GATE_WHICH: readonly GateWhich[] = ['overall', 'each'];
export const GATE_ON: readonly GateOn[] = ['all', 'coded'];

/** Why the gate looks at all segments unless told otherwise (printed with the report, and in the README). */
export const GATE_DEFAULT_REASON =
  'all segments is the default: every segment of the compared documents was read by every coder, and "no code" is a judgement too; ' +
  '--gate-on coded leaves out the segments nobody coded, which agree by construction and inflate α when most text is uncoded';

export interface GateResult {
  minAlpha: number;
  which: GateWhich;
  on: GateOn;
  passed: boolean;
  /** "overall", or the codes whose α is below the minimum. */
  failing: string[];
}

/**
 * The agreement gate of codings mode. Overall: fails when α over sets of codes (MASI) is below the
 * minimum or undefined. Each: fails for every code whose α is below the minimum (a code nobody
 * used has no α and does not fail). With `on: 'coded'`, the α's are those over the segments at
 * least one coder coded (a code's "neither" count then leaves out the segments nobody coded).
 */
export function gate(report: CodingsAgreement, minAlpha: number, which: GateWhich, on: GateOn): GateResult {
  let failing: string[];
  if (which === 'overall') {
    const alpha = on === 'all' ? report.overall.alphaMasi : report.overall.alphaMasiCoded;
    failing = alpha === null || alpha < minAlpha ? ['overall'] : [];
  } else {
    const untouched = report.units - report.codedUnits;
    const m = report.coders.length;
    failing = report.perCode
      .filter((v) => {
        const alpha = on === 'all' ? v.coefficients.krippendorff_alpha : codedAlpha(v, m, untouched);
        return alpha !== null && alpha < minAlpha;
      })
      .map((v) => v.variable);
  }
  return { minAlpha, which, on, passed: failing.length === 0, failing };
}

/** A code's nominal α over the units someone coded: its counts less the units nobody coded. */
export function codedAlpha(v: VariableAgreement, m: number, untouched: number): number | null {
  const weights =
    'both' in v.counts
      ? [v.counts.neither - untouched, v.counts.onlyA + v.counts.onlyB, v.counts.both]
      : v.counts.yesBy.map((w, k) => (k === 0 ? w - untouched : w));
  return krippendorffAlpha(yesNoCounts(weights, m, [0, 1]), 'nominal').value;
}
