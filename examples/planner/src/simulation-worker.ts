// The module Web Worker: one ScenarioRun, exposed over comlink. The simulation never runs on the page's thread.
import { expose } from 'comlink';
import { ScenarioRun } from './scenario-run.js';

expose(new ScenarioRun());
