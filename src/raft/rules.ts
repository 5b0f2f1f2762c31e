/**
 * The rule catalogue: every rule (R1–R23), safety property (P1–P5) and known mistake (M1–M19) of
 * RAFT-RULES.md, with a short title and a paragraph for a learner, in English and Russian.
 * This is what a student reads when they press `?` on a rule card, and what the referee names.
 * Plain data, so it travels on the wire and in the journal as is.
 */
import type { Text } from '../i18n/text.js';
import { m, r } from './catalogue-rows.js';
import { EXTENDED_MISTAKES, EXTENDED_RULES } from './rules-extended.js';

export type RuleId = `R${number}` | `P${number}`;
export type MistakeId = `M${number}`;
export type CatalogueId = RuleId | MistakeId;

export interface RuleInfo {
  id: RuleId;
  /** A rule of the algorithm (Figure 2) or a safety property it guarantees (Figure 3). */
  kind: 'rule' | 'property';
  title: Text;
  explain: Text;
}

export interface MistakeInfo {
  id: MistakeId;
  title: Text;
  /** What the misconception is and why it is wrong. */
  explain: Text;
  /** The rules the mistake breaks, most relevant first. */
  rules: RuleId[];
}

export const RULES: readonly RuleInfo[] = [
  // ---- A. State ----
  r('R1',
    ['Persistent state',
      'Every server keeps three things on stable storage: currentTerm (starts at 0 and only grows), votedFor (whom it voted for in the current term, or nobody) and the log. On the sheet these are the Terms row with its vote cells and the Raft Log. They must be written down before the server answers any card, because a promise it made (a vote, an accepted entry) has to survive a crash. A restarted server keeps exactly these three and comes back as a follower with commitIndex 0.'],
    ['Постоянное состояние',
      'Каждый сервер хранит на диске три вещи: currentTerm (начинается с 0 и только растёт), votedFor (за кого он голосовал в текущем терме, или ни за кого) и журнал. На листе это строка термов с ячейками голосов и Raft Log. Записать их нужно до ответа на карточку: данное обещание (отданный голос, принятая запись) должно пережить падение. После перезапуска сервер сохраняет ровно эти три вещи и возвращается фолловером с commitIndex = 0.']),
  r('R2',
    ['Volatile state',
      'commitIndex (the highest entry known to be committed) and lastApplied (the highest entry applied) start at 0 and only grow. A leader also keeps, for every other server, nextIndex (the next entry to send it) and matchIndex (the highest entry known to be stored there). None of this is persisted: it is rebuilt after a restart or an election, because it can always be learnt again from the cluster.'],
    ['Изменчивое состояние',
      'commitIndex (последняя запись, про которую известно, что она закоммичена) и lastApplied (последняя применённая запись) начинаются с 0 и только растут. Лидер вдобавок хранит для каждого другого сервера nextIndex (какую запись отправлять ему следующей) и matchIndex (до какой записи журнал у него точно есть). Всё это не сохраняется на диск: после перезапуска или выборов оно строится заново, потому что его всегда можно снова узнать у кластера.']),
  r('R3',
    ['Index 0 is the empty log',
      'Raft logs start at index 1. An empty log has lastLogIndex = 0 and lastLogTerm = 0, as if an invisible entry of term 0 stood at index 0. So an AppendEntries with prevLogIndex = 0 always passes the consistency check: every log agrees on the empty prefix.'],
    ['Индекс 0 — пустой журнал',
      'Журнал Raft нумеруется с 1. У пустого журнала lastLogIndex = 0 и lastLogTerm = 0 — как будто в позиции 0 стоит невидимая запись терма 0. Поэтому AppendEntries с prevLogIndex = 0 всегда проходит проверку согласованности: пустой префикс совпадает у всех журналов.']),
  // ---- B. Terms ----
  r('R4',
    ['A higher term: adopt it first',
      'Terms are Raft\'s logical clock. Whenever a card — a request or a reply — carries a term larger than yours, first move to that term: write it (with a dash in the vote cell of the new term and of every term you skipped) and become a follower. Then handle the same card under the new term. A leader or a candidate that sees a higher term has learnt that it is out of date and steps down at once.'],
    ['Больший терм: сначала перейди в него',
      'Термы — логические часы Raft. Если на карточке — запросе или ответе — терм больше твоего, сначала перейди в этот терм: запиши его (с прочерком в ячейке голоса нового терма и всех пропущенных) и стань фолловером. Потом обработай ту же карточку уже в новом терме. Лидер или кандидат, увидевший больший терм, узнал, что отстал, и сразу уступает.']),
  r('R5',
    ['A request from an older term: reject it',
      'A RequestVote or AppendEntries whose term is smaller than yours comes from a server that has fallen behind. Answer it with ✗ (voteGranted or success = false) and your own term, so that the sender learns it is out of date — and change nothing else: no vote, no log change, no role change, no timer reset.'],
    ['Запрос из старого терма: откажи',
      'RequestVote или AppendEntries с термом меньше твоего пришёл от отставшего сервера. Ответь ✗ (voteGranted или success = false) со своим термом, чтобы отправитель узнал, что отстал, — и больше ничего не меняй: ни голоса, ни журнала, ни роли, ни таймера.']),
  r('R6',
    ['A reply from an older term: ignore it',
      'A reply that answers a request of an earlier term, or carries a smaller term than yours, belongs to an election or a leadership that is over. Drop it: do not count the vote, do not touch nextIndex or matchIndex. Acting on it would mix two different terms.'],
    ['Ответ из старого терма: выбрось',
      'Ответ на запрос прошлого терма (или с термом меньше твоего) относится к уже закончившимся выборам или лидерству. Выброси его: не засчитывай голос, не трогай nextIndex и matchIndex. Иначе ты смешаешь два разных терма.']),
  r('R7',
    ['Replies carry the current term',
      'Every reply carries the replier\'s currentTerm, after any update by R4. That is how a stale leader or candidate discovers that a newer term exists.'],
    ['В ответе — текущий терм',
      'Каждый ответ несёт currentTerm отвечающего — уже после перехода по R4. Так отставший лидер или кандидат узнаёт, что наступил более новый терм.']),
  // ---- C. Leader election ----
  r('R8',
    ['Starting an election',
      'A follower that hears nothing from a leader for an election timeout, or a candidate whose election timed out, starts an election: currentTerm + 1, become candidate, vote for yourself (your own id in the new term\'s vote cell), reset the timer and send RequestVote{term, candidateId, lastLogIndex, lastLogTerm} to every other server. A leader never starts an election.'],
    ['Начало выборов',
      'Фолловер, который за таймаут выборов ничего не услышал от лидера, или кандидат, чьи выборы затянулись, начинает выборы: currentTerm + 1, стать кандидатом, проголосовать за себя (свой id в ячейке голоса нового терма), сбросить таймер и разослать всем остальным RequestVote{term, candidateId, lastLogIndex, lastLogTerm}. Лидер выборы не начинает.']),
  r('R9',
    ['Granting a vote',
      'After R4/R5, vote ✔ only if the request\'s term equals yours, you have not voted in this term yet (or voted for this same candidate), and the candidate\'s log is at least as up-to-date as yours (R10). On ✔ write the candidate\'s id in your vote cell before you answer, and reset your election timer. One vote per term, first come first served: this is what makes two leaders in one term impossible.'],
    ['Как отдать голос',
      'После R4/R5 голосуй ✔, только если терм запроса равен твоему, в этом терме ты ещё не голосовал (или голосовал за этого же кандидата) и журнал кандидата не менее актуален, чем твой (R10). Отдавая голос, впиши id кандидата в ячейку голоса до ответа и сбрось таймер выборов. Один голос на терм, кто первый попросил: именно поэтому в одном терме не бывает двух лидеров.']),
  r('R10',
    ['"At least as up-to-date"',
      'Compare the last entries: the candidate (lastLogTerm cT, lastLogIndex cI) is at least as up-to-date as you (vT, vI) if cT > vT, or cT = vT and cI ≥ vI. The last term decides first; the length only breaks a tie. This protects every committed entry: it is stored on a majority, and a candidate without it cannot collect the votes of that majority.'],
    ['«Не менее актуален»',
      'Сравни последние записи: кандидат (lastLogTerm cT, lastLogIndex cI) не менее актуален, чем ты (vT, vI), если cT > vT или cT = vT и cI ≥ vI. Сначала решает терм последней записи, длина важна только при равных термах. Так защищена каждая закоммиченная запись: она есть у большинства, и кандидат без неё не соберёт голоса этого большинства.']),
  r('R11',
    ['Winning an election',
      'A candidate becomes leader when the distinct servers that voted ✔ for it in its current term — itself included — are a majority of the whole cluster: floor(N/2) + 1 (5 of 8, 2 of 3). A repeated ✔ from the same server counts once; servers that have not answered count as ✗, not as absent.'],
    ['Победа на выборах',
      'Кандидат становится лидером, когда разных серверов, проголосовавших за него ✔ в его текущем терме — включая его самого, — большинство всего кластера: floor(N/2) + 1 (5 из 8, 2 из 3). Повторный ✔ от того же сервера считается один раз; не ответившие считаются как ✗, а не выпадают из подсчёта.']),
  r('R12',
    ['A candidate meets a leader',
      'A candidate that receives an AppendEntries of its own term or a higher one learns that someone else has won: it becomes a follower (keeping its term and its vote when the term is equal) and handles the card as a follower. An AppendEntries of a lower term comes from a deposed leader: reject it and keep campaigning.'],
    ['Кандидат встречает лидера',
      'Кандидат, получивший AppendEntries своего или большего терма, узнаёт, что выборы выиграл другой: он становится фолловером (при равном терме терм и голос не меняются) и обрабатывает карточку как фолловер. AppendEntries меньшего терма пришёл от свергнутого лидера: откажи и продолжай выборы.']),
  r('R13',
    ['A new leader sets up',
      'On winning, the leader sets nextIndex of every other server to its own lastLogIndex + 1 and matchIndex to 0 — it optimistically assumes the followers are up to date but knows nothing about what they store — and then sends heartbeats (empty AppendEntries) so that nobody starts another election. The paper\'s basic algorithm appends no entry on election.'],
    ['Новый лидер готовится',
      'Победив, лидер ставит каждому другому серверу nextIndex = свой lastLogIndex + 1 и matchIndex = 0: он оптимистично считает, что фолловеры не отстают, но ещё ничего не знает о том, что у них записано. Затем он рассылает heartbeat (пустые AppendEntries), чтобы никто не начал новых выборов. В базовом алгоритме статьи при избрании в журнал ничего не добавляется.']),
  r('R14',
    ['When the election timer restarts',
      'The election timer restarts only when an AppendEntries from the current leader arrives, when the server starts an election, or when it grants a vote. Nothing else — not stale cards, not vote requests it refused, not replies. Restarting it too often lets a dead or stale leader keep the cluster from electing a new one (a liveness rule, not a safety rule).'],
    ['Когда сбрасывается таймер выборов',
      'Таймер выборов сбрасывается только когда приходит AppendEntries от текущего лидера, когда сервер сам начинает выборы или когда он отдаёт голос. Больше ни от чего: ни от устаревших карточек, ни от запросов, в которых отказано, ни от ответов. Если сбрасывать его чаще, упавший или отставший лидер может помешать кластеру выбрать нового (это правило живучести, а не безопасности).']),
  // ---- D. Log replication ----
  r('R15',
    ['Only the leader takes client letters',
      'Only the leader writes client commands: it appends (lastLogIndex + 1, currentTerm, value) to its own log, one letter per cell — a whole word in one move, as on paper (HighLoad into 1–8, all in the current term). A follower or candidate never writes into its log on its own — it sends the client to the leader. One writer per term is what keeps the logs from diverging.'],
    ['Команды клиента принимает только лидер',
      'Команды клиентов записывает только лидер: он добавляет в свой журнал запись (lastLogIndex + 1, currentTerm, значение), по букве в клетку — целое слово за один ход, как на бумаге (HighLoad в 1–8, всё в текущем терме). Фолловер или кандидат сам в журнал ничего не пишет — он отправляет клиента к лидеру. Один пишущий на терм — поэтому журналы не расходятся.']),
  r('R16',
    ['Filling an AppendEntries card',
      'For follower j the leader fills the card from nextIndex[j]: prevLogIndex = nextIndex[j] − 1, prevLogTerm = the term of its own entry at prevLogIndex (0 for index 0), entries = its entries from nextIndex[j] on (up to four on a paper card; none for a heartbeat), leaderCommit = its commitIndex. prevLogIndex and prevLogTerm let the follower check that everything before the new entries already matches.'],
    ['Как заполнить карточку AppendEntries',
      'Для фолловера j лидер заполняет карточку, начиная с nextIndex[j]: prevLogIndex = nextIndex[j] − 1, prevLogTerm = терм его собственной записи с индексом prevLogIndex (0 для индекса 0), entries = его записи начиная с nextIndex[j] (на бумажной карточке до четырёх; в heartbeat ни одной), leaderCommit = его commitIndex. По prevLogIndex и prevLogTerm фолловер проверяет, что всё до новых записей у него уже совпадает.']),
  r('R17',
    ['The consistency check',
      'After R4/R5 (and R12), a follower answers ✗ if it has no entry at prevLogIndex or that entry\'s term differs from prevLogTerm, and then leaves its log untouched; otherwise the check passes. A heartbeat is checked in exactly the same way. Because of this check, accepting an entry means that the whole log up to it equals the leader\'s (Log Matching).'],
    ['Проверка согласованности',
      'После R4/R5 (и R12) фолловер отвечает ✗, если у него нет записи с индексом prevLogIndex или её терм не равен prevLogTerm, и тогда журнал не трогает; иначе проверка пройдена. Heartbeat проверяется точно так же. Благодаря этой проверке принятая запись означает, что весь журнал до неё совпадает с журналом лидера (Log Matching).']),
  r('R18',
    ['Merging entries: cut only on a conflict',
      'If the check passes, go through the card\'s entries in order. An entry you already hold with the same term: skip it. An index where you hold a different term: delete that entry and everything after it, then append the rest of the card. Past your last entry: append. If every entry is already there (and always for a heartbeat) delete nothing — entries after the card\'s last one stay. This makes duplicated, delayed and reordered cards harmless.'],
    ['Слияние записей: резать только при конфликте',
      'Если проверка пройдена, пройди по записям карточки по порядку. Такая запись с тем же термом у тебя уже есть — пропусти её. По этому индексу у тебя запись другого терма — удали её и всё после неё, затем допиши остаток карточки. Индекс дальше конца журнала — допиши. Если все записи уже есть (а для heartbeat всегда), ничего не удаляй: записи после последней записи карточки остаются. Так повторные, запоздавшие и переставленные карточки ничего не портят.']),
  r('R19',
    ['A follower\'s commitIndex',
      'If leaderCommit > commitIndex, set commitIndex = min(leaderCommit, prevLogIndex + number of entries on the card): the last entry this card covers, not your own last index. Entries beyond what the card has checked may still differ from the leader\'s and must not be committed. commitIndex never decreases.'],
    ['commitIndex фолловера',
      'Если leaderCommit > commitIndex, положи commitIndex = min(leaderCommit, prevLogIndex + число записей на карточке) — последняя запись, которую покрывает эта карточка, а не последний индекс твоего журнала. Записи дальше проверенного карточкой могут ещё отличаться от лидерских, и коммитить их нельзя. commitIndex никогда не уменьшается.']),
  r('R20',
    ['What a ✔ acknowledges',
      'A follower\'s ✔ acknowledges exactly the request it answers: its log now matches the leader\'s up to prevLogIndex + number of entries of that card. The leader must use that number, not its own current log length: it may have written more entries since, which the follower has not seen.'],
    ['Что подтверждает ✔',
      '✔ фолловера подтверждает ровно тот запрос, на который он отвечает: его журнал совпадает с лидерским до prevLogIndex + число записей той карточки. Лидер должен брать именно это число, а не текущую длину своего журнала: с тех пор он мог дописать записи, которых фолловер не видел.']),
  r('R21',
    ['The leader reads the Response row',
      'On ✔ from j: matchIndex[j] = max(matchIndex[j], acknowledged index) and nextIndex[j] = matchIndex[j] + 1. On ✗ of the same term: nextIndex[j] goes one step back, never below 1 (in this game also never below matchIndex[j] + 1), and the next card retries from there until the logs meet. A ✗ with a higher term is R4: step down and leave nextIndex alone.'],
    ['Лидер читает строку ответов',
      'На ✔ от j: matchIndex[j] = max(matchIndex[j], подтверждённый индекс), nextIndex[j] = matchIndex[j] + 1. На ✗ того же терма: nextIndex[j] отступает на один, но не ниже 1 (в этой игре и не ниже matchIndex[j] + 1), и следующая карточка пробует оттуда, пока журналы не сойдутся. ✗ с бóльшим термом — это R4: уступи лидерство и не трогай nextIndex.']),
  r('R22',
    ['The leader\'s commit rule',
      'The leader commits up to index N (commitIndex = N) when N > commitIndex, a majority of the cluster stores N (matchIndex ≥ N; the leader counts itself with its own last index), and the entry at N is of the leader\'s current term. Entries of earlier terms are never committed by counting copies: they become committed together with a later entry of the current term (Figure 8 of the paper shows why counting them is unsafe).'],
    ['Правило коммита у лидера',
      'Лидер коммитит до индекса N (commitIndex = N), если N > commitIndex, запись N есть у большинства кластера (matchIndex ≥ N; сам лидер считается со своим последним индексом) и эта запись — из текущего терма лидера. Записи прошлых термов никогда не коммитятся подсчётом копий: они становятся закоммиченными вместе с более поздней записью текущего терма (рисунок 8 статьи показывает, почему подсчёт небезопасен).']),
  r('R23',
    ['Applying committed entries',
      'While commitIndex > lastApplied: increase lastApplied by one and apply that entry (tick it applied). Strictly in index order and never past commitIndex: an entry that is not committed may still be replaced, and a state machine cannot take a command back.'],
    ['Применение закоммиченных записей',
      'Пока commitIndex > lastApplied: увеличь lastApplied на один и примени эту запись (поставь галочку applied). Строго по порядку индексов и никогда дальше commitIndex: незакоммиченную запись ещё могут заменить, а машина состояний не умеет отменить команду.']),
  // ---- E. Safety properties ----
  r('P1',
    ['Election Safety',
      'At most one leader per term. It follows from the vote rules: one vote per server per term (R9) and a majority of the whole cluster to win (R11) — two majorities always share a server, and that server cannot have voted twice.'],
    ['Безопасность выборов',
      'В каждом терме не больше одного лидера. Это следует из правил голосования: у сервера один голос на терм (R9), а для победы нужно большинство всего кластера (R11) — два большинства всегда пересекаются, и общий сервер не мог проголосовать дважды.']),
  r('P2',
    ['Leader Append-Only',
      'A leader never overwrites or deletes entries in its own log; it only appends new ones. Followers are brought in line with the leader, never the other way round.'],
    ['Лидер только дописывает',
      'Лидер никогда не перезаписывает и не удаляет записи своего журнала — только добавляет новые. Это фолловеров приводят в соответствие с лидером, а не наоборот.']),
  r('P3',
    ['Log Matching',
      'If two logs hold an entry with the same index and term, the logs are identical in every entry up to that index. One writer per term (R15) and the consistency check (R17) guarantee it.'],
    ['Совпадение журналов',
      'Если в двух журналах есть запись с одинаковыми индексом и термом, то журналы совпадают во всех записях до этого индекса включительно. Это обеспечивают один пишущий на терм (R15) и проверка согласованности (R17).']),
  r('P4',
    ['Leader Completeness',
      'An entry committed in term T is present in the log of every leader of every later term. The vote rule (R10) and the commit rule (R22) guarantee it; it is why a committed entry is never lost.'],
    ['Полнота лидера',
      'Запись, закоммиченная в терме T, есть в журнале каждого лидера всех последующих термов. Это обеспечивают правило голосования (R10) и правило коммита (R22); поэтому закоммиченная запись никогда не теряется.']),
  r('P5',
    ['State Machine Safety',
      'If a server has applied the entry at index i, no server ever applies a different entry at index i. This is what the whole algorithm exists for: every state machine executes the same commands in the same order.'],
    ['Безопасность машины состояний',
      'Если сервер применил запись с индексом i, ни один сервер никогда не применит по индексу i другую запись. Ради этого и существует весь алгоритм: все машины состояний выполняют одни и те же команды в одном порядке.']),
  // ---- beyond Figure 2: docs/rules-extended.md (pre-vote, game 5) ----
  ...EXTENDED_RULES,
];

