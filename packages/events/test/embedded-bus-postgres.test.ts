import t from 'tap';
import { busContract } from './helpers/bus-contract.ts';
import { embeddedContract } from './helpers/embedded-contract.ts';
import { embeddedBackend } from './helpers/embedded-fixture.ts';
import { LOCAL_POSTGRES } from './helpers/postgres.ts';

// EmbeddedBus on a real PostgreSQL: real row locks and concurrent transactions.
const backend = embeddedBackend(t, LOCAL_POSTGRES);
busContract(t, backend.fixture);
embeddedContract(t, backend);
