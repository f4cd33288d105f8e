/** The demo study's identity, apart from its (large) text: the app checks it without loading the study. */
export const DEMO_STUDY_ID = 'innovative-civil-service';
/**
 * '2020-2': instrument format 2 (who answers each section; guidance for the interviewer apart from
 * what a respondent reads; one note per question instead of separate note items). Sessions of
 * '2020-1' keep their own copy of that version: nothing taken with it is lost.
 * '2020-3': instrument format 3; the description credits the seed study; a consent item for recording
 * the interview and the recording itself (a background-audio item asked only with that consent). A
 * version's questions never change once it has been given out: sessions and bundles of '2020-2' keep
 * their own copy of it (a bundle carries it), and they merge, export and score under '2020-2'.
 */
export const DEMO_STUDY_VERSION = '2020-3';
