import { createLogger, loadConfig, runService } from '@tongxin/service-platform';
import { buildTraining } from './app.ts';
import { TrainingConfig, SCHEMA } from './config.ts';

// PORT defaults to this service's own port here only: tests and the launcher pass theirs.
const config = { ...loadConfig(TrainingConfig, { PORT: '8084', ...process.env }), SCHEMA };
const logger = createLogger('training', config.LOG_LEVEL);
const app = await buildTraining(config, logger);
await runService(app, { name: 'training', host: config.HOST, port: config.PORT });
