/** A meeting request as the events API returns it, as far as the tests read it. */
export interface MeetingRequest {
  id: string;
  from: string;
  to: string;
  status: string;
  topic: string;
}

/** A scheduled meeting as the events API returns it, as far as the tests read it. */
export interface Meeting {
  id: string;
  a: string;
  b: string;
  slot: string;
  table: string;
  state: string;
  interpreter?: string;
  delegates: Record<string, string>;
  leadId?: string;
  outcomes: Record<string, { happened: boolean; outcome?: string; note?: string }>;
}
