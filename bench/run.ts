// `npm run bench`: every benchmark, figures printed with their peers measured in the same run.
import { benchPlan } from './plan.js';

const only = process.argv[2];
if (!only || only === 'plan') await benchPlan();
