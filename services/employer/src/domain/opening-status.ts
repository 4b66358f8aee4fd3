import type { OpeningStatus } from './schemas.ts';

/**
 * The moves between opening statuses. `filled` is reached and left only by counting hires
 * (placement events) or by changing the headcount, never by asking for it; `closed` is final.
 */
const MOVES: Record<OpeningStatus, readonly OpeningStatus[]> = {
  draft: ['open', 'closed'],
  open: ['paused', 'filled', 'closed'],
  paused: ['open', 'filled', 'closed'],
  filled: ['open', 'closed'],
  closed: [],
};

/** Moves a person may ask for through PATCH; the others happen by themselves. */
const REQUESTABLE: Record<OpeningStatus, readonly OpeningStatus[]> = {
  draft: ['open', 'closed'],
  open: ['paused', 'closed'],
  paused: ['open', 'closed'],
  filled: ['closed'],
  closed: [],
};

export function canMove(from: OpeningStatus, to: OpeningStatus): boolean {
  return MOVES[from].includes(to);
}

export function canRequest(from: OpeningStatus, to: OpeningStatus): boolean {
  return REQUESTABLE[from].includes(to);
}

/** The event announcing that an opening entered `status`. */
export function eventForStatus(
  status: OpeningStatus,
): 'opening.published' | 'opening.paused' | 'opening.filled' | 'opening.closed' | 'opening.updated' {
  switch (status) {
    case 'open':
      return 'opening.published';
    case 'paused':
      return 'opening.paused';
    case 'filled':
      return 'opening.filled';
    case 'closed':
      return 'opening.closed';
    default:
      return 'opening.updated';
  }
}
