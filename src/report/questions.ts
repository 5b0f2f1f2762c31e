/**
 * The questions asked of the room (issue 14) in a recorded session: each with its tally, the
 * correct answer and the rule that decides it; each student's predictions, right and wrong.
 * Read from the journal's events alone (`question`, `answer`, `reveal`, `question-closed`), so
 * a replayed or resumed session reports the same.
 */
import type { Text } from '../i18n/text.js';
import type { ServerId } from '../raft/types.js';
import type { GameEvent } from '../game/events.js';
import type { QuestionKind } from '../game/questions.js';

export interface QuestionDebrief {
  id: string;
  cluster: string;
  /** The journal record that asked it, and the session time (ms from the start). */
  n: number;
  at: number;
  kind: QuestionKind;
  server: ServerId;
  text: Text;
  choices: Text[];
  correct: number;
  rule: string;
  why: Text;
  /** Answers per choice (the latest answer of each student counts). */
  tally: number[];
  answers: { server: ServerId; name: string; choice: number; right: boolean }[];
  revealed: boolean;
  /** The decision was played when the question closed (null: still open at the end). */
  played: boolean | null;
}

export interface PredictionDebrief {
  name: string;
  cluster: string;
  server: ServerId;
  right: number;
  wrong: number;
  /** Question ids in the order asked, with the choice made. */
  answers: { question: string; choice: Text; right: boolean }[];
}

/** Feeds on every event of the session in order; `result()` gives what the debrief keeps. */
export class QuestionLog {
  private readonly questions = new Map<string, QuestionDebrief>();
  private readonly latest = new Map<string, Map<ServerId, { name: string; choice: number }>>();

  note(e: GameEvent, n: number, at: number): void {
    switch (e.type) {
      case 'question': {
        const q = e.question;
        this.questions.set(q.id, { id: q.id, cluster: e.cluster, n, at, kind: q.kind, server: q.server, text: q.text, choices: q.choices, correct: q.correct, rule: q.rule, why: q.why, tally: q.choices.map(() => 0), answers: [], revealed: false, played: null });
        this.latest.set(q.id, new Map());
        return;
      }
      case 'answer':
        this.latest.get(e.question)?.set(e.server, { name: e.name, choice: e.choice });
        return;
      case 'reveal': {
        const q = this.questions.get(e.question);
        if (q) q.revealed = true;
        return;
      }
      case 'question-closed': {
        const q = this.questions.get(e.question);
        if (q) {
          q.played = e.played;
          q.revealed = true;
        }
        return;
      }
      default:
        return;
    }
  }

  result(): { questions: QuestionDebrief[]; predictions: PredictionDebrief[] } {
    const people = new Map<string, PredictionDebrief>();
    const questions = [...this.questions.values()].map((q) => {
      const answers = [...(this.latest.get(q.id) ?? new Map()).entries()].map(([server, a]) => ({ server, name: a.name, choice: a.choice, right: a.choice === q.correct }));
      const tally = q.choices.map((_, i) => answers.filter((a) => a.choice === i).length);
      for (const a of answers) {
        const key = `${q.cluster}/${a.server}/${a.name}`;
        let p = people.get(key);
        if (!p) people.set(key, (p = { name: a.name, cluster: q.cluster, server: a.server, right: 0, wrong: 0, answers: [] }));
        if (a.right) p.right++;
        else p.wrong++;
        p.answers.push({ question: q.id, choice: q.choices[a.choice] ?? { en: '?', ru: '?' }, right: a.right });
      }
      return { ...q, tally, answers };
    });
    return { questions, predictions: [...people.values()] };
  }
}
