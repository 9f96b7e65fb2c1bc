/** qa (`ROOM/qa`): the contract of PROTOCOL.md, Features and "Q&A". */
import type { User } from './users.js';

/**
 * `pending` awaits a host's approval (moderation on); `visible` is listed; `pinned` is being
 * answered now (one at a time); `answered` is done; `hidden` is shown to hosts only.
 */
export type QaStatus = 'pending' | 'visible' | 'pinned' | 'answered' | 'hidden';

/** The relay's limits on Q&A. */
export const QA_LIMITS = {
  /** A question's text, in code points after trimming. */
  textMax: 300,
  /**
   * Questions kept, pending ones included. Beyond it the oldest answered or hidden one is
   * forgotten, else the oldest visible one; never the pinned one, never a pending one.
   */
  questions: 1_000,
  /** Questions waiting for approval; an audience `ask` beyond it gets `conflict`. */
  pending: 200,
  /** Pending questions listed to hosts at once. */
  queueList: 50,
  /**
   * An asker's own questions (pending or turned down) sent to them after `ok`, the newest first
   * kept: enough for any asker within the per-user ask limit, bounded for one who is not.
   */
  ownListed: 50,
} as const;

export interface QaQuestion {
  /** Made by the relay. */
  id: string;
  /** 1 to 300 characters, trimmed. */
  text: string;
  status: QaStatus;
  /** When it was asked (relay time, ms). */
  ts: number;
  anonymous: boolean;
  /** The asker; absent on an anonymous question, except for the asker's own snapshot. */
  user?: User;
  votes: number;
}

/** Hosts: questions awaiting approval, oldest first (the oldest 50), and how many in all. */
export interface QaQueue {
  count: number;
  questions: QaQuestion[];
}

export interface QaSettings {
  /** New audience questions wait for a host's approval. */
  moderation: boolean;
}

export interface QaSnapshot {
  questions: QaQuestion[];
  settings: QaSettings;
  /** Hosts only. */
  queue?: QaQueue;
}

/** Op type → the `data` a client sends. */
export interface QaOps {
  ask: { text: string; anonymous?: boolean };
  upvote: { id: string };
  unvote: { id: string };
  answer: { id: string };
  hide: { id: string };
  pin: { id: string };
  approve: { id: string };
  settings: QaSettings;
}

/** Op type → the ack's `data`. */
export interface QaAcks {
  ask: { id: string; status: QaStatus };
}

/** Ev type → its `data`. */
export interface QaEvents {
  question: QaQuestion;
  /** Carries the question too: someone who joined while it was hidden can show it. */
  status: { id: string; status: QaStatus; question?: QaQuestion };
  votes: { id: string; votes: number };
  settings: QaSettings;
}

/** `me`: my votes, one vote of mine, my pending question, or (hosts) the moderation queue. */
export interface QaMe {
  voted?: string[];
  vote?: { id: string; voted: boolean };
  pending?: QaQuestion;
  queue?: QaQueue;
}
