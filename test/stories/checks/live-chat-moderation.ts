import type { StoryChecks } from './index.js';

/** What a given `<live-chat-moderation>` story must show, beyond "rendered without errors". */
export const liveChatModeration: StoryChecks = {
  tag: 'live-chat-moderation',
  stories: {
    empty: `text.includes('No terms are blocked.') && text.includes('Nobody is banned.') &&
    root.querySelector('[part~="slow-mode"]').value === '0'`,
    terms: `root.querySelectorAll('[part~="terms"] li').length === 4 && text.includes('<b>not bold</b>') &&
    !root.querySelector('b') && root.querySelector('[part~="terms-input"]').value.split('\\n').length === 4 &&
    root.querySelector('[part~="slow-mode"]').value === '30'`,
    bans: `root.querySelectorAll('[part~="ban"]').length === 3 && text.includes('banned until unbanned') &&
    /timed out until \\S/.test(text) && root.querySelector('[part~="unban"]').getAttribute('aria-label') === 'Unban Dara'`,
    saved: `[...root.querySelectorAll('[part~="terms"] li')].map((li) => li.textContent.trim()).join() === 'spoiler,spam' &&
    text.includes('Blocked terms saved.')`,
    'term-too-long': `text.includes('is longer than 40 characters') &&
    root.querySelector('[part~="terms-input"]').getAttribute('aria-invalid') === 'true'`,
    refused: `text.includes('Not done: only hosts and moderators may do this')`,
    'moderation-log': `root.querySelectorAll('[part~="mod-log-entry"]').length === 4 &&
    text.includes('Hana (host) raised the shield: signedInOnly true, slowModeSeconds 10, chatDelaySeconds 5') &&
    text.includes('Mo timed out Bo for 10 min — Spamming <b>links</b>') && !root.querySelector('b') &&
    root.querySelectorAll('[part~="hidden-user"]').length === 1`,
    'custom-timeout-too-long': `text.includes('A timeout lasts from 1 second to 14 days.')`,
    gates: `root.querySelector('[data-gate="emoteOnly"]').checked && root.querySelector('[data-gate="links"]').checked &&
    root.querySelector('#gate-age').value === '1440' && root.querySelector('[part~="shield"]').getAttribute('aria-pressed') === 'false'`,
    'shield-up': `root.querySelector('[part~="shield"]').getAttribute('aria-pressed') === 'true' &&
    text.includes('The shield is up') && root.querySelector('[data-gate="signedInOnly"]').checked`,
    'raise-shield': `root.querySelector('[part~="shield"]').getAttribute('aria-pressed') === 'true' &&
    text.includes('Shield raised.') && root.querySelector('#gate-delay').value === '300'`,
    'non-host': `text.includes('Only hosts and moderators can moderate the chat.') && !root.querySelector('button, select')`,
  },
};
