/** The demo study's identity, apart from its (large) text: the app checks it without loading the study. */
export const DEMO_STUDY_ID = 'innovative-civil-service';
export const DEMO_STUDY_VERSION = '2020-1';
