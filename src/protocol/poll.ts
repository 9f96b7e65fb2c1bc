/** poll (`ROOM/poll`): the contract of PROTOCOL.md, Features and "Polls". */
import type { ReviewMe } from './review.js';

/**
 * `single` and `rating` take one choice, `multi` several, `wordcloud` a few words of text,
 * `opentext` up to `maxAnswers` short answers per viewer, `ranking` every option in an order.
 */
export type PollKind = 'single' | 'multi' | 'rating' | 'wordcloud' | 'opentext' | 'ranking';
export const POLL_KINDS: readonly PollKind[] = [
  'single',
  'multi',
  'rating',
  'wordcloud',
  'opentext',
  'ranking',
];
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
  /** A ranking orders at least two options. */
  rankingOptionsMin: 2,
  /** An open-text answer. */
  opentextTextMax: 140,
  /** Answers one viewer may give to an open-text poll: the host picks 1 to this many. */
  opentextAnswersMax: 10,
  /** `maxAnswers` when the host does not say. */
  opentextAnswersDefault: 3,
  /** Groups of identical answers an open-text tally lists, newest first. */
  opentextListed: 50,
  /** Groups an open-text tally's `counts` holds: the most frequent. */
  opentextTop: 10,
} as const;

/**
 * Per option, aligned with `options` (for a ranking: Borda points); for a word cloud, its 50
 * most frequent words → count; for open text, its 10 most frequent answers → count.
 */
export type PollCounts = number[] | Record<string, number>;

export interface Poll {
  /** 8 base64url characters, made by the relay. */
  id: string;
  question: string;
  /** The choices; a rating's scale labels; none for a word cloud. */
  options: string[];
  kind: PollKind;
  status: PollStatus;
  /**
   * The `seq` of the `status` event that last opened or closed it (absent for a draft): with no
   * poll open, widgets show the one closed last, whatever order the polls were created in.
   */
  statusSeq?: number;
  /** Results are shown only once the poll is closed (hosts see `$hostTallies` meanwhile). */
  hideResults: boolean;
  /** Only users with a token may vote. */
  signedInOnly?: boolean;
  /** Null while the results are hidden. */
  counts: PollCounts | null;
  /** How many users voted; null while the results are hidden. */
  total: number | null;
  /** Open text: answers per viewer (1 to 10). */
  maxAnswers?: number;
  /**
   * Word cloud and open text: the audience's entries and answers wait in the poll channel's
   * review queue until staff approve them.
   */
  review?: boolean;
  /** Open text: the shown answers, grouped, newest first; null while the results are hidden. */
  answers?: OpenTextEntry[] | null;
}

/** Identical open-text answers (after normalisation) as one line of results. */
export interface OpenTextEntry {
  /** The id of the group's first answer: `hide` names it. */
  id: string;
  /** The text of the group's first answer. */
  text: string;
  /** Viewers who gave this answer. */
  count: number;
}

/**
 * Where one of my open-text answers stands. A rejected answer is not kept: it leaves its
 * author's list (and gives the slot back), as a rejected chat message disappears.
 */
export type OpenTextStatus = 'pending' | 'shown' | 'hidden';

/** One of my open-text answers (`me`). */
export interface MyOpenTextAnswer {
  id: string;
  text: string;
  status: OpenTextStatus;
}

/**
 * A vote: `choice` for `single` and `rating`, `choices` for `multi`, `text` for `wordcloud`,
 * `ranking` (every option index once, the first the favourite) for `ranking`. Open-text answers
 * are not votes: they are added one by one with the `answer` op.
 */
export type PollAnswer =
  { choice: number } | { choices: number[] } | { text: string } | { ranking: number[] };

/** A poll's results at one moment. */
export interface PollTally {
  counts: PollCounts;
  total: number;
  /** Open text: the shown answers, grouped, newest first. */
  answers?: OpenTextEntry[];
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
  /** Word cloud: words containing one of these are dropped; open text: answers are refused. */
  blockedTerms?: string[];
  /** Open text: answers per viewer, 1 to 10 (default 3). */
  maxAnswers?: number;
  /**
   * Word cloud and open text: the audience's entries and answers go to the poll channel's
   * review queue first, and reach the audience once staff approve them.
   */
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
  /** Open text: adds one answer (up to the poll's `maxAnswers`). */
  answer: { pollId: string; text: string };
  /** (host) Open text: hides a shown answer and every identical one, now and later. */
  hide: { pollId: string; answerId: string };
  /** (host) A held word-cloud entry counts, a held open-text answer is shown (the review item's `id`). */
  approve: { id: string };
  /** (host) A held entry or answer never reaches the audience. */
  reject: { id: string };
  /** (host) Nothing is reported on polls; kept for the queue's one set of ops. */
  dismiss: { id: string };
}

/** Op type → the ack's `data`. */
export interface PollAcks {
  create: { pollId: string };
  answer: { answerId: string; status: OpenTextStatus };
}

/** Ev type → its `data`. */
export interface PollEvents {
  poll: { poll: Poll };
  status: { pollId: string; status: PollStatus };
  tally: { pollId: string } & PollTally;
}

/** `me` of an open-text poll: every answer I gave, with where it stands. */
export interface PollMyAnswers {
  pollId: string;
  answers: MyOpenTextAnswer[];
}

/**
 * `me`: my vote in a poll (`held` while a word-cloud entry waits for review), my open-text
 * answers, or (hosts) the live tally of a poll whose results are hidden, or a change to the
 * poll channel's review queue.
 */
export type PollMe =
  | ({ pollId: string; held?: true } & PollAnswer)
  | { pollId: string }
  | PollMyAnswers
  | PollEvents['tally']
  | ReviewMe;
