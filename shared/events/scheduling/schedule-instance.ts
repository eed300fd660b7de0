/**
 * What the 1:1 scheduler reads and writes. It knows nothing of DynamoDB or HTTP: the event service
 * turns an event's participants, accepted requests and confirmed meetings into an instance, and
 * stores the meetings the scheduler places.
 */

export type RequestPriority = 'must' | 'nice';

export interface ScheduleParticipant {
  readonly id: string;
  /** ISO 639-1 codes the company's delegates speak. */
  readonly languages: readonly string[];
  /** Delegates present per slot id: how many meetings the company can hold in it. A slot not named is 0. */
  readonly capacity: Readonly<Record<string, number>>;
}

export interface ScheduleRequest {
  readonly id: string;
  /** Two different participant ids; one request per unordered pair. */
  readonly a: string;
  readonly b: string;
  readonly priority: RequestPriority;
}

export interface ScheduleInterpreter {
  readonly id: string;
  /** Unordered language pairs the interpreter covers, e.g. ['ru', 'vi']. */
  readonly pairs: readonly (readonly [string, string])[];
  /** Slot ids the interpreter works. */
  readonly slots: readonly string[];
}

export interface ScheduleInstance {
  /** Slot ids in time order. */
  readonly slots: readonly string[];
  /** Table ids in the order they are handed out. */
  readonly tables: readonly string[];
  readonly participants: readonly ScheduleParticipant[];
  /** Accepted requests not yet held by a fixed meeting. */
  readonly requests: readonly ScheduleRequest[];
  readonly interpreters: readonly ScheduleInterpreter[];
  /** Confirmed meetings: kept where they are; they use their delegates, table and interpreter. */
  readonly fixed: readonly PlacedMeeting[];
}

export interface PlacedMeeting {
  readonly requestId: string;
  readonly slot: string;
  readonly table: string;
  /** Set when the two sides share no language. */
  readonly interpreter?: string;
}

export type UnplacedReason =
  /** The two sides attend no slot in common (with a delegate free). */
  | 'no-common-slot'
  /** They share no language and no interpreter covers a pair of theirs. */
  | 'no-interpreter'
  /** It could be placed alone, but not together with the meetings that were chosen. */
  | 'no-room';

export interface ScheduleResult {
  /** New meetings only (fixed ones are not repeated), ordered by slot, then table. */
  readonly placed: readonly PlacedMeeting[];
  readonly unplaced: readonly { readonly requestId: string; readonly reason: UnplacedReason }[];
  /** `exact`: the integer program; `greedy`: the fallback when the solver is absent or out of time. */
  readonly method: 'exact' | 'greedy';
  /** True when the solver proved no schedule places more must-requests, then more requests. */
  readonly optimal: boolean;
  readonly bounds: {
    /** The LP relaxation's optimum (meetings), when it was solved. */
    readonly lp?: number;
    /** min(requests, ½ Σ over firms of min(requests, attended slots)). */
    readonly simple: number;
  };
}
