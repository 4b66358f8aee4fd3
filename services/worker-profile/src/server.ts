import { createLogger, loadConfig, runService } from '@tongxin/service-platform';
import { buildWorkerProfile } from './app.ts';
import { SCHEMA, WorkerProfileConfig } from './config.ts';

const config = { ...loadConfig(WorkerProfileConfig, process.env), SCHEMA };
const logger = createLogger('worker-profile', config.LOG_LEVEL);
const app = await buildWorkerProfile(config, logger);
await runService(app, { host: config.HOST, port: config.PORT });
