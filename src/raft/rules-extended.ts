/**
 * The rules beyond the paper's Figure 2 that the later games switch on (docs/rules-extended.md),
 * catalogued like rules.ts: pre-vote (R24–R26) and hearing a leader (R27), from Ongaro's
 * dissertation (2014) §9.6 and §4.2.3, with the mistakes a class makes with them (M20–M23).
 * Kept apart so that the Figure 2 catalogue of games 1–4 reads as before.
 */
import type { MistakeInfo, RuleInfo } from './rules.js';

const r = (id: RuleInfo['id'], en: [string, string], ru: [string, string]): RuleInfo => ({
  id,
  kind: 'rule',
  title: { en: en[0], ru: ru[0] },
  explain: { en: en[1], ru: ru[1] },
});

const m = (id: MistakeInfo['id'], rules: RuleInfo['id'][], en: [string, string], ru: [string, string]): MistakeInfo => ({
  id,
  rules,
  title: { en: en[0], ru: ru[0] },
  explain: { en: en[1], ru: ru[1] },
});

export const EXTENDED_RULES: readonly RuleInfo[] = [
  r('R24',
    ['Pre-vote: ask before starting a term',
      'With pre-vote on (game 5), a follower or candidate whose election timer fires does not increment its term and does not vote for itself. It stays in its term as a follower, counts its own pre-vote and sends PreVote (term = currentTerm + 1, candidateId, lastLogIndex, lastLogTerm) to every other server: "would you vote for me in the next term?". A server cut off from the others can fire its timer forever without its term climbing (dissertation §9.6).'],
    ['Предголосование: сначала спроси',
      'Когда предголосование включено (игра 5), фолловер или кандидат, у которого сработал таймер выборов, не увеличивает терм и не голосует за себя. Он остаётся в своём терме фолловером, засчитывает свой предголос и отправляет всем PreVote (term = currentTerm + 1, candidateId, lastLogIndex, lastLogTerm): «проголосуешь ли ты за меня в следующем терме?». Отрезанный от остальных сервер может сколько угодно срабатывать таймером, а его терм не растёт (диссертация, §9.6).']),
  r('R25',
    ['Answering a PreVote changes nothing',
      'A PreVote card is a question, not an election: the receiver does not adopt its term (R4 does not apply to it), writes no vote and does not restart its timer. It answers PreVoteReply with its own currentTerm and ✔ only if all three hold: the term asked for is above its own, the sender\'s log is at least as up-to-date as its own (R10), and it hears from no leader — it is not the leader and has no leader written for its term (R27). A healthy leader\'s followers therefore refuse (dissertation §9.6, leader stickiness §4.2.3).'],
    ['Ответ на PreVote ничего не меняет',
      'Карточка PreVote — вопрос, а не выборы: получатель не принимает её терм (R4 к ней не относится), не пишет голос и не сбрасывает таймер. Он отвечает PreVoteReply со своим currentTerm и ставит ✔, только если верно всё три: запрошенный терм больше его собственного, журнал отправителя не менее актуален, чем его (R10), и он не слышит лидера — сам не лидер и не записал лидера своего терма (R27). Поэтому фолловеры здорового лидера отказывают (диссертация, §9.6; «липкость лидера», §4.2.3).']),
  r('R26',
    ['Counting pre-votes',
      'The asking server counts distinct ✔ of this round, its own included. With a majority of the whole cluster it starts the real election at once, as R8 says: term + 1, candidate, a vote for itself, RequestVote to everyone. A reply with a higher term is adopted (R4) and ends the pre-vote; a reply to an older round, or after the pre-vote ended (a new term, a leader heard), is dropped (R6). Without a majority nothing happens: the term stays where it was.'],
    ['Подсчёт предголосов',
      'Спрашивающий сервер считает различные ✔ этого раунда, включая свой. Набрав большинство всего кластера, он сразу начинает настоящие выборы по R8: терм + 1, кандидат, голос за себя, RequestVote всем. Ответ с большим термом принимается (R4) и заканчивает предголосование; ответ на старый раунд или пришедший после конца предголосования (новый терм, услышан лидер) отбрасывается (R6). Без большинства ничего не происходит: терм остаётся прежним.']),
  r('R27',
    ['Hearing a leader',
      'With pre-vote on, a follower that accepts an AppendEntries of its term (after R4 and R12) writes the sender in its leader cell: it hears from a leader. The cell is cleared when its term changes and when its own election timer fires (it has not heard from the leader for a whole timeout). A pre-vote in progress ends when a leader is heard. This is what lets a cluster refuse a server that comes back after a partition (dissertation §9.6, §4.2.3).'],
    ['Сервер слышит лидера',
      'Когда предголосование включено, фолловер, принявший AppendEntries своего терма (после R4 и R12), записывает отправителя в ячейку лидера: он слышит лидера. Ячейка очищается, когда меняется терм и когда срабатывает его собственный таймер выборов (он не слышал лидера целый таймаут). Идущее предголосование заканчивается, когда услышан лидер. Именно это позволяет кластеру отказать серверу, вернувшемуся после разделения сети (диссертация, §9.6, §4.2.3).']),
  r('R28',
    ['CheckQuorum: a leader checks it is heard',
      'With pre-vote on, a leader notes every follower whose AppendEntries reply of its term it reads (✔ or ✗). When its own election timer fires it checks: heard from a majority since the last check, itself included? Then it stays leader and counts again from nobody. If not, it steps down to follower in the same term, its vote cell unchanged. A leader cut off in a minority thus stops acting as one, and the followers that stuck to it (R25) can elect a new leader (dissertation §6.2).'],
    ['CheckQuorum: лидер проверяет, что его слышат',
      'Когда предголосование включено, лидер отмечает каждого фолловера, чей ответ на AppendEntries своего терма он прочитал (✔ или ✗). Когда срабатывает его собственный таймер выборов, он проверяет: слышал ли он большинство с прошлой проверки, считая себя? Если да, он остаётся лидером и начинает счёт заново. Если нет, он становится фолловером в том же терме, не трогая ячейку голоса. Так лидер, отрезанный в меньшинстве, перестаёт им быть, а фолловеры, державшиеся за него (R25), могут выбрать нового лидера (диссертация, §6.2).']),
];

