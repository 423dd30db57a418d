// The Lo Wu scenario files (baseline, day types, upgrades on Lo Wu) walk a few busy minutes with
// travellers conserved. Apart from scenario-library.test.ts so that the two run in parallel.
import { describe } from 'vitest';
import { PORT_FILES, smokeFiles } from './test-support/scenario-library.js';

describe('every Lo Wu scenario walks a few busy minutes', () => {
  smokeFiles(PORT_FILES.filter((f) => /luohu/.test(f)));
});
