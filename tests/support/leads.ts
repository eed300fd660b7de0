/** A lead as the API returns it, as far as the tests read it. */
export interface Lead {
  id: string;
  stage: string;
  owner: string | null;
  version: number;
  lastActivityAt: string;
  nextAction?: { text: string; due: string };
  timeline: {
    type: string;
    by: { sub: string } | null;
    from?: string;
    to?: string;
    text?: string;
    fields?: string[];
    campaign?: { status: string };
  }[];
}
