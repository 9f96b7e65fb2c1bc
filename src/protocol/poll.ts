/** poll (`ROOM/poll`): the contract of PROTOCOL.md, Features and "Polls". */
import type { ReviewMe } from './review.js';

/** `single` and `rating` take one choice, `multi` several, `wordcloud` a few words of text. */
export type PollKind = 'single' | 'multi' | 'rating' | 'wordcloud';
export const POLL_KINDS: readonly PollKind[] = ['single', 'multi', 'rating', 'wordcloud'];
/** `draft` after `create`, then `open`, `closed` (a closed poll may be opened again). */
export type PollStatus = 'draft' | 'open' | 'closed';

/**
 * The relay's limits on polls, so the widgets can say what is wrong before the relay refuses
 * it; the relay stays the judge. Lengths are in code points after trimming unless said.
 */
export const POLL_LIMITS = {
  /** Question length. */
  questionMin: 1,
  questionMax: 200,
  /** Options of `single`, `multi` and `rating` polls (none for a word cloud). */
  optionsMin: 1,
  optionsMax: 10,
  /** Option length. */
  optionMax: 100,
  /** A word-cloud answer. */
  wordcloudTextMax: 40,
  /** Words a word cloud's counts list. */
  wordcloudTop: 50,
  /** Blocked terms of a word cloud: how many, and how long each (UTF-16 units, as the relay counts). */
  blockedTermsMax: 200,
  blockedTermMax: 40,
  /** Polls in one room. */
  polls: 100,
} as const;

/** Per option, aligned with `options`; for a word cloud, its 50 most frequent words → count. */
export type PollCounts = number[] | Record<string, number>;

export interface Poll {
  /** 8 base64url characters, made by the relay. */
  id: string;
  question: string;
  /** The choices; a rating's scale labels; none for a word cloud. */
  options: string[];
  kind: PollKind;
  status: PollStatus;
  /** Results are shown only once the poll is closed (hosts see `$hostTallies` meanwhile). */
  hideResults: boolean;
  /** Only users with a token may vote. */
  signedInOnly?: boolean;
  /** Word cloud: the audience's entries wait for staff to approve them before they count. */
  review?: boolean;
  /** Null while the results are hidden. */
  counts: PollCounts | null;
  /** How many users voted; null while the results are hidden. */
  total: number | null;
}

/** A vote: `choice` for `single` and `rating`, `choices` for `multi`, `text` for `wordcloud`. */
export type PollAnswer = { choice: number } | { choices: number[] } | { text: string };

/** A poll's results at one moment. */
export interface PollTally {
  counts: PollCounts;
  total: number;
}

/** What a host gives to create a poll. */
export interface PollInput {
  /** 1 to 200 characters. */
  question: string;
  /** 1 to 10 options of 1 to 100 characters; none for a word cloud. */
  options?: string[];
  kind: PollKind;
  /** Show results only once closed. */
  hideResults?: boolean;
  /** Only users with a token may vote. */
  signedInOnly?: boolean;
  /** Word cloud: words containing one of these are dropped. */
  blockedTerms?: string[];
  /** Word cloud: the audience's entries go to the review queue first. */
  review?: boolean;
}

export interface PollSnapshot {
  polls: Poll[];
}

/** Op type → the `data` a client sends. */
export interface PollOps {
  create: PollInput;
  open: { pollId: string };
  close: { pollId: string };
  vote: { pollId: string } & PollAnswer;
  /** (host) A held word-cloud entry counts (its review item's `id`). */
  approve: { id: string };
  /** (host) A held word-cloud entry never counts. */
  reject: { id: string };
  /** (host) Nothing is reported on polls; kept for the queue's one set of ops. */
  dismiss: { id: string };
}

/** Op type → the ack's `data`. */
export interface PollAcks {
  create: { pollId: string };
}

/** Ev type → its `data`. */
export interface PollEvents {
  poll: { poll: Poll };
  status: { pollId: string; status: PollStatus };
  tally: { pollId: string } & PollTally;
}

/** `me`: my vote in a poll, or (hosts) the live tally of a poll whose results are hidden. */
export type PollMe =
  ({ pollId: string; held?: true } & PollAnswer) | PollEvents['tally'] | ReviewMe;
