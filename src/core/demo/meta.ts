/** The demo study's identity, apart from its (large) text: the app checks it without loading the study. */
export const DEMO_STUDY_ID = 'innovative-civil-service';
/**
 * '2020-2': instrument format 2 (who answers each section; guidance for the interviewer apart from
 * what a respondent reads; one note per question instead of separate note items). Sessions of
 * '2020-1' keep their own copy of that version: nothing taken with it is lost.
 */
export const DEMO_STUDY_VERSION = '2020-2';
