import { createLogger, loadConfig, runService } from '@tongxin/service-platform';
import { buildEmployer } from './app.ts';
import { EmployerConfig, SCHEMA } from './config.ts';

// PORT defaults to this service's own port here only: tests and the launcher pass theirs.
const config = { ...loadConfig(EmployerConfig, { PORT: '8082', ...process.env }), SCHEMA };
const logger = createLogger('employer', config.LOG_LEVEL);
const app = await buildEmployer(config, logger);
await runService(app, { name: 'employer', host: config.HOST, port: config.PORT });
