import t from 'tap';
import { busContract } from './helpers/bus-contract.ts';
import { embeddedContract } from './helpers/embedded-contract.ts';
import { embeddedBackend } from './helpers/embedded-fixture.ts';

// EmbeddedBus on the embedded PGlite server: one session shared by every connection.
const backend = embeddedBackend(t);
busContract(t, backend.fixture);
embeddedContract(t, backend);
