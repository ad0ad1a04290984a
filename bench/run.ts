// `npm run bench`: every benchmark, figures printed with their peers measured in the same run.
import { benchBuild } from './build.js';
import { benchClient } from './client.js';
import { benchGc } from './gc.js';
import { benchPlan } from './plan.js';
import { benchS3Transfer } from './s3-transfer.js';

const only = process.argv[2];
if (!only || only === 'plan') await benchPlan();
if (!only || only === 's3') await benchS3Transfer();
if (!only || only === 'gc') await benchGc();
if (!only || only === 'build') await benchBuild();
if (!only || only === 'client') await benchClient();
