import t from 'tap';
import { busContract } from './helpers/bus-contract.ts';
import { embeddedContract } from './helpers/embedded-contract.ts';
import { embeddedBackend } from './helpers/embedded-fixture.ts';
import { runsWith, testEnvironment } from '@tongxin/test-harness/environment';

// EmbeddedBus on a real PostgreSQL: real row locks and concurrent transactions.
if (runsWith(t, 'postgres')) {
  const backend = embeddedBackend(t, testEnvironment().postgresUrl);
  busContract(t, backend.fixture);
  embeddedContract(t, backend);
}