export const EXTENDED_MISTAKES: readonly MistakeInfo[] = [
  m('M20', ['R24'],
    ['Starting a term when the timer fires with pre-vote on',
      'With pre-vote on, a fired timer first asks: PreVote cards for currentTerm + 1, the term itself unchanged and no vote written. Incrementing the term (or sending RequestVote) before a majority said ✔ is exactly what lets a cut-off server come back with a huge term and depose a healthy leader (R24).'],
    ['Начать терм при срабатывании таймера, когда включено предголосование',
      'Когда предголосование включено, сработавший таймер сначала спрашивает: карточки PreVote на currentTerm + 1, а сам терм не меняется и голос не пишется. Увеличить терм (или отправить RequestVote) до того, как большинство ответило ✔, — ровно то, что позволяет отрезанному серверу вернуться с огромным термом и свергнуть здорового лидера (R24).']),
  m('M21', ['R25', 'R4'],
    ['Adopting the term of a PreVote card',
      'A PreVote carries the term its sender would start, not a term anyone is in. Writing that term, a vote or stepping down for it does what pre-vote exists to prevent: a leader deposed by a question. Answer with your own term and change nothing on your sheet (R25).'],
    ['Принять терм карточки PreVote',
      'PreVote несёт терм, который отправитель хотел бы начать, а не терм, в котором кто-то находится. Записать этот терм, голос или уйти из лидеров ради него — значит сделать то, от чего предголосование и защищает: свергнуть лидера вопросом. Ответь со своим термом и ничего не меняй на листе (R25).']),
  m('M22', ['R25', 'R27'],
    ['Granting a pre-vote while hearing from a leader',
      'A server that leads, or has a leader written for its term, answers every PreVote ✗, even from a server whose log is up-to-date: the cluster has a working leader and needs no election. This is the leader stickiness of the dissertation (§4.2.3, §9.6); without it, a server that merely missed some heartbeats could still interrupt the leader (R25, R27).'],
    ['Отдать предголос, слыша лидера',
      'Сервер, который сам лидер или записал лидера своего терма, отвечает ✗ на любой PreVote, даже от сервера с актуальным журналом: у кластера есть работающий лидер, выборы не нужны. Это «липкость лидера» из диссертации (§4.2.3, §9.6); без неё сервер, пропустивший несколько heartbeat, всё равно мог бы прервать лидера (R25, R27).']),
  m('M23', ['R26', 'R8'],
    ['Miscounting pre-votes',
      'Pre-votes are counted like votes: distinct ✔ of this round, your own included, against a majority of the whole cluster (5 of 8). With a majority, the real election starts in the same move (R8: term + 1, candidate, RequestVote to all); without one, nothing changes — no term, no candidacy (R26).'],
    ['Неверный подсчёт предголосов',
      'Предголоса считают как голоса: различные ✔ этого раунда, включая свой, против большинства всего кластера (5 из 8). С большинством настоящие выборы начинаются в том же ходе (R8: терм + 1, кандидат, RequestVote всем); без большинства ничего не меняется — ни терма, ни кандидатуры (R26).']),
];
