import type { Database } from '../data/dynamo-client.ts';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { leadServiceFor } from '../leads/lead-service-for.ts';
import { logger } from '../observability/logger.ts';
import { EventRepository } from './event-repository.ts';
import { OutcomeService } from './outcome-service.ts';

/** A side's answer to the follow-up question, given through its emailed link (the public page queues it). */
export interface FollowUpAnswer {
  eventId: string;
  meetingId: string;
  /** The side that answers: one of the meeting's two companies. */
  companyId: string;
  agreement: boolean;
  /** When it was posted. */
  at: string;
}

/** Who an emailed follow-up answer is recorded as: the side itself, through its link. */
const actor = { sub: 'follow-up-link', role: 'member' } as const;

/**
 * Applies a side's follow-up answer as the outcome route does (OutcomeService.answerFollowUp): the
 * agreement goes onto the side's outcome and the meeting's lead, the report counts it. The same answer
 * twice changes nothing; a meeting no longer confirmed or held, an event not past its schedule, or a
 * meeting gone changes nothing either (logged); a write that lost a race throws, so the queue delivers
 * the message again.
 */
export async function applyFollowUpAnswer(
  answer: FollowUpAnswer,
  deps: {
    db: Database;
    clock: () => Date;
    newId: () => string;
    leadChanges?: { written(): void } | undefined;
  },
): Promise<void> {
  const outcomes = new OutcomeService({
    events: new EventRepository(deps.db),
    leads: leadServiceFor(deps),
    clock: deps.clock,
  });
  const { eventId, meetingId, companyId } = answer;
  try {
    await outcomes.answerFollowUp(eventId, meetingId, companyId, answer.agreement, actor);
  } catch (error) {
    if (
      !(error instanceof ConflictError) &&
      !(error instanceof NotFoundError) &&
      !(error instanceof ValidationError)
    ) {
      throw error;
    }
    logger.info('follow-up answer not applied', { eventId, meetingId, reason: error.message });
  }
}
