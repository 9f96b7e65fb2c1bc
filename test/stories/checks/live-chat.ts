import type { StoryChecks } from './index.js';

/** What a given story must show, beyond "rendered without errors". Runs in the page. */
export const liveChat: StoryChecks = {
  tag: 'live-chat',
  stories: {
    empty: `text.includes('No messages yet. Say hi!')`,
    busy: `root.querySelectorAll('[part~="message"]').length <= 200 &&
    root.querySelectorAll('[part~="message"]').length > 100 && text.includes('Several people are typing')`,
    loading: `text.includes('Loading messages') && root.querySelector('[role="log"]').getAttribute('aria-busy') === 'true'`,
    offline: `text.includes('You are offline') && text.includes('Queued while offline') && text.includes('sending…')`,
    reconnecting: `text.includes('Reconnecting')`,
    'cant-connect': `text.includes("Can't connect. Retrying…") && !text.includes('Reconnecting')`,
    'slow-mode': `/Wait \\d+ s/.test(root.querySelector('[part~="send"]').textContent)`,
    'host-view': `root.querySelector('[part~="slow-mode"]') && root.querySelector('[data-action="delete"]') &&
    root.querySelector('[data-action="pin"]') && root.querySelector('[data-action="ban"]') &&
    root.querySelector('[data-action="unban"]')`,
    banned: `root.querySelector('textarea').disabled && text.includes('banned')`,
    'timed-out': `root.querySelector('textarea').disabled && text.includes('timed out for 7 more minutes')`,
    'timed-out-with-reason': `root.querySelector('textarea').disabled &&
    /Timed out for 9:[34]\\d — Please keep links out of the chat/.test(text)`,
    'staff-markers': `[...root.querySelectorAll('[part~="marker"]')].map((m) => m.textContent).join() === 'hidden,delayed'`,
    'pending-and-failed': `text.includes('sending…') && text.includes('Not sent: the message replied to is no longer in history') &&
    root.querySelector('[data-action="retry"]')`,
    pinned: `root.querySelector('[part~="pinned"]')?.textContent.includes('Pinned')`,
    'pinned-long': `!root.querySelector('[part~="pinned-toggle"]').hidden &&
    root.querySelector('[part~="pinned-toggle"]').getAttribute('aria-expanded') === 'false' &&
    !root.querySelector('[part~="pinned"] [title]')`,
    replying: `root.querySelector('[part~="reply-chip"]')?.textContent.includes('Replying to')`,
    skipped: `/\\d+ earlier messages skipped/.test(text) && root.querySelector('[part~="show-skipped"]') &&
    [...root.querySelectorAll('[part~="text"]')].at(-1).textContent === 'Burst message #120'`,
    'skipped-showing': `/\\d+ earlier messages skipped/.test(text) && (() => {
      const shown = [...root.querySelectorAll('[part~="text"]')].map((element) => element.textContent);
      return shown.includes('Burst message #21') && !shown.includes('Burst message #20');
    })()`,
    'emote-only': `[...root.querySelectorAll('[part~="gate"]')].some((p) => p.textContent.includes('Emote-only mode')) &&
    root.querySelector('.failed')?.textContent.includes('Emote-only mode')`,
    'links-refused': `root.querySelector('.failed')?.textContent.includes('Links are not allowed')`,
    'first-time-chatter': `/You can chat in [34]:\\d\\d/.test(root.querySelector('.failed')?.textContent ?? '')`,
    'shield-up': `/You can chat in [45]:\\d\\d/.test(root.querySelector('.failed')?.textContent ?? '') &&
    text.includes('Links are not allowed') && text.includes('Slow mode: one message every 10 s.')`,
    'held-for-review': `root.querySelector('[part~="held"]')?.textContent.trim() === 'Held for review'`,
    'report-dialog': `root.querySelector('[part~="report"]')?.getAttribute('role') === 'dialog' &&
    root.querySelectorAll('[part~="report"] input[type="radio"]').length === 5 && text.includes('Spam or scam')`,
    'shield-up-anonymous': `text.includes('This room is for signed-in users only') && root.querySelector('textarea').disabled`,
    'live-relay': `!root.querySelector('[part~="banner"]') && text.includes('No messages yet')`,
  },
};
