/**
 * A React 19 app with a Hubbub chat: the elements come from their own entries (only what is used
 * is bundled), their JSX types from `hubbub/react`, and the token is set as a property (React 19
 * sets a prop as a property when the element has one).
 */
/// <reference types="hubbub/react" />
import 'hubbub/live-chat.js';
import { useEffect, useState } from 'react';
import type { LiveMessageSendEvent } from 'hubbub/live-chat.js';
import { fetchToken } from './token.js';

export function App({ server, room }: { server: string; room: string }) {
  const [token, setToken] = useState<string>();
  const [ready, setReady] = useState(false);
  const [sent, setSent] = useState<string[]>([]);

  useEffect(() => {
    void fetchToken().then((value) => {
      setToken(value);
      setReady(true);
    });
  }, []);

  // Typed: `event.detail.text` is a string. Cancelling the event would stop the send.
  const onSend = (event: LiveMessageSendEvent) => setSent((texts) => [...texts, event.detail.text]);

  if (!ready) return <p>Signing in…</p>;
  return (
    <main style={{ textAlign: 'center' }}>
      <h1>Stream</h1>
      <live-room server={server} room={room} token={token}>
        <live-chat maxRendered={200} onlive-message-send={onSend} />
      </live-room>
      <p id="sent">Sent from this app: {sent.length}</p>
    </main>
  );
}
