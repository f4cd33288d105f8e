/** The built-in demo study (A.K. Amirova 2020) and its example responses. This file only re-exports. */
export { demoStudy } from './demo-study';
export { DEMO_EXAMPLE_NOTE, demoExampleResponses, type DemoExampleResponse } from './example-data';
