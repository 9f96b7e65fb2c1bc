import type { StoryChecks } from './index.js';

/** The send button in the story's language; Arabic laid out right to left. */
const sends = (label: string) =>
  `root.querySelector('[part~="send"]')?.textContent.trim() === ${JSON.stringify(label)}`;

export const localesChat: StoryChecks = {
  tag: 'live-chat',
  stories: {
    spanish: sends('Enviar'),
    german: sends('Senden'),
    french: sends('Envoyer'),
    japanese: sends('送信'),
    arabic: `${sends('إرسال')} && getComputedStyle(root.querySelector('.composer')).direction === 'rtl'`,
  },
};
