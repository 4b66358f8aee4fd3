import { createLogger, loadConfig, runService } from '@tongxin/service-platform';
import { buildMatching } from './app.ts';
import { MatchingConfig, SCHEMA } from './config.ts';

// PORT defaults to this service's own port here only: tests and the launcher pass theirs.
const config = { ...loadConfig(MatchingConfig, { PORT: '8083', ...process.env }), SCHEMA };
const logger = createLogger('matching', config.LOG_LEVEL);
const app = await buildMatching(config, logger);
await runService(app, { name: 'matching', host: config.HOST, port: config.PORT });
