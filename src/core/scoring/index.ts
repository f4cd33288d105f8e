/**
 * Scoring: scale scores, reliability, the priority of the scales and group comparisons
 * (docs/scoring.md). Pure functions over an instrument and its responses.
 *
 * `scoreStudy` does it all. For large data or a benchmark, its three steps are public:
 * `planScoring` (instrument -> plan), `buildScoreMatrix` (responses -> one Float64Array, one pass),
 * `scoreMatrix` (matrix -> report).
 */
export { scoreStudy, scoreMatrix, type ScoreReport, type ScaleRow } from './report';
export { planScoring, type ScoringPlan, type ScoringOptions, type PlannedScale, type PlannedColumn, type PlannedGroup } from './plan';
export { buildScoreMatrix, type ScoreMatrix, type ResponseLike } from './matrix';
export { scaleScores, respondentScores, type RespondentScores } from './scale-scores';
export { scaleReliability, type Reliability, type ItemStats } from './reliability';
export { scalePriority, type Priority } from './priority';
export { compareGroups, type Groups, type GroupLevel, type GroupTest, type MannWhitneyTest, type KruskalWallisTest } from './groups';
export { mannWhitney, kruskalWallis, rankByGroup, type MannWhitney, type KruskalWallis, type GroupRanks } from './rank-tests';
export { summarize, meanSd, type Summary } from './descriptives';
export { chiSquareUpperTail, normalCdf, normalUpperTail, normalTwoSided, gammaP, gammaQ, lnGamma } from './distributions';
export { scaleTableCsv } from './table-csv';
