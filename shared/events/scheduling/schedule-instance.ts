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
  /**
   * Accepted requests, those a fixed meeting holds included: the scheduler learns the meeting's two
   * sides from its request. A held request is neither placed again nor reported unplaced.
   */
  readonly requests: readonly ScheduleRequest[];
  readonly interpreters: readonly ScheduleInterpreter[];
  /**
   * Confirmed meetings: kept where they are; they use their delegates, table and interpreter. Each
   * names a request in `requests`, a slot, and a table in `tables` (else the scheduler throws).
   */
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
  /** The two sides attend no slot in common (with a delegate free after the fixed meetings). */
  | 'no-common-slot'
  /**
   * They share no language and no interpreter covers a pair of theirs, or none who does is free in a
   * slot both attend.
   */
  | 'no-interpreter'
  /**
   * It could be placed alone, but not together with the meetings that were chosen (or the fixed ones
   * hold every table of the slots both attend).
   */
  | 'no-room';

export interface ScheduleResult {
  /** New meetings only (fixed ones are not repeated), ordered by slot, then table. */
  readonly placed: readonly PlacedMeeting[];
  readonly unplaced: readonly { readonly requestId: string; readonly reason: UnplacedReason }[];
  /** `exact`: the integer program; `greedy`: the fallback when the solver is absent or out of time. */
  readonly method: 'exact' | 'greedy';
  /**
   * True when it is proven that no schedule places more must-requests, then more requests (by the
   * integer program, or by the rounded LP relaxation meeting its bound).
   */
  readonly optimal: boolean;
  readonly bounds: {
    /**
     * The optimum of the LP relaxation that maximises the number of meetings, whatever their priority:
     * no schedule places more. To 0.001, certified from the solver's duals; absent when the time limit
     * left no room to solve it (or without HiGHS).
     */
    readonly lp?: number;
    /**
     * min(requests, ½ Σ over firms of min(requests, delegate-slots)): a firm with two delegates in a
     * slot counts it twice, else it would not bound. Requests and delegates held by fixed meetings are
     * left out.
     */
    readonly simple: number;
  };
}
