import { type SignedInStack, signedInStack } from '@tongxin/test-harness';
import type { Test } from 'tap';

/** What most worker-profile tests start with: the service, three sign-ins and a database client. */
export const workerProfileStack = (t: Test, settings: Record<string, string> = {}): SignedInStack =>
  signedInStack(t, { services: ['worker-profile'], settings });
