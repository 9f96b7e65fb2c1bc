/**
 * The host widgets' locale bundles (`src/locales/<lang>/<widget>.ts`): each has exactly the
 * English defaults' keys but the shared state and connection texts (and the texts of a module
 * whose bundle the widget loads too: the poll editor's results, the quiz host's leaderboard,
 * though those two word their own `loading`), every text function says
 * something for counts from 0 to a million, and the Arabic ones use Arabic plural forms and
 * punctuation. (That each key has the right type is proven by `satisfies` at type-check time.)
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  defaultChatModerationStrings,
  lengthText,
} from '../../src/elements/live-chat-moderation/live-chat-moderation.strings.js';
import { defaultHostConsoleStrings } from '../../src/elements/live-host-console/live-host-console.strings.js';
import { defaultPollEditorStrings } from '../../src/elements/live-poll-editor/live-poll-editor.strings.js';
import { defaultLeaderboardStrings } from '../../src/elements/internal/leaderboard.strings.js';
import { defaultPollResultStrings } from '../../src/elements/internal/poll-charts.strings.js';
import { defaultQuizHostStrings } from '../../src/elements/live-quiz-host/live-quiz-host.strings.js';
import { defaultReviewQueueStrings } from '../../src/elements/live-review-queue/live-review-queue.strings.js';

const LANGS = ['es', 'de', 'fr', 'ja', 'ar'] as const;
type Lang = (typeof LANGS)[number];

/** The keys the `connection` bundle carries for every widget (ConnectionStrings, StateStrings). */
const SHARED = new Set(['offline', 'reconnecting', 'closed', 'loading', 'refused']);

const COUNTS = [0, 1, 2, 3, 5, 11, 100, 1_000_000];

/**
 * Sample arguments for each text function of a widget, for a count `n` (`count` is `n` as the
 * page's language writes it) and the bundle's own texts. Several lists where the optional parts
 * change the text.
 */
type Samples = Record<string, (n: number, count: string, texts: Texts) => unknown[][]>;

type Texts = Record<string, unknown>;

/** Log actions without a user (the relay logs their settings instead). */
const UNTARGETED = new Set(['unpin', 'settings', 'shield', 'shieldOff', 'shieldPreset']);

const moderationSamples: Samples = {
  slowModeOption: (n) => [[n]],
  termTooLong: (n) => [['spam', n]],
  termsTooMany: (n) => [[n]],
  bannedUntil: () => [['18:42']],
  unbanUser: () => [['Ana']],
  unbanned: () => [['Ana']],
  failed: () => [['not allowed']],
  lengthOption: (n) => [[n], [n * 60], [n * 3_600], [86_400]],
  timedOut: (n) => [['Ana', lengthText(Math.max(n, 1))]],
  hidden: () => [['Ana']],
  unhidden: () => [['Ana']],
  unhideUser: () => [['Ana']],
  chatDelayOption: (n) => [[n]],
  modLogLine: (n, _count, texts) => {
    const actions = texts.actions as Record<string, string>;
    const length = lengthText(Math.max(n, 1));
    return [
      ...Object.entries(actions).map(([action, text]) =>
        UNTARGETED.has(action)
          ? [{ by: 'Ana', action: text, target: '', settings: 'slowModeSeconds 10' }]
          : [{ by: 'Ana', action: text, target: 'Bo', ...(action === 'timeout' && { length }) }],
      ),
      // An action the bundle does not name arrives as the relay's code.
      [{ by: 'Ana', action: 'mute', target: 'Bo', length, reason: 'spam', settings: 'x 1' }],
    ];
  },
  shieldHintOff: () => [['signed-in only']],
  presetSummary: (n) => [
    [{}],
    [
      {
        signedInOnly: true,
        slowModeSeconds: n,
        chatDelaySeconds: n,
        minAccountAgeMinutes: n,
        firstChatDelaySeconds: n * 60,
        emoteOnly: true,
        links: 'staff',
        hold: ['all', 'firstTime', 'links', 'terms'],
      },
    ],
  ],
  delayOption: (n) => [[0], [n * 60]],
};

const pollEditorSamples: Samples = {
  result: (n, count) => [[`${Math.min(n, 100)}%`, count, n]],
  voters: (n, count) => [[count, n]],
  rankResult: (n, count) => [['1.8', count, n]],
  answerCount: (n, count) => [[count, n]],
  counter: (n) => [[n, 200]],
  option: (n) => [[n]],
  removeOption: (n) => [[n]],
  questionTooLong: (n) => [[n]],
  optionTooLong: (n) => [[n]],
  optionsTooMany: (n) => [[n]],
  blockedTermTooLong: (n) => [[n]],
  blockedTermsTooMany: (n) => [[n]],
  failed: () => [['not allowed']],
  optionsTooFew: (n) => [[n]],
  maxAnswersRange: (n) => [[n]],
  waiting: (n, count) => [[count, n]],
  hideAnswer: () => [['Paris']],
};

const quizHostSamples: Samples = {
  players: (n, count) => [[count, n]],
  loadedCount: (n) => [[n]],
  progress: (n) => [
    [1, n],
    [n, n],
  ],
  answered: (n, count) => [[count, n]],
  secondsLeft: (n) => [[n]],
  answerIs: () => [['B', 'Paris']],
  letter: (n) => [[n % 10]],
  fileRead: (n) => [[n, 'quiz.json']],
  fileErrors: () => [['quiz.json']],
  summary: (n, count) => [[n, n, count]],
  loadQuiz: (n) => [[n]],
  editQuestion: (n) => [[n]],
  optionLabel: () => [['B']],
  removeOption: () => [['B']],
  textTooLong: (n) => [[n]],
  optionTooLong: (n) => [[n]],
  secondsRange: (n) => [[5, n]],
  pointsRange: (n) => [[0, n]],
  failed: () => [['not allowed']],
};

