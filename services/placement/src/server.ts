import { createLogger, loadConfig, runService } from '@tongxin/service-platform';
import { buildPlacement } from './app.ts';
import { PlacementConfig, SCHEMA } from './config.ts';

// PORT defaults to this service's own port here only: tests and the launcher pass theirs.
const config = { ...loadConfig(PlacementConfig, { PORT: '8085', ...process.env }), SCHEMA };
const logger = createLogger('placement', config.LOG_LEVEL);
const app = await buildPlacement(config, logger);
await runService(app, { name: 'placement', host: config.HOST, port: config.PORT });
