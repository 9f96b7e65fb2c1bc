/**
 * The shape of a feature's contract. Each feature file exports an op map (op type → the `data`
 * a client sends), an event map (ev type → its `data`), and where it has them an ack map (op
 * type → the ack's `data`), a `me` type and signal names. Both sides type their code with them,
 * so a wrong op name or payload is a type error on either side.
 */
import type { AckFrame, EvFrame } from './frames.js';

/** The op types of an op map. */
export type OpType<Ops> = keyof Ops & string;

/** The ev types of an event map. */
export type EventType<Events> = keyof Events & string;

/** Any `ev` of a feature: switching on `type` narrows `data`. */
export type EventOf<Events> = {
  [K in EventType<Events>]: EvFrame<Events[K], K>;
}[EventType<Events>];

/** The ack's `data` of op `K`: from the ack map, else nothing a client relies on. */
export type AckData<Acks, K extends string> = K extends keyof Acks ? Acks[K] : unknown;

/** The ack of op `K`. */
export type AckOf<Acks, K extends string> = AckFrame<AckData<Acks, K>>;
