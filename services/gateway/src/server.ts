import { createLogger, loadConfig, runService } from '@tongxin/service-platform';
import { buildGateway } from './app.ts';
import { GatewayConfig } from './config.ts';

const config = loadConfig(GatewayConfig, process.env);
const logger = createLogger('gateway', config.LOG_LEVEL);
const app = await buildGateway(config, logger);
await runService(app, {
  name: 'gateway',
  host: config.HOST,
  port: config.PORT,
  ...(config.METRICS_PORT ? { metricsPort: config.METRICS_PORT } : {}),
});
