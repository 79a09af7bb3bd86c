/**
 * Standard competition ranking ("1224"): equal values share a rank, and the next rank skips as many
 * places as were shared. Higher values rank first. Returns the rank of each input, in input order.
 */
export function competitionRanks(values: readonly number[]): number[] {
  return values.map((v) => 1 + values.filter((w) => w > v).length);
}
