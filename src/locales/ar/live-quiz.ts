import type { QuizStrings } from '../../elements/live-quiz/live-quiz.strings.js';
import { count } from '../format.js';
import { plural } from '../plural.js';
import type { LocaleBundle } from '../types.js';

const n = (value: number) => count('ar', value);

export default {
  loading: 'جارٍ تحميل المسابقة…',
  waiting: 'تبدأ المسابقة قريبًا',
  questionCount: (total, value) =>
    plural('ar', value, {
      zero: 'لا أسئلة',
      one: 'سؤال واحد',
      two: 'سؤالان',
      few: `${total} أسئلة`,
      other: `${total} سؤالًا`,
    }),
  progress: (number, total) => `السؤال ${n(number)} من ${n(total)}`,
  pointsUpTo: (points) => `حتى ${points} نقطة`,
  pointsFlat: (points) => `${points} نقطة`,
  getReady: 'استعد…',
  opensIn: (seconds) => `تبدأ الإجابات بعد ${n(seconds)} ث`,
  timeLeft: 'الوقت المتبقي',
  seconds: (seconds) => `${n(seconds)} ث`,
  timeUp: 'انتهى الوقت',
  speedHint: 'أجب بسرعة: الإجابات الأسرع تحصد نقاطًا أكثر.',
  calmHint: 'خذ وقتك.',
  answers: 'الإجابات',
  letter: (index) => String.fromCharCode(65 + index),
  lockedIn: (letter) => `تم اعتماد إجابتك: ${letter}`,
  waitingForOthers: 'بانتظار الآخرين…',
  sending: 'جارٍ الإرسال…',
  sendWhenBack: 'سيتم إرسال إجابتك عند عودة الاتصال.',
  correctMark: 'الإجابة الصحيحة',
  yourAnswerMark: 'إجابتك',
  answerCount: (total, value) =>
    plural('ar', value, {
      zero: 'لا إجابات',
      one: 'إجابة واحدة',
      two: 'إجابتان',
      few: `${total} إجابات`,
      other: `${total} إجابة`,
    }),
  correct: 'صحيح!',
  wrong: 'خطأ.',
  noAnswer: 'لا إجابة.',
  theAnswerWas: (letter, option) => `الإجابة كانت ${letter}: ${option}`,
  pointsWon: (points) => `+${points}`,
  standing: (score, rank) =>
    rank === null ? `أنت: ${score} نقطة` : `أنت: ${score} نقطة · المركز ${n(rank)}`,
  streak: (total) => `${total} على التوالي`,
  finalResults: 'النتائج النهائية',
  podium: 'أفضل اللاعبين',
  podiumScore: (score) => `${score} نقطة`,
  rank: (rank) => `#${n(rank)}`,
  notPlayed: 'لم تُجب عن أي سؤال.',
  noScores: 'لا نتائج بعد',
  offline: 'أنت غير متصل. الإجابة متوقفة حتى عودة الاتصال.',
  reconnecting: 'جارٍ إعادة الاتصال… الإجابة متوقفة مؤقتًا.',
  disconnected: 'انقطع الاتصال. الإجابة غير متاحة.',
  errorTooLate: 'فات الأوان: انتهى الوقت ولم تُحتسب إجابتك.',
  errorConflict: 'لقد أجبت عن هذا السؤال بالفعل.',
  errorNotOpen: 'لم تبدأ الإجابات بعد.',
  answerFailed: (message) => `لم تُحتسب إجابتك: ${message}`,
  announceQuestion: (progress, text, options) => `${progress}: ${text} ${n(options)} إجابات.`,
  announceWarning: (seconds) =>
    plural('ar', seconds, {
      one: 'بقيت ثانية واحدة.',
      two: 'بقيت ثانيتان.',
      few: `بقيت ${n(seconds)} ثوانٍ.`,
      other: `بقيت ${n(seconds)} ثانية.`,
    }),
  announceLocked: (letter, option) => `تم اعتماد إجابتك: ${letter}، ${option}.`,
  announceResult: (outcome, standing) => `${outcome} ${standing}`,
  announceEnd: (standing) => `انتهت المسابقة. ${standing}`,
} satisfies LocaleBundle<QuizStrings>;
