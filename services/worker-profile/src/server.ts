import { createLogger, loadConfig, runService } from '@tongxin/service-platform';
import { buildWorkerProfile } from './app.ts';
import { WorkerProfileConfig, SCHEMA } from './config.ts';

// PORT defaults to this service's own port here only: tests and the launcher pass theirs.
const config = { ...loadConfig(WorkerProfileConfig, { PORT: '8081', ...process.env }), SCHEMA };
const logger = createLogger('worker-profile', config.LOG_LEVEL);
const app = await buildWorkerProfile(config, logger);
await runService(app, { name: 'worker-profile', host: config.HOST, port: config.PORT });
