import { createLogger, runService } from '@tongxin/service-platform';
import { start } from './app.ts';

const logger = createLogger('matching', process.env.LOG_LEVEL ?? 'info');
const app = await start(process.env, logger);
await runService(app, { host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 8083) });
