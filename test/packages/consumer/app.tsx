/**
 * A React 19 + TypeScript app's view of the packed `hubbub`: JSX of the elements with typed
 * properties and events (`hubbub/react`), per-element entries, the core and the embed build.
 */
/// <reference types="hubbub/react" />
import { LiveChat, LiveMessageSendEvent } from 'hubbub/live-chat.js';
import { LivePoll } from 'hubbub/live-poll.js';
import { createChatStore, getConnection, releaseConnection } from 'hubbub/core';
import { load, ready } from 'hubbub/embed';

export function Chat({ token }: { token: string }) {
  return (
    <live-room server="wss://relay.example/live" room="stream-42" token={token}>
      <live-chat
        maxRendered={200}
        onlive-message-send={(event) => {
          const text: string = event.detail.text;
          const sent: LiveMessageSendEvent = event;
          return [text, sent];
        }}
      />
      <live-poll chart="pie" onlive-vote={(event) => event.detail.pollId} />
      {/* @ts-expect-error: a typo in a property name is an error */}
      <live-chat serverr="wss://relay.example/live" />
      {/* @ts-expect-error: a property's type is checked */}
      <live-chat maxRendered="many" />
      {/* @ts-expect-error: `chart` is one of bar, pie or cloud */}
      <live-poll chart="donut" />
    </live-room>
  );
}

export const classes = [LivePoll];

export async function useStores(): Promise<LiveChat | undefined> {
  const connection = getConnection('wss://relay.example/live');
  const store = createChatStore(connection, 'stream-42');
  store.$messages.get();
  releaseConnection(connection);
  await load(['live-chat']);
  await ready;
  return document.querySelector('live-chat') ?? undefined;
}