const reviewSamples: Samples = {
  count: (n) => [[n]],
  // `constructor`: a rule the relay might name that an object literal would answer wrongly.
  held: () =>
    ['all', 'firstTime', 'links', 'terms', 'moderation', 'review', 'other', 'constructor'].map(
      (rule) => [rule],
    ),
  reports: (n) => [[n, 'spam']],
  actionsFor: () => [['Ana']],
};

const WIDGETS = [
  {
    name: 'live-chat-moderation',
    defaults: defaultChatModerationStrings,
    samples: moderationSamples,
  },
  { name: 'live-host-console', defaults: defaultHostConsoleStrings, samples: {} },
  {
    name: 'live-poll-editor',
    defaults: defaultPollEditorStrings,
    samples: pollEditorSamples,
    included: defaultPollResultStrings,
  },
  {
    name: 'live-quiz-host',
    defaults: defaultQuizHostStrings,
    samples: quizHostSamples,
    included: defaultLeaderboardStrings,
  },
  { name: 'live-review-queue', defaults: defaultReviewQueueStrings, samples: reviewSamples },
] as const satisfies readonly {
  name: string;
  defaults: object;
  samples: Samples;
  /** The English texts of a module whose bundle the widget loads too: not in its own bundle. */
  included?: object;
}[];

const load = async (lang: Lang, name: string): Promise<Texts> =>
  ((await import(`../../src/locales/${lang}/${name}.js`)) as { default: Texts }).default;

const isRecord = (value: unknown): value is Texts =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every output of a bundle's functions over every count, by key and then by sample: `[key, i]`
 * holds the texts of the `i`th sample for each count.
 */
function outputs(lang: Lang, bundle: Texts, samples: Samples): Map<string, string[][]> {
  const numbers = new Intl.NumberFormat(lang);
  const byKey = new Map<string, string[][]>();
  for (const [key, value] of Object.entries(bundle)) {
    if (typeof value !== 'function') continue;
    const sample = samples[key];
    assert.ok(sample, `no sample arguments for ${key}`);
    const texts: string[][] = [];
    for (const n of COUNTS) {
      for (const [i, args] of sample(n, numbers.format(n), bundle).entries()) {
        const text: unknown = value(...args);
        assert.equal(typeof text, 'string', `${key}(${JSON.stringify(args)}) is not a string`);
        (texts[i] ??= []).push(text as string);
        assert.doesNotMatch(text as string, /\{(target|length)\}/, `${key} left a placeholder`);
        // `answerCount` is `× 3`, and nothing for one answer (as in English).
        const empty = key === 'answerCount' && (args[1] as number) <= 1;
        assert.equal(
          (text as string).trim() === '',
          empty,
          `${key}(${JSON.stringify(args)}) in ${lang}: ${JSON.stringify(text)}`,
        );
      }
    }
    byKey.set(key, texts);
  }
  return byKey;
}

/** Every static text of a bundle, nested records included. */
function staticTexts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (isRecord(value)) return Object.values(value).flatMap(staticTexts);
  return [];
}

/** A text with its numbers (in any digits and grouping) replaced by `#`. */
const withoutNumbers = (text: string) =>
  text.replace(/[0-9\u0660-\u0669]+(?:[.,\u00a0\u202f\u066b\u066c][0-9\u0660-\u0669]+)*/g, '#');

for (const widget of WIDGETS) {
  const { name, defaults, samples } = widget;
  const included = new Set(Object.keys('included' in widget ? widget.included : {}));
  describe(name, () => {
    // A widget that loads another module's bundle words its own `loading` (the shared key it
    // means differently), and leaves that module's texts to it.
    const ownLoading = included.size > 0;
    const english = Object.keys(defaults)
      .filter((key) => (ownLoading && key === 'loading') || !(SHARED.has(key) || included.has(key)))
      .sort();

    for (const lang of LANGS) {
      describe(lang, () => {
        it('has every key of the English defaults but the shared and included ones', async () => {
          const bundle = await load(lang, name);
          assert.deepEqual(Object.keys(bundle).sort(), english);
          for (const [key, value] of Object.entries(defaults)) {
            if (!isRecord(value)) continue;
            assert.ok(isRecord(bundle[key]), `${key} is a record`);
            assert.deepEqual(Object.keys(bundle[key]).sort(), Object.keys(value).sort(), key);
          }
        });

        it('says something for every count and sample', async () => {
          const bundle = await load(lang, name);
          outputs(lang, bundle, samples);
          for (const text of staticTexts(bundle)) assert.notEqual(text.trim(), '');
        });
      });
    }

    it('uses Arabic plural forms and punctuation', async () => {
      const bundle = await load('ar', name);
      const byKey = outputs('ar', bundle, samples);
      if (byKey.size > 0) {
        // Texts of one sample that differ only by the count: English has at most three (zero,
        // one, other), so four or more are Arabic's own forms (two, few, many).
        const forms = [...byKey.values()].flatMap((lists) =>
          lists.map((texts) => new Set(texts.map(withoutNumbers)).size),
        );
        assert.ok(Math.max(...forms) >= 4, `at most ${Math.max(...forms)} forms`);
      }
      const texts = [...staticTexts(bundle), ...[...byKey.values()].flat(2)];
      for (const text of texts) {
        assert.doesNotMatch(text, /[\u0600-\u06ff]\s*[,;?]/, 'Latin punctuation after Arabic');
      }
    });
  });
}