export const MISTAKES: readonly MistakeInfo[] = [
  m('M1', ['R18'],
    ['Cutting the log after prevLogIndex on every card',
      'Deleting everything after prevLogIndex and then appending the card\'s entries looks simple, but a duplicated or delayed card would then erase entries the follower has already acknowledged — even committed ones. Delete only from the first entry that conflicts (same index, different term); if every entry on the card is already there, delete nothing (R18).'],
    ['Обрезать журнал после prevLogIndex на каждой карточке',
      'Удалить всё после prevLogIndex и дописать записи карточки кажется простым, но тогда повторная или запоздавшая карточка сотрёт записи, которые фолловер уже подтвердил, — даже закоммиченные. Удалять можно только начиная с первой конфликтующей записи (тот же индекс, другой терм); если все записи карточки уже есть, не удаляй ничего (R18).']),
  m('M2', ['R19'],
    ['Committing up to your own last index',
      'A follower sets commitIndex = min(leaderCommit, prevLogIndex + entries on the card), not min(leaderCommit, its own last index). Entries past what this card checked may be leftovers of an old leader that the current leader will overwrite; committing them can apply a command that is later lost (R19). Real bugs of this kind: copycat#265, scylladb#9965, NuRaft#57.'],
    ['Коммитить до своего последнего индекса',
      'Фолловер ставит commitIndex = min(leaderCommit, prevLogIndex + число записей на карточке), а не min(leaderCommit, свой последний индекс). Записи дальше проверенного этой карточкой могут быть остатками старого лидера, и текущий лидер их перезапишет; закоммитив их, можно применить команду, которая потом пропадёт (R19). Реальные баги такого рода: copycat#265, scylladb#9965, NuRaft#57.']),
  m('M3', ['R22'],
    ['Committing an old-term entry by counting copies',
      'A leader may count replicas only for entries of its own current term. An entry from an earlier term that sits on a majority — even on every server you can see — can still be overwritten by a future leader (Figure 8 of the paper); it becomes committed only indirectly, through an entry of the leader\'s own term: when an entry of the current term after it is committed, so is everything before it (R22).'],
    ['Коммит записи прошлого терма подсчётом копий',
      'Лидер может считать копии только для записей своего текущего терма. Запись прошлого терма, даже лежащая у большинства — даже у всех серверов, которых ты видишь, — ещё может быть перезаписана будущим лидером (рисунок 8 статьи); закоммиченной она становится только косвенно, через запись собственного терма лидера: когда коммитится запись текущего терма после неё, коммитится и всё до неё (R22).']),
  m('M4', ['R10', 'R9'],
    ['Voting by log length',
      'Logs are compared by the term of the last entry first; the length only decides between equal last terms (R10). A longer log with an older last term is less up-to-date: voting for it, or refusing a shorter log with a newer term, can elect a leader that lacks committed entries. "No cheating and just checking the length!" (Students\' Guide to Raft).'],
    ['Голосование по длине журнала',
      'Журналы сравнивают сначала по терму последней записи, а длина решает только при равных термах (R10). Более длинный журнал со старым последним термом менее актуален: проголосовав за него или отказав более короткому журналу с новым термом, можно выбрать лидера без закоммиченных записей.']),
  m('M5', ['R4', 'R1', 'R9'],
    ['votedFor not tied to the term',
      'The vote cell belongs to one term. When you move to a higher term, the new term\'s cell starts empty — keeping the old vote refuses a legal vote. And within one term the cell never changes once written: clearing it (after a restart, or when a leader appears) or overwriting it lets you vote twice in the same term, and two leaders can win (R1, R4, R9).'],
    ['votedFor не привязан к терму',
      'Ячейка голоса принадлежит одному терму. Когда ты переходишь в больший терм, его ячейка пуста — если перенести туда старый голос, ты откажешь в законном голосе. А внутри одного терма записанный голос не меняется: если стереть его (после перезапуска или когда появился лидер) или переписать, ты проголосуешь в терме дважды, и победить могут два лидера (R1, R4, R9).']),
  m('M6', ['R4', 'R6'],
    ['Mixing terms in replies',
      'Replies are cards too: a reply with a higher term makes you adopt it and step down (R4) — without decrementing nextIndex or counting anything. A reply that answers a request of an older term is dropped (R6): a vote from a past election does not count now, and a ✗ from a past term says nothing about today\'s logs.'],
    ['Путаница термов в ответах',
      'Ответы — тоже карточки: ответ с бóльшим термом заставляет перейти в этот терм и уступить (R4), ничего не засчитывая и не уменьшая nextIndex. Ответ на запрос старого терма выбрасывается (R6): голос с прошлых выборов сейчас не считается, а ✗ из прошлого терма ничего не говорит о нынешних журналах.']),
  m('M7', ['R17', 'R19'],
    ['Treating a heartbeat as special',
      'A heartbeat is just an AppendEntries with no entries. Its prevLogIndex/prevLogTerm are checked like any other card\'s (R17), and its leaderCommit moves commitIndex like any other card\'s (R19), up to prevLogIndex. Skipping either lets a follower claim agreement it does not have, or never learn what is committed.'],
    ['Особое обращение с heartbeat',
      'Heartbeat — это просто AppendEntries без записей. Его prevLogIndex/prevLogTerm проверяются, как у любой карточки (R17), а его leaderCommit двигает commitIndex, как у любой карточки (R19), — до prevLogIndex. Если пропустить одно или другое, фолловер подтверждает согласие, которого нет, или так и не узнаёт, что закоммичено.']),
  m('M8', ['R12'],
    ['Candidate ignores the leader (or yields to a stale one)',
      'A candidate that gets an AppendEntries of its own term has lost: someone else won this term, so it becomes a follower and processes the card (R12). One that gets an AppendEntries of a lower term must reject it and keep campaigning — that sender is a deposed leader.'],
    ['Кандидат не признаёт лидера (или уступает устаревшему)',
      'Кандидат, получивший AppendEntries своего терма, проиграл: этот терм выиграл другой, поэтому кандидат становится фолловером и обрабатывает карточку (R12). Получив AppendEntries меньшего терма, он отказывает и продолжает выборы — отправитель уже свергнутый лидер.']),
  m('M9', ['R5'],
    ['Accepting an older term',
      'A request with a smaller term than yours comes from the past: answer ✗ with your own term and change nothing (R5). Granting the vote, appending the entries or going back to that term would let a deposed leader or a stale candidate act in a term that is over. Terms never decrease.'],
    ['Принять старый терм',
      'Запрос с термом меньше твоего пришёл из прошлого: ответь ✗ со своим термом и ничего не меняй (R5). Если отдать голос, дописать записи или вернуться в тот терм, свергнутый лидер или отставший кандидат сможет действовать в уже закончившемся терме. Термы никогда не уменьшаются.']),
  m('M10', ['R11', 'R8'],
    ['Counting votes wrong',
      'A candidate needs floor(N/2) + 1 distinct ✔ of its current term, counting its own vote and the whole cluster — not a majority of those who answered. A second ✔ from the same server counts once, and a ✗ counts for nothing (R11). Forgetting the self-vote (R8) delays the win; counting wrongly can make two leaders.'],
    ['Неверный подсчёт голосов',
      'Кандидату нужно floor(N/2) + 1 разных ✔ в его текущем терме, считая свой голос и весь кластер, — а не большинство ответивших. Повторный ✔ от того же сервера считается один раз, а ✗ не считается вовсе (R11). Забытый голос за себя (R8) откладывает победу, а лишние голоса могут дать двух лидеров.']),
  m('M11', ['R20', 'R21'],
    ['matchIndex from the wrong number',
      'A ✔ acknowledges prevLogIndex + entries of the request it answers (R20), not the leader\'s current log length: the leader may have written more since. And matchIndex never goes down: a late ✔ for an older card does not undo what a newer one proved (R21).'],
    ['matchIndex не из того числа',
      '✔ подтверждает prevLogIndex + число записей того запроса, на который он отвечает (R20), а не текущую длину журнала лидера: лидер мог с тех пор дописать ещё. И matchIndex никогда не уменьшается: запоздавший ✔ на старую карточку не отменяет того, что доказал более новый (R21).']),
  m('M12', ['R21'],
    ['nextIndex not stepping back (or below 1)',
      'After a ✗ of the same term the leader moves nextIndex one step back and tries again from there, so that the logs eventually meet (R21). Leaving it in place repeats the same failing card forever; going below 1 makes no sense — index 1 with prevLogIndex 0 always passes the check (R3).'],
    ['nextIndex не отступает (или меньше 1)',
      'После ✗ того же терма лидер сдвигает nextIndex на один назад и пробует оттуда, чтобы журналы в конце концов сошлись (R21). Если его не менять, одна и та же неудачная карточка будет повторяться вечно; ниже 1 не бывает — индекс 1 с prevLogIndex 0 всегда проходит проверку (R3).']),
  m('M13', ['R18'],
    ['"An entry of a higher term can never be overwritten"',
      'Any entry that is not committed can be replaced by the leader\'s, whatever its term. If the card\'s entry conflicts with yours at the same index, yours is deleted with everything after it (R18). The leader was elected with a log at least as up-to-date as a majority\'s, so its entries win.'],
    ['«Запись большего терма перезаписывать нельзя»',
      'Любую незакоммиченную запись можно заменить записью лидера, каким бы ни был её терм. Если запись карточки конфликтует с твоей по тому же индексу, твоя удаляется вместе со всем, что после неё (R18). Лидера выбрали с журналом не менее актуальным, чем у большинства, поэтому побеждают его записи.']),
  m('M14', ['R18'],
    ['"A heartbeat removes extra entries"',
      'A heartbeat carries no entries, so nothing on it can conflict with yours: your entries after prevLogIndex stay until a card brings a different entry for that index (R18). Deleting them could lose entries that this leader has already been told are stored.'],
    ['«Heartbeat удаляет лишние записи»',
      'В heartbeat нет записей, значит, ни одна не может конфликтовать с твоими: твои записи после prevLogIndex остаются, пока карточка не принесёт другую запись для того же индекса (R18). Удалив их, можно потерять записи, о которых этот лидер уже знает, что они у тебя есть.']),
  m('M15', ['R23'],
    ['Applying what is not committed',
      'Only committed entries are applied, one by one in index order: lastApplied never passes commitIndex (R23). An uncommitted entry may still be overwritten, and the state machine cannot undo a command.'],
    ['Применить незакоммиченное',
      'Применяются только закоммиченные записи, по одной, по порядку индексов: lastApplied никогда не обгоняет commitIndex (R23). Незакоммиченную запись ещё могут перезаписать, а машина состояний не умеет отменить команду.']),
  m('M16', ['R17'],
    ['Refusing a leader you did not vote for',
      'votedFor matters only for RequestVote. An AppendEntries of your term comes from the one leader of that term, whoever you voted for; the only reasons to answer ✗ are an older term (R5) or a failed consistency check (R17).'],
    ['Отказать лидеру, за которого не голосовал',
      'votedFor важен только для RequestVote. AppendEntries твоего терма пришёл от единственного лидера этого терма, за кого бы ты ни голосовал; ответить ✗ можно только из-за старого терма (R5) или непройденной проверки согласованности (R17).']),
  m('M17', ['P2', 'R21'],
    ['A leader changing its own log',
      'A leader never deletes or rewrites its own entries to match a follower (Leader Append-Only, P2). When a follower disagrees, the leader steps nextIndex back (R21) and the follower\'s log is overwritten.'],
    ['Лидер меняет свой журнал',
      'Лидер никогда не удаляет и не переписывает свои записи, чтобы совпасть с фолловером (лидер только дописывает, P2). Если фолловер не согласен, лидер сдвигает nextIndex назад (R21), и перезаписывается журнал фолловера.']),
  m('M18', ['R14'],
    ['Restarting the election timer on every card',
      'The timer restarts only for an AppendEntries from the current leader, for starting an election, and for granting a vote (R14). A stale card, a refused vote request or a reply must not restart it, or an old leader keeps the cluster from electing a new one. This is about liveness, not safety.'],
    ['Сброс таймера выборов на любой карточке',
      'Таймер сбрасывается только от AppendEntries текущего лидера, при начале выборов и при отданном голосе (R14). Устаревшая карточка, запрос, в котором отказано, или ответ не должны его сбрасывать, иначе старый лидер мешает кластеру выбрать нового. Это вопрос живучести, а не безопасности.']),
  m('M19', ['R5', 'R9', 'R13'],
    ['etcd/hashicorp habits that are not the paper',
      'Real implementations add their own choices: etcd drops a stale request without answering, etcd and hashicorp refuse votes while they know a leader ("leader stickiness", PreVote, CheckQuorum), and both append an empty entry when a leader is elected. These are engineering options, not Raft\'s Figure 2: here a stale request gets ✗ with your term (R5), a vote depends only on term, vote cell and logs (R9), and a new leader writes nothing on election (R13).'],
    ['Привычки etcd/hashicorp, которых нет в статье',
      'В реальных реализациях есть свои решения: etcd молча выбрасывает устаревший запрос, etcd и hashicorp не голосуют, пока знают лидера («липкость лидера», PreVote, CheckQuorum), а при избрании оба добавляют пустую запись. Это инженерные опции, а не Figure 2 статьи: здесь на устаревший запрос отвечают ✗ со своим термом (R5), голос зависит только от терма, ячейки голоса и журналов (R9), а новый лидер при избрании ничего не пишет (R13).']),
  ...EXTENDED_MISTAKES,
];

const RULE_BY_ID = new Map<string, RuleInfo>(RULES.map((x) => [x.id, x]));
const MISTAKE_BY_ID = new Map<string, MistakeInfo>(MISTAKES.map((x) => [x.id, x]));

/** The catalogue entry of a rule or property, e.g. `rule('R19')`; undefined for an unknown id. */
export function rule(id: RuleId): RuleInfo | undefined {
  return RULE_BY_ID.get(id);
}

/** The catalogue entry of a known mistake, e.g. `mistakeInfo('M2')`; undefined for an unknown id. */
export function mistakeInfo(id: MistakeId): MistakeInfo | undefined {
  return MISTAKE_BY_ID.get(id);
}

/** Title and explanation of any catalogue id (R…, P… or M…), for the `?` key. */
export function lookup(id: string): { id: CatalogueId; title: Text; explain: Text } | undefined {
  return RULE_BY_ID.get(id) ?? MISTAKE_BY_ID.get(id);
}

/** The title of a rule or property, or the id itself for an unknown one (never throws). */
export function ruleTitle(id: RuleId): Text {
  return rule(id)?.title ?? { en: id, ru: id };
}
