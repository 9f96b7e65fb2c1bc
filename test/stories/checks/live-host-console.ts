import type { StoryChecks } from './index.js';

/** The selected tab's name, and the widget inside the visible panel. */
const selected = (name: string) =>
  `root.querySelector('[role="tab"][aria-selected="true"]')?.textContent.trim() === '${name}' &&
  root.querySelectorAll('[role="tabpanel"]:not([hidden])').length === 1`;
const shown = (panel: string, tag: string) =>
  `root.querySelector('#panel-${panel}:not([hidden]) > ${tag}')?.shadowRoot?.childElementCount > 0`;

/**
 * What a given `<live-host-console>` story must show, beyond "rendered without errors". The Quiz
 * and Q&A checks look only for their element, not into it: those widgets have their own checks.
 */
export const liveHostConsole: StoryChecks = {
  tag: 'live-host-console',
  stories: {
    'polls-tab': `${selected('Polls')} && root.querySelectorAll('[role="tab"]').length === 5 &&
    text.includes('Connected') && root.querySelector('presence-bar[no-enter]') &&
    root.querySelector('live-poll-editor').shadowRoot.querySelectorAll('[part~="item"]').length === 3`,
    'quiz-tab': `${selected('Quiz')} && ${shown('quiz', 'live-quiz-host')}`,
    'chat-tab': `${selected('Chat')} && (() => {
      const moderation = root.querySelector('#panel-chat live-chat-moderation').shadowRoot;
      const chat = root.querySelector('#panel-chat live-chat').shadowRoot;
      return moderation.querySelectorAll('[part~="ban"]').length === 3 &&
        moderation.querySelectorAll('[part~="terms"] li').length === 4 &&
        chat.querySelectorAll('[data-action="ban"]').length > 0;
    })()`,
    'qa-tab': `${selected('Q&A')} && ${shown('qa', 'live-qa')}`,
    'reactions-tab': `${selected('Reactions')} &&
    root.querySelector('live-reactions').shadowRoot.querySelector('[part~="edit"]')`,
    'moderator-chat-only': `${selected('Chat')} && root.querySelectorAll('[role="tab"]').length === 2 &&
    ${shown('chat', 'live-chat-moderation')}`,
    'non-host': `text.includes('The host console is for hosts and moderators.') &&
    !root.querySelector('button, select, textarea, [role="tablist"]')`,
    offline: `text.includes('You are offline.') && text.includes('Offline') && ${selected('Chat')}`,
    reconnecting: `text.includes('Connection lost. Reconnecting…') && root.querySelector('[role="tablist"]')`,
    'shield-up': `${selected('Polls')} && root.querySelector('[part~="header"] [part~="shield"]')
    ?.shadowRoot?.querySelector('[part~="shield"]')?.getAttribute('aria-pressed') === 'true'`,
    loading: `text.includes('Connecting to the room…') && root.querySelector('[aria-busy="true"]') &&
    !root.querySelector('[role="tablist"]')`,
  },
};
