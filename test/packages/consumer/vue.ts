/** What `vue-tsc` checks a template against: the elements' `GlobalComponents` (`hubbub/vue`). */
/// <reference types="hubbub/vue" />
import type { GlobalComponents } from 'vue';

type ChatProps = InstanceType<GlobalComponents['live-chat']>['$props'];
type RoomProps = InstanceType<GlobalComponents['live-room']>['$props'];

export const room: RoomProps = { server: 'wss://relay.example/live', room: 'r', token: 't' };
export const chat: ChatProps = {
  maxRendered: 100,
  onLiveMessageSend: (event) => event.detail.text,
};
// @ts-expect-error: a typo in a property name is an error
export const typo: ChatProps = { serverr: 'wss://relay.example/live' };
