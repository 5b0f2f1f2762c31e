/**
 * Every sentence the referee says, in English and Russian, beside the rule catalogue (rules.ts):
 * the detectors (detectors-*.ts), the fallback and the sheet's place names only choose a sentence
 * and give its values. `{name}` is filled by sayBoth (src/i18n/format.ts); a value that is itself
 * a Text (a clause chosen by the detector) is filled in the sentence's own language. Keys are the
 * detector or function that says them, numbered in the order they appear there.
 */
import { sayBoth } from '../../i18n/format.js';
import type { Text } from '../../i18n/text.js';
import { SNAPSHOT_EXPLANATIONS } from './explanations-snapshot.js';

export const EXPLANATIONS = {
  // ---- Log compaction (detectors-snapshot.ts; R29–R32) ----
  ...SNAPSHOT_EXPLANATIONS,
  // ---- Terms: a term not adopted, a stale request or reply (detectors-terms.ts; R3–R7) ----
  lowerTerm: {
    en: 'You went back from term {termBefore} to the card\'s term {term}. A card of an older term is answered ' +
      '✗ with your own term {termBefore} and changes nothing (R5); terms never decrease.',
    ru: 'Ты вернулся из терма {termBefore} в терм карточки {term}. На карточку старого терма отвечают ✗ со ' +
      'своим термом {termBefore} и ничего не меняют (R5); термы никогда не уменьшаются.',
  },
  lowerTerm2: {
    en: 'Your term went down from {termBefore} to {givenTerm}. currentTerm only grows (R1): it should be ' +
      '{expectedTerm}.',
    ru: 'Твой терм уменьшился с {termBefore} до {givenTerm}. currentTerm только растёт (R1): должно быть ' +
      '{expectedTerm}.',
  },
  staleRequest: {
    en: '{from}\'s {type} has term {term}, older than your term {termBefore}. etcd silently drops such a card, ' +
      'but the paper answers it: reply ✗ with your term {termBefore}, so that {from} learns it is out of date (R5).',
    ru: '{type} от {from} имеет терм {term}, меньше твоего терма {termBefore}. etcd молча выбрасывает такую ' +
      'карточку, а по статье на неё отвечают: ✗ со своим термом {termBefore}, чтобы {from} узнал, что отстал (R5).',
  },
  staleRequest2: {
    en: 'This AppendEntries from {from} has term {term}, lower than your term {termBefore}: {from} is a ' +
      'deposed leader. A candidate yields only to a leader of its own term or a higher one; here you reply ' +
      '✗ with term {termBefore} and keep campaigning (R12, R5).',
    ru: 'Этот AppendEntries от {from} имеет терм {term}, меньше твоего терма {termBefore}: {from} — ' +
      'свергнутый лидер. Кандидат уступает только лидеру своего или большего терма; здесь ответь ✗ с термом ' +
      '{termBefore} и продолжай выборы (R12, R5).',
  },
  staleRequest3: {
    en: 'granting {candidateId} a vote',
    ru: 'голос за {candidateId}',
  },
  staleRequest4: {
    en: 'taking its leaderCommit',
    ru: 'принятый от него leaderCommit',
  },
  staleRequest5: {
    en: 'stepping down for it',
    ru: 'уступка ему',
  },
  staleRequest6: {
    en: 'taking its entries',
    ru: 'приём его записей',
  },
  staleRequest7: {
    en: 'This {type} has term {term}, older than your term {termBefore}. A request from an older term is ' +
      'rejected: reply ✗ with term {termBefore} and change nothing (R5) — {what} lets a server of a ' +
      'finished term act.',
    ru: 'Этот {type} имеет терм {term}, меньше твоего терма {termBefore}. Запрос из старого терма отклоняют: ' +
      'ответь ✗ с термом {termBefore} и ничего не меняй (R5) — {what} позволяет действовать серверу из ' +
      'закончившегося терма.',
  },
  replyTerms: {
    en: 'vote',
    ru: 'голос',
  },
  replyTerms2: {
    en: 'AppendEntries reply',
    ru: 'ответ на AppendEntries',
  },
  replyTerms3: {
    en: 'The {kind} from {from} carries term {term}, higher than your term {termBefore}. R4 applies to ' +
      'replies too: move to term {term} and become a follower; the reply itself then counts for nothing.',
    ru: '{kindCap} от {from} несёт терм {term}, больше твоего терма {termBefore}. R4 действует и для ответов: ' +
      'перейди в терм {term} и стань фолловером; сам ответ после этого ничего не значит.',
  },
  replyTerms4: {
    en: '{from}\'s ✗ carries term {term} > {termBefore}: it is not a log mismatch, it tells you a newer term ' +
      'exists. Adopt term {term}, step down, and do not decrement nextIndex[{from}] (R4, R21).',
    ru: '✗ от {from} несёт терм {term} > {termBefore}: это не расхождение журналов, а весть о более новом ' +
      'терме. Перейди в терм {term}, уступи лидерство и не уменьшай nextIndex[{from}] (R4, R21).',
  },
  replyTerms5: {
    en: '{from}\'s reply carries term {term} > {termBefore}: your election of term {termBefore} is over. After ' +
      'adopting term {term} you are a follower and this vote does not count (R4).',
    ru: 'Ответ {from} несёт терм {term} > {termBefore}: твои выборы в терме {termBefore} закончились. Перейдя ' +
      'в терм {term}, ты фолловер, и этот голос не считается (R4).',
  },
  replyTerms6: {
    en: 'This reply from {from} (term {term}) answers your {type} of term {term2}, but you are now in term ' +
      '{termBefore}: it is stale. Drop it — no vote counted, nextIndex and matchIndex untouched (R6).',
    ru: 'Этот ответ от {from} (терм {term}) — на твой {type} терма {term2}, а ты уже в терме {termBefore}: ' +
      'ответ устарел. Выброси его — голос не засчитывается, nextIndex и matchIndex не меняются (R6).',
  },
  wrongTerm: {
    en: 'A leader never starts an election: your term stays {termBefore} (R8).',
    ru: 'Лидер выборов не начинает: твой терм остаётся {termBefore} (R8).',
  },
  wrongTerm2: {
    en: 'A timeout starts a new term: {termBefore} + 1 = {expectedTerm}, with your own vote (R8).',
    ru: 'Таймаут начинает новый терм: {termBefore} + 1 = {expectedTerm}, с голосом за себя (R8).',
  },
  wrongTerm3: {
    en: 'The card carries term {msgTerm}, higher than your {termBefore}: first move to term {msgTerm} (a dash ' +
      'in the vote cells of the terms you skip and of t{msgTerm}), become a follower, then handle the ' +
      'card{answerNote} (R4, R7).',
    ru: 'На карточке терм {msgTerm}, больше твоего {termBefore}: сначала перейди в терм {msgTerm} (прочерк в ' +
      'ячейках голоса пропущенных термов и t{msgTerm}), стань фолловером, потом обработай карточку{answerNote} (R4, R7).',
  },
  wrongTerm4: {
    en: 'Nothing in this move changes your term: it stays {expectedTerm}. A term changes only when a card ' +
      'shows a higher one (R4) or you start an election (R8).',
    ru: 'В этом ходе твой терм не меняется: он остаётся {expectedTerm}. Терм меняется, только когда на ' +
      'карточке терм больше (R4) или ты сам начинаешь выборы (R8).',
  },
  // ---- Elections: the vote, counting votes, a candidate meeting a leader, the timer (detectors-election.ts; R4, R8–R12, R14) ----
  candidateIgnoresLeader: {
    en: 'An AppendEntries of your own term {termBefore} from {leaderId} means {leaderId} has won term ' +
      '{termBefore}. As a candidate you become a follower (same term, same vote) and handle the card as a ' +
      'follower (R12).',
    ru: 'AppendEntries твоего терма {termBefore} от {leaderId} означает, что {leaderId} выиграл терм ' +
      '{termBefore}. Кандидат становится фолловером (терм и голос прежние) и обрабатывает карточку как ' +
      'фолловер (R12).',
  },
  voteByLength: {
    en: 'its last term t{lastLogTerm} is newer than your t{vT}, so its log is more up-to-date even though it ' +
      'is not longer',
    ru: 'его последний терм t{lastLogTerm} новее твоего t{vT}, значит, его журнал актуальнее, хоть и не длиннее',
  },
  voteByLength2: {
    en: 'its last term t{lastLogTerm} is older than your t{vT}, so its log is less up-to-date even though it ' +
      'is at least as long',
    ru: 'его последний терм t{lastLogTerm} старше твоего t{vT}, значит, его журнал менее актуален, хоть и не короче',
  },
  voteByLength3: {
    en: '{candidateId}\'s last entry is {cand}, yours is {mine}. Compare the last terms first: {why}. So the ' +
      'vote is {tick} (R10); length only breaks a tie between equal last terms.',
    ru: 'Последняя запись {candidateId} — {cand}, твоя — {mine}. Сначала сравнивают последние термы: {why}. ' +
      'Поэтому голос — {tick} (R10); длина решает только при равных последних термах.',
  },
  voteCell: {
    en: 'You moved from term {termBefore} to term {expectedTerm}. Your vote for {old} belonged to term ' +
      '{termBefore} only; the vote cell of t{expectedTerm} starts empty (—){freeFor} (R4).',
    ru: 'Ты перешёл из терма {termBefore} в терм {expectedTerm}. Голос за {old} относился только к терму ' +
      '{termBefore}; ячейка голоса t{expectedTerm} начинается пустой (—){freeFor} (R4).',
  },
  voteCell2: {
    en: 'clearing it lets you vote a second time in term {termBefore}',
    ru: 'если её стереть, ты сможешь проголосовать в терме {termBefore} второй раз',
  },
  voteCell3: {
    en: 'writing {given} over it is a second vote in term {termBefore}',
    ru: 'вписать поверх неё {given} — значит проголосовать в терме {termBefore} второй раз',
  },
  voteCell4: {
    en: 'You already voted for {old} in term {termBefore}. A vote cell never changes within its term — {how}, ' +
      'and two candidates could both win (R1, R9).',
    ru: 'В терме {termBefore} ты уже проголосовал за {old}. Ячейка голоса внутри своего терма не меняется — ' +
      '{how}, и выиграть могут два кандидата (R1, R9).',
  },
  voteCell5: {
    en: 'Your vote for {old} was in term {termBefore}; {candidateId} asks in term {term}, where you have not ' +
      'voted yet. After adopting term {term} the vote is free, and {candidateId}\'s log is up-to-date ' +
      'enough: vote ✔ (R4, R9).',
    ru: 'Твой голос за {old} был в терме {termBefore}; {candidateId} просит в терме {term}, где ты ещё не ' +
      'голосовал. Перейдя в терм {term}, ты свободен, и журнал {candidateId} достаточно актуален: голосуй ✔ (R4, R9).',
  },
  voteCell6: {
    en: 'You changed the vote cell of a past term ({cells}). Vote cells are persistent history (R1): once a ' +
      'term is over, its cell never changes.',
    ru: 'Ты изменил ячейку голоса прошедшего терма ({cells}). Ячейки голосов — сохраняемая история (R1): ' +
      'когда терм прошёл, его ячейка больше не меняется.',
  },
  leaderStickiness: {
    en: '{candidateId} asks for a vote in term {term}, higher than your term {termBefore}. Even if you still ' +
      'hear from a leader, Figure 2 has no "leader stickiness" (that is etcd/hashicorp\'s CheckQuorum and ' +
      'PreVote): adopt term {term} (R4), and since you have not voted in it and {candidateId}\'s log ' +
      '{logPos} is at least as up-to-date as yours {logPos2}, vote ✔ (R9).',
    ru: '{candidateId} просит голос в терме {term}, больше твоего терма {termBefore}. Даже если ты ещё ' +
      'слышишь лидера, в Figure 2 нет «липкости лидера» (это CheckQuorum и PreVote из etcd/hashicorp): ' +
      'перейди в терм {term} (R4), и раз ты в нём не голосовал, а журнал {candidateId} {logPos} не менее ' +
      'актуален, чем твой {logPos2}, голосуй ✔ (R9).',
  },
  voteCount: {
    en: 'Starting an election you vote for yourself: write {self} in the vote cell of t{expectedTerm} and ' +
      'count yourself as the first of the {need} votes you need out of {n} (R8, R11).',
    ru: 'Начиная выборы, ты голосуешь за себя: впиши {self} в ячейку голоса t{expectedTerm} и посчитай себя ' +
      'первым из {need} нужных голосов из {n} (R8, R11).',
  },
  voteCount2: {
    en: '{rightCount} of {n} ({join})',
    ru: '{rightCount} из {n} ({join})',
  },
  voteCount3: {
    en: '{from} had already voted for you: a repeated ✔ counts once.',
    ru: '{from} уже голосовал за тебя: повторный ✔ считается один раз.',
  },
  voteCount4: {
    en: '{from} answered ✗: a refusal is not a vote.',
    ru: '{from} ответил ✗: отказ — это не голос.',
  },
  voteCount5: {
    en: 'You left out your own vote.',
    ru: 'Ты не посчитал свой собственный голос.',
  },
  voteCount6: {
    en: 'A majority is counted over the whole cluster of {n}, not over those who answered.',
    ru: 'Большинство считается от всего кластера из {n}, а не от ответивших.',
  },
  voteCount7: {
    en: 'That is a majority: you become leader.',
    ru: 'Это большинство: ты становишься лидером.',
  },
  voteCount8: {
    en: '{why} Distinct ✔ in term {termBefore}, yourself included: {have}; you need floor({n}/2)+1 = {need} ' +
      '(R11). Your role after this reply: {role}.',
    ru: '{why} Разных ✔ в терме {termBefore}, считая себя: {have}; нужно floor({n}/2)+1 = {need} (R11). Твоя ' +
      'роль после этого ответа: {roleRu}.',
  },
  timerReset: {
    en: 'a card of an older term ({term} < {termBefore})',
    ru: 'карточка старого терма ({term} < {termBefore})',
  },
  timerReset2: {
    en: 'a vote request you refused',
    ru: 'запрос голоса, в котором ты отказал',
  },
  timerReset3: {
    en: 'this card, which is not from the current leader of your term',
    ru: 'эта карточка — не от текущего лидера твоего терма',
  },
  timerReset4: {
    en: 'a reply',
    ru: 'ответ',
  },
  timerReset5: {
    en: 'this move',
    ru: 'этот ход',
  },
  timerReset6: {
    en: 'The election timer restarts only on an AppendEntries from the current leader, when you start an ' +
      'election, or when you grant a vote (R14) — not on {what}. Restarting it too often lets an old leader ' +
      'keep the cluster from electing a new one.',
    ru: 'Таймер выборов сбрасывается только от AppendEntries текущего лидера, при начале выборов или когда ты ' +
      'отдаёшь голос (R14), а {what} — не повод. Если сбрасывать его слишком часто, старый лидер мешает ' +
      'кластеру выбрать нового.',
  },
  // ---- The log: the consistency check, merging entries, a follower's commit, applying (detectors-log.ts; R16–R20) ----
  stay: {
    en: 'entry {from} stays',
    ru: 'запись {from} остаётся',
  },
  stay2: {
    en: 'entries {range} stay',
    ru: 'записи {range} остаются',
  },
  checkWords: {
    en: 'The card says {at}, but your log ends at index {lastLogIndex}: there is no entry {prevLogIndex}, so ' +
      'the check fails',
    ru: 'На карточке {at}, а твой журнал кончается на индексе {lastLogIndex}: записи {prevLogIndex} нет, ' +
      'проверка не пройдена',
  },
  checkWords2: {
    en: 'The card says {at}, but your entry {prevLogIndex} is of term t{have}: the check fails',
    ru: 'На карточке {at}, а твоя запись {prevLogIndex} — терма t{have}: проверка не пройдена',
  },
  checkWords3: {
    en: 'The card says prevLogIndex 0: the check always passes (R3)',
    ru: 'На карточке prevLogIndex 0: проверка проходит всегда (R3)',
  },
  checkWords4: {
    en: 'The card says {at} and your entry {prevLogIndex} is of term t{have}: the check passes',
    ru: 'На карточке {at}, и твоя запись {prevLogIndex} — терма t{have}: проверка пройдена',
  },
  checkSkipped: {
    en: '{w}. Answer ✗ and leave your log and commitIndex as they are (R17){heartbeatNote}.',
    ru: '{w}. Ответь ✗ и оставь журнал и commitIndex как есть (R17){heartbeatNote}.',
  },
  rejectForVote: {
    en: 'You voted for {old} in term {termBefore}, but {leaderId} won term {termBefore}, and votedFor plays ' +
      'no part in AppendEntries. {checkWords}: answer ✔ and take the entries (R17, R18).',
    ru: 'В терме {termBefore} ты голосовал за {old}, но терм {termBefore} выиграл {leaderId}, а votedFor в ' +
      'AppendEntries роли не играет. {checkWords}: ответь ✔ и прими записи (R17, R18).',
  },
  goodCardRefused: {
    en: '{checkWords}: answer ✔ (R17).',
    ru: '{checkWords}: ответь ✔ (R17).',
  },
  logMerge: {
    en: 'This heartbeat (prevLogIndex {prev}) carries no entries, so nothing on it conflicts with yours: ' +
      '{stay} (R18). Extra entries go only when a card brings a different entry for the same index.',
    ru: 'В этом heartbeat (prevLogIndex {prev}) нет записей, значит, ничто в нём не конфликтует с твоими: ' +
      '{stay} (R18). Лишние записи уходят, только когда карточка приносит другую запись для того же индекса.',
  },
  logMerge2: {
    en: 'Entries {range} of this card are already in your log with the same terms, so nothing conflicts and ' +
      'nothing is deleted: your {stay} (R18). Cutting after prevLogIndex on every card lets a late or ' +
      'repeated card erase entries you have already acknowledged.',
    ru: 'Записи {range} этой карточки уже есть в твоём журнале с теми же термами, значит, конфликта нет и ' +
      'ничего не удаляется: {stay} (R18). Если резать после prevLogIndex на каждой карточке, запоздавшая ' +
      'или повторная карточка сотрёт уже подтверждённые записи.',
  },
  logMerge3: {
    en: 'At index {i} you hold {entryAt} but the card brings {entryAt2}: a conflict. Delete your entry {i} ' +
      'and everything after it, then append the rest of the card (R18){higherNote}.',
    ru: 'По индексу {i} у тебя {entryAt}, а карточка приносит {entryAt2}: конфликт. Удали свою запись {i} и ' +
      'всё после неё, затем допиши остаток карточки (R18){higherNote}.',
  },
  followerCommit: {
    en: 'You committed up to {given} (your own last index), but this card covers only up to {covered}: ' +
      'commitIndex = {formula}{floorNote} (R19). Entries past {covered} have not been checked against the leader\'s log.',
    ru: 'Ты закоммитил до {given} (свой последний индекс), а эта карточка покрывает только до {covered}: ' +
      'commitIndex = {formula}{floorNote} (R19). Записи после {covered} ещё не сверены с журналом лидера.',
  },
  followerCommit2: {
    en: 'A heartbeat carries leaderCommit too: {leaderCommit} > your commitIndex {was}, so commitIndex = ' +
      '{formula} (R19). Ignoring leaderCommit on heartbeats means you never learn what is committed.',
    ru: 'Heartbeat тоже несёт leaderCommit: {leaderCommit} > твоего commitIndex {was}, значит, commitIndex = ' +
      '{formula} (R19). Если не читать leaderCommit в heartbeat, ты так и не узнаешь, что закоммичено.',
  },
  appliedTooFar: {
    en: 'You applied up to {lastApplied}, but only entries up to {commit} are committed. Apply lastApplied+1 ' +
      '… commitIndex in order and no further (R23): an uncommitted entry may still be replaced.',
    ru: 'Ты применил до {lastApplied}, а закоммичены только записи до {commit}. Применяй lastApplied+1 … ' +
      'commitIndex по порядку и не дальше (R23): незакоммиченную запись ещё могут заменить.',
  },
  // ---- The leader: its own log, nextIndex and matchIndex, committing (detectors-leader.ts; R15, R21–R23) ----
  leaderRewritesLog: {
    en: 'you removed it',
    ru: 'ты её удалил',
  },
  leaderRewritesLog2: {
    en: 'you made it {entryAt}',
    ru: 'ты сделал её {entryAt}',
  },
  leaderRewritesLog3: {
    en: 'You are the leader of term {termBefore}: you never delete or change your own entries (P2). Entry {k} ' +
      'was {entryAt} and {now}. When a follower disagrees, step its nextIndex back (R21) — its log is the ' +
      'one that gets overwritten.',
    ru: 'Ты лидер терма {termBefore}: свои записи ты никогда не удаляешь и не меняешь (P2). Запись {k} была ' +
      '{entryAt}, а {now}. Если фолловер не согласен, сдвинь его nextIndex назад (R21) — перезаписывается ' +
      'его журнал, а не твой.',
  },
  noopOnElection: {
    en: 'You won term {expectedTerm} and appended entry {extra} ({entryAt}) at once. etcd and hashicorp add ' +
      'such a no-op entry, but the paper\'s basic algorithm does not: a new leader sets nextIndex = {next} ' +
      'and matchIndex = 0 and writes nothing until a client letter comes (R13).',
    ru: 'Ты выиграл терм {expectedTerm} и сразу дописал запись {extra} ({entryAt}). etcd и hashicorp ' +
      'добавляют такую пустую запись, но в базовом алгоритме статьи её нет: новый лидер ставит nextIndex = ' +
      '{next}, matchIndex = 0 и ничего не пишет, пока не придёт буква от клиента (R13).',
  },
  matchIndexWrong: {
    en: '{from}\'s ✔ answers the card with {card}, so it acknowledges up to {acked}, not your current last ' +
      'index {mine} (R20): matchIndex[{from}] = max({old}, {acked}) = {expected}.',
    ru: '✔ от {from} — ответ на карточку с {card}, он подтверждает до {acked}, а не до твоего текущего ' +
      'последнего индекса {mine} (R20): matchIndex[{from}] = max({old}, {acked}) = {expected}.',
  },
  matchIndexWrong2: {
    en: 'matchIndex never goes down: this late ✔ acknowledges only {acked} ({card}), but you already knew ' +
      '{from} stores {old} (R21): keep {expected}.',
    ru: 'matchIndex никогда не уменьшается: этот запоздавший ✔ подтверждает только {acked} ({card}), а ты уже ' +
      'знаешь, что у {from} есть {old} (R21): оставь {expected}.',
  },
  nextIndexWrong: {
    en: 'nextIndex can never be below 1: index 1 with prevLogIndex 0 always passes the check (R3, R21). ' +
      'nextIndex[{from}] = {expected}.',
    ru: 'nextIndex не бывает меньше 1: индекс 1 с prevLogIndex 0 всегда проходит проверку (R3, R21). ' +
      'nextIndex[{from}] = {expected}.',
  },
  nextIndexWrong2: {
    en: '{from} answered ✗ of your term: its log does not match yours at index {index}. Step nextIndex[{from}] ' +
      'back from {was} to {expected} and the next card retries from there (R21); leaving it repeats the ' +
      'same failing card forever.',
    ru: '{from} ответил ✗ в твоём терме: его журнал не совпадает с твоим по индексу {index}. Сдвинь ' +
      'nextIndex[{from}] с {was} на {expected}, и следующая карточка попробует оттуда (R21); если не ' +
      'сдвигать, одна и та же неудачная карточка будет повторяться вечно.',
  },
  oldTermCommit: {
    en: 'once entry {first} (t{expectedTerm}) is stored on a majority ({majority}) and you commit it, every ' +
      'entry before it is committed with it',
    ru: 'как только запись {first} (t{expectedTerm}) окажется у большинства ({majority}) и ты её закоммитишь, ' +
      'вместе с ней закоммитятся все записи до неё',
  },
  oldTermCommit2: {
    en: 'write an entry of t{expectedTerm}; once it is stored on a majority ({majority}) and committed, every ' +
      'entry before it is committed with it',
    ru: 'запиши запись терма t{expectedTerm}; когда она окажется у большинства ({majority}) и закоммитится, ' +
      'вместе с ней закоммитятся все записи до неё',
  },
  oldTermCommit3: {
    en: 'Entry {given} is of term t{entryTerm}, not your current term t{expectedTerm}. However many servers ' +
      'hold it (your matchIndex confirms {known} of {n}), a leader never commits an earlier term\'s entry by ' +
      'counting copies: a future leader could still overwrite it (Figure 8). Entries of older terms are ' +
      'committed only through an entry of your own term: {through} (R22). commitIndex stays {commitIndex}.',
    ru: 'Запись {given} — терма t{entryTerm}, а не твоего текущего терма t{expectedTerm}. Сколько бы серверов ' +
      'её ни хранили (твой matchIndex подтверждает {known} из {n}), запись прошлого терма лидер никогда не ' +
      'коммитит подсчётом копий: будущий лидер ещё может её перезаписать (рисунок 8). Записи прошлых термов ' +
      'коммитятся только через запись твоего терма: {through} (R22). commitIndex остаётся {commitIndex}.',
  },
  // ---- What no detector claimed, told by the rule for the input and field (fallback.ts) ----
  voteWords: {
    en: 'The request\'s term {term} is older than your {termBefore}: vote ✗ (R5).',
    ru: 'Терм запроса {term} меньше твоего {termBefore}: голос ✗ (R5).',
  },
  voteWords2: {
    en: 'You already voted for {prior} in term {term}: one vote per term, vote ✗ (R9).',
    ru: 'В терме {term} ты уже проголосовал за {prior}: один голос на терм, голос ✗ (R9).',
  },
  voteWords3: {
    en: 'The candidate\'s log is less up-to-date than yours (last entries: {logs}): vote ✗ (R10).',
    ru: 'Журнал кандидата менее актуален, чем твой (последние записи: {logs}): голос ✗ (R10).',
  },
  voteWords4: {
    en: 'Term {term}: your vote is free{priorNote} and the candidate\'s log is at least as up-to-date as yours ' +
      '(last entries: {logs}): vote ✔, write {candidateId} in the vote cell of t{term} and restart your ' +
      'timer (R9, R10).',
    ru: 'Терм {term}: твой голос свободен{priorNote}, а журнал кандидата не менее актуален, чем твой (последние ' +
      'записи: {logs}): голос ✔, впиши {candidateId} в ячейку голоса t{term} и сбрось таймер (R9, R10).',
  },
  aeWords: {
    en: 'The card\'s term {term} is older than your {termBefore}: answer ✗ and change nothing (R5).',
    ru: 'Терм карточки {term} меньше твоего {termBefore}: ответь ✗ и ничего не меняй (R5).',
  },
  aeWords2: {
    en: 'You are the leader of term {termBefore}; there cannot be another one (P1): refuse the card and keep ' +
      'your log (P2).',
    ru: 'Ты лидер терма {termBefore}; другого быть не может (P1): откажи и сохрани свой журнал (P2).',
  },
  aeWords3: {
    en: '{w}: answer ✔ (R17).',
    ru: '{w}: ответь ✔ (R17).',
  },
  aeWords4: {
    en: '{w}: answer ✗ and leave the log as it is (R17).',
    ru: '{w}: ответь ✗ и оставь журнал как есть (R17).',
  },
  headOf: {
    en: ' ({others} likewise)',
    ru: ' (у {others} так же)',
  },
  headOf2: {
    en: '',
    ru: '',
  },
  headOf3: {
    en: '{capital}{bare}: expected {e}, you have {g}{also}.',
    ru: '{capital2}{bare}: ожидалось {e}, у тебя {g}{also}.',
  },
  generic: {
    en: 'The server id and the cluster are fixed; a move never changes them.',
    ru: 'Id сервера и состав кластера фиксированы; ход их не меняет.',
  },
  generic2: {
    en: 'Starting an election you vote for yourself (R8).',
    ru: 'Начиная выборы, ты голосуешь за себя (R8).',
  },
  generic3: {
    en: 'Only a RequestVote you grant (R9) or your own election (R8) writes a vote cell; this move leaves it {e}.',
    ru: 'Ячейку голоса заполняет только отданный голос (R9) или собственные выборы (R8); в этом ходе она остаётся {e}.',
  },
  generic4: {
    en: 'A leader never starts an election (R8).',
    ru: 'Лидер выборов не начинает (R8).',
  },
  generic5: {
    en: 'A timeout makes you a candidate (R8).',
    ru: 'По таймауту ты становишься кандидатом (R8).',
  },
  generic6: {
    en: 'A candidate that receives an AppendEntries of its term or a higher one becomes a follower (R12).',
    ru: 'Кандидат, получивший AppendEntries своего или большего терма, становится фолловером (R12).',
  },
  generic7: {
    en: 'A candidate becomes leader exactly when distinct ✔ of its term, itself included, reach floor(N/2)+1 ' +
      '= {majority} (R11).',
    ru: 'Кандидат становится лидером ровно тогда, когда разных ✔ его терма, считая себя, набирается ' +
      'floor(N/2)+1 = {majority} (R11).',
  },
  generic8: {
    en: 'Your role changes only on a timeout (R8), a won election (R11), a leader of your term (R12) or a ' +
      'higher term (R4); here it is {e}.',
    ru: 'Роль меняется только по таймауту (R8), после победы (R11), при встрече с лидером своего терма (R12) ' +
      'или при большем терме (R4); здесь она — {expectedRu}.',
  },
  generic9: {
    en: 'At index {k} the log should hold {entryAt}, you have {entryAt2}.',
    ru: 'По индексу {k} в журнале должно быть {entryAt}, у тебя {entryAt2}.',
  },
  generic10: {
    en: '{at} {text} Then copy the card\'s entries from index {firstIndex}, skipping those you already hold and ' +
      'cutting only at a conflict (R18).',
    ru: '{at} {text} Затем перепиши записи карточки начиная с индекса {firstIndex}, пропуская уже имеющиеся и ' +
      'обрезая только при конфликте (R18).',
  },
  generic11: {
    en: '{at} As leader you append {written} to your log, one letter per cell (R15).',
    ru: '{at} Как лидер ты дописываешь в журнал {written}, по букве в клетку (R15).',
  },
  generic12: {
    en: '{at} Only the leader writes client letters; as {role} you leave your log as it is (R15).',
    ru: '{at} Буквы клиента пишет только лидер; ты {roleRu} и журнал не трогаешь (R15).',
  },
  generic13: {
    en: '{at} Logs change only through a client letter at the leader (R15) or an AppendEntries (R18); this ' +
      'move leaves yours as it was.',
    ru: '{at} Журнал меняется только от буквы клиента у лидера (R15) или от AppendEntries (R18); этот ход его ' +
      'не меняет.',
  },
  generic14: {
    en: 'leaderCommit {leaderCommit} is not above your commitIndex {commitIndex}, so commitIndex stays ' +
      '{commitIndex}; it never goes down (R19).',
    ru: 'leaderCommit {leaderCommit} не больше твоего commitIndex {commitIndex}, поэтому commitIndex остаётся ' +
      '{commitIndex}; он никогда не уменьшается (R19).',
  },
  generic15: {
    en: 'If leaderCommit {leaderCommit} > your commitIndex {commitIndex}, commitIndex = min(leaderCommit ' +
      '{leaderCommit}, prevLogIndex {prevLogIndex} + {entriesCount} = {covered}); it never goes down (R19).',
    ru: 'Если leaderCommit {leaderCommit} > твоего commitIndex {commitIndex}, commitIndex = min(leaderCommit ' +
      '{leaderCommit}, prevLogIndex {prevLogIndex} + {entriesCount} = {covered}); он никогда не уменьшается (R19).',
  },
  generic16: {
    en: 'Entry {n}{termNote} is stored on {copies} of {clusterCount} servers (you and those with matchIndex ≥ ' +
      '{n}). The leader commits the largest N stored on a majority ({majority}) whose entry is of its ' +
      'current term t{expectedTerm} (R22).',
    ru: 'Запись {n}{termNote} есть на {copies} из {clusterCount} серверов (ты и те, у кого matchIndex ≥ {n}). ' +
      'Лидер коммитит наибольший N, который есть у большинства ({majority}) и чья запись — его текущего ' +
      'терма t{expectedTerm} (R22).',
  },
  generic17: {
    en: 'commitIndex changes only on an AppendEntries (R19) or at the leader by counting (R22); it never goes down.',
    ru: 'commitIndex меняется только от AppendEntries (R19) или у лидера при подсчёте (R22); он никогда не уменьшается.',
  },
  generic18: {
    en: 'Apply every committed entry in order: lastApplied follows commitIndex {commitIndex} (R23).',
    ru: 'Применяй каждую закоммиченную запись по порядку: lastApplied догоняет commitIndex {commitIndex} (R23).',
  },
  generic19: {
    en: 'Count the distinct servers that voted ✔ for you in term {expectedTerm}, yourself included; a leader ' +
      'or follower counts none (R11).',
    ru: 'Считай разные серверы, проголосовавшие за тебя ✔ в терме {expectedTerm}, включая себя; лидер и ' +
      'фолловер голоса не считают (R11).',
  },
  generic20: {
    en: 'A new leader sets nextIndex = its lastLogIndex + 1 = {next} and matchIndex = 0 for every other server (R13).',
    ru: 'Новый лидер ставит каждому другому серверу nextIndex = свой lastLogIndex + 1 = {next} и matchIndex = 0 (R13).',
  },
  generic21: {
    en: 'On ✔: matchIndex = max(matchIndex, prevLogIndex + entries of the answered card), nextIndex = ' +
      'matchIndex + 1; on ✗ of your term: nextIndex one step back, not below matchIndex + 1 (R20, R21).',
    ru: 'На ✔: matchIndex = max(matchIndex, prevLogIndex + число записей той карточки), nextIndex = ' +
      'matchIndex + 1; на ✗ твоего терма: nextIndex на один назад, но не ниже matchIndex + 1 (R20, R21).',
  },
  generic22: {
    en: 'nextIndex and matchIndex are the leader\'s bookkeeping: set on election (R13), changed only by ' +
      'AppendEntries replies (R21), dropped when you are not leader.',
    ru: 'nextIndex и matchIndex — учёт лидера: задаются при избрании (R13), меняются только от ответов на ' +
      'AppendEntries (R21) и исчезают, когда ты не лидер.',
  },
  generic23: {
    en: 'This move restarts the election timer: an AppendEntries from the current leader, starting an ' +
      'election and granting a vote all do (R14).',
    ru: 'Этот ход сбрасывает таймер выборов: это делают AppendEntries текущего лидера, начало выборов и ' +
      'отданный голос (R14).',
  },
  generic24: {
    en: 'This part of the sheet does not change in this move.',
    ru: 'Эта часть листа в этом ходе не меняется.',
  },
  genericCard: {
    en: 'Every request gets an answer with your term. {words}',
    ru: 'На каждый запрос отвечают, указав свой терм. {words}',
  },
  genericCard2: {
    en: 'Starting an election you send RequestVote to every other server, {who} included (R8).',
    ru: 'Начиная выборы, ты рассылаешь RequestVote всем остальным серверам, в том числе {who} (R8).',
  },
  genericCard3: {
    en: 'The leader sends {who} an AppendEntries filled from nextIndex[{who}] (R16).',
    ru: 'Лидер отправляет {who} AppendEntries, заполненный от nextIndex[{who}] (R16).',
  },
  genericCard4: {
    en: 'One {cardType} to {who} in this move, not two.',
    ru: 'В этом ходе {who} получает один {cardType}, а не два.',
  },
  genericCard5: {
    en: 'No AppendEntries to {who} in this move: only a leader sends them, and only to the servers it is ' +
      'asked to (R15, R16).',
    ru: 'В этом ходе AppendEntries для {who} нет: их отправляет только лидер и только тем, кому просили (R15, R16).',
  },
  genericCard6: {
    en: 'RequestVote cards are sent only when you start an election (R8).',
    ru: 'RequestVote рассылаются только при начале выборов (R8).',
  },
  genericCard7: {
    en: 'This move sends no such card to {who}: a reply answers exactly one request.',
    ru: 'В этом ходе такой карточки для {who} нет: ответ отвечает ровно на один запрос.',
  },
  genericCard8: {
    en: 'A reply carries your current term {expectedTerm}, after any update by R4 (R7).',
    ru: 'Ответ несёт твой текущий терм {expectedTerm} — уже после перехода по R4 (R7).',
  },
  genericCard9: {
    en: 'A request carries your current term {expectedTerm}.',
    ru: 'Запрос несёт твой текущий терм {expectedTerm}.',
  },
  genericCard10: {
    en: '',
    ru: '',
  },
  genericCard11: {
    en: '',
    ru: '',
  },
  genericCard12: {
    en: 'A RequestVote carries your id and your last entry: lastLogIndex {lastLogIndex}, lastLogTerm ' +
      '{lastLogTerm} (R8).',
    ru: 'RequestVote несёт твой id и твою последнюю запись: lastLogIndex {lastLogIndex}, lastLogTerm ' +
      '{lastLogTerm} (R8).',
  },
  genericCard13: {
    en: 'For {who}: nextIndex {next}, so prevLogIndex = {prev}, prevLogTerm = the term of your entry {prev}, ' +
      'entries from index {next} (at most the card\'s cells), leaderCommit = your commitIndex {commitIndex} (R16).',
    ru: 'Для {who}: nextIndex {next}, значит, prevLogIndex = {prev}, prevLogTerm = терм твоей записи {prev}, ' +
      'записи начиная с индекса {next} (не больше клеток карточки), leaderCommit = твой commitIndex ' +
      '{commitIndex} (R16).',
  },
  sameDecision: {
    en: '{replace}; {lower}',
    ru: '{replace2}; {lower2}',
  },
  sameDecision2: {
    en: '{head} {why}',
    ru: '{head} {why}',
  },
  // ---- Where a difference is on the paper: the sheet's words for a referee field (format.ts sheetPlace) ----
  sheetPlace: {
    en: 'your vote cell for t{term}',
    ru: 'твоя ячейка голоса в t{term}',
  },
  sheetPlace2: {
    en: 'your vote cell for t{term}',
    ru: 'твоя ячейка голоса в t{term}',
  },
  sheetPlace3: {
    en: 'your vote cells',
    ru: 'твои ячейки голосов',
  },
  sheetPlace4: {
    en: 'your current term (the last cell of your Terms row)',
    ru: 'твой текущий терм (последняя клетка строки Terms)',
  },
  sheetPlace5: {
    en: 'your role',
    ru: 'твоя роль',
  },
  sheetPlace6: {
    en: 'your log',
    ru: 'твой журнал',
  },
  sheetPlace7: {
    en: 'the commit on your sheet',
    ru: 'поле commit на твоём листе',
  },
  sheetPlace8: {
    en: 'the applied row of your log',
    ru: 'строка applied твоего журнала',
  },
  sheetPlace9: {
    en: 'the votes you count for yourself',
    ru: 'голоса, которые ты насчитал за себя',
  },
  sheetPlace10: {
    en: 'your election timer',
    ru: 'твой таймер выборов',
  },
  sheetPlace11: {
    en: 'the next entry you send',
    ru: 'следующая запись, которую ты шлёшь',
  },
  sheetPlace12: {
    en: 'what you know is stored',
    ru: 'что, как ты знаешь, уже записано',
  },
  sheetPlace13: {
    en: '{what} to {who}',
    ru: '{what} для {who}',
  },
  sheetPlace14: {
    en: 'your cards',
    ru: 'твоих карточках',
  },
  sheetPlace15: {
    en: 'your cards to {who}',
    ru: 'твоих карточках для {who}',
  },
  sheetPlace16: {
    en: 'your card to {who}',
    ru: 'твоей карточке для {who}',
  },
  sheetPlace17: {
    en: 'your cards to {who}',
    ru: 'твои карточки для {who}',
  },
  sheetPlace18: {
    en: 'your card to {who}',
    ru: 'твоя карточка для {who}',
  },
  sheetPlace19: {
    en: 'the tick on your answers to {who}',
    ru: 'галочка в твоих ответах для {who}',
  },
  sheetPlace20: {
    en: 'the tick on your answer to {who}',
    ru: 'галочка в твоём ответе для {who}',
  },
  sheetPlace21: {
    en: 'the term on {cards}',
    ru: 'терм на {cards}',
  },
  sheetPlace22: {
    en: 'the entries on {cards}',
    ru: 'записи на {cards}',
  },
  sheetPlace23: {
    en: 'the {part} on {cards}',
    ru: 'поле {part} на {cards}',
  },
  // ---- Pre-vote games: PreVote, leader stickiness, CheckQuorum (detectors-prevote.ts; R24–R28) ----
  preVoteTimeout: {
    en: 'Pre-vote is on: when your timer fires you do not start term {next} yet. Stay a follower in term ' +
      '{term} with no new vote, count your own pre-vote and send PreVote (term t{next}, candidateId {id}, ' +
      'last {last}) to everyone; the term grows only once a majority said ✔ (R24, R26).',
    ru: 'Предголосование включено: когда срабатывает таймер, ты ещё не начинаешь терм {next}. Останься ' +
      'фолловером в терме {term} без нового голоса, засчитай свой предголос и отправь всем PreVote (term ' +
      't{next}, candidateId {id}, last {last}); терм растёт, только когда большинство ответило ✔ (R24, R26).',
  },
  preVoteTimeout2: {
    en: 'Timer fired with pre-vote on: the sheet stays in term {term} as a follower, your pre-votes are just ' +
      '{id}, any leader you wrote is forgotten, and a PreVote card (term t{next}, candidateId {id}, last ' +
      '{last}) goes to every other server (R24, R27).',
    ru: 'Таймер сработал при включённом предголосовании: лист остаётся в терме {term}, ты фолловер, ' +
      'предголоса — только {id}, записанный лидер забыт, а карточка PreVote (term t{next}, candidateId {id}, ' +
      'last {last}) уходит всем остальным (R24, R27).',
  },
  preVoteAnswer: {
    en: '{from}\'s PreVote asks about term {asked}, a term nobody is in yet. Keep your term {term}, your vote ' +
      'cell and your role; only answer, with your own term {term} (R25). Adopting it is how a returning ' +
      'server deposes a healthy leader.',
    ru: 'PreVote от {from} спрашивает про терм {asked}, в котором ещё никто не находится. Сохрани свой терм ' +
      '{term}, ячейку голоса и роль; только ответь, со своим термом {term} (R25). Принять его — как раз то, ' +
      'чем вернувшийся сервер свергает здорового лидера.',
  },
  preVoteAnswer2: {
    en: 'you are the leader',
    ru: 'ты сам лидер',
  },
  preVoteAnswer3: {
    en: 'you hear from leader {leader}',
    ru: 'ты слышишь лидера {leader}',
  },
  preVoteAnswer4: {
    en: '{from}\'s log is up-to-date, but {who}: the cluster has a working leader, so the answer is ✗ (R25, ' +
      'R27; leader stickiness, dissertation §4.2.3).',
    ru: 'Журнал {from} актуален, но {who}: у кластера есть работающий лидер, поэтому ответ ✗ (R25, R27; ' +
      '«липкость лидера», диссертация §4.2.3).',
  },
  preVoteAnswer5: {
    en: 'the term asked for ({asked}) is not above yours ({term})',
    ru: 'запрошенный терм ({asked}) не больше твоего ({term})',
  },
  preVoteAnswer6: {
    en: 'its log ({theirs}) is less up-to-date than yours ({mine}, R10)',
    ru: 'его журнал ({theirs}) менее актуален, чем твой ({mine}, R10)',
  },
  preVoteAnswer7: {
    en: 'you hear from a leader (R27)',
    ru: 'ты слышишь лидера (R27)',
  },
  preVoteAnswer8: {
    en: 'its term is higher, its log is up-to-date and you hear no leader',
    ru: 'его терм больше, журнал актуален, а лидера ты не слышишь',
  },
  preVoteAnswer9: {
    en: 'Answer {from}\'s PreVote with PreVoteReply (term {term}, {tick}) and change nothing on your sheet: ' +
      '{why} (R25).',
    ru: 'Ответь на PreVote от {from} карточкой PreVoteReply (term {term}, {tick}) и ничего не меняй на ' +
      'листе: {why} (R25).',
  },
  preVoteCount: {
    en: 'That ✔ from {from} makes {need} of {size} pre-votes (yours included): start the real election now ' +
      '— term {next}, candidate, vote for yourself, RequestVote to everyone (R26, R8).',
    ru: 'Этот ✔ от {from} даёт {need} из {size} предголосов (считая свой): начни настоящие выборы сейчас — ' +
      'терм {next}, кандидат, голос за себя, RequestVote всем (R26, R8).',
  },
  preVoteCount2: {
    en: 'Pre-votes: {n} of {size}, {need} needed (distinct ✔ of this round, yours included). Below a ' +
      'majority nothing else changes: no new term, no candidacy (R26).',
    ru: 'Предголоса: {n} из {size}, нужно {need} (различные ✔ этого раунда, считая свой). Без большинства ' +
      'больше ничего не меняется: ни нового терма, ни кандидатуры (R26).',
  },
  quorumCheck: {
    en: 'Your check timer fired: you heard from {n} of {size} (yourself included, {need} needed) since the ' +
      'last check, so you stay leader in term {term} and start counting again from nobody (R28).',
    ru: 'Сработал таймер проверки: с прошлой проверки ты слышал {n} из {size} (считая себя, нужно {need}), ' +
      'поэтому остаёшься лидером в терме {term} и начинаешь счёт заново (R28).',
  },
  quorumCheck2: {
    en: 'Your check timer fired: you heard from only {n} of {size} (yourself included, {need} needed) since ' +
      'the last check. Step down to follower in the same term {term}, vote cell unchanged: a leader cut off ' +
      'from a majority must not go on as one (R28).',
    ru: 'Сработал таймер проверки: с прошлой проверки ты слышал лишь {n} из {size} (считая себя, нужно ' +
      '{need}). Стань фолловером в том же терме {term}, ячейку голоса не трогай: лидер, отрезанный от ' +
      'большинства, не должен продолжать быть лидером (R28).',
  },
  leaderCell: {
    en: 'With pre-vote on, a leader notes every follower whose AppendEntries reply of its term it reads, ✔ ' +
      'or ✗: that is what its quorum check counts (R28).',
    ru: 'При включённом предголосовании лидер отмечает каждого фолловера, чей ответ на AppendEntries своего ' +
      'терма он прочитал, ✔ или ✗: именно их считает его проверка кворума (R28).',
  },
  leaderCell2: {
    en: 'You accepted an AppendEntries of term {term} from {leader}: write {leader} in your leader cell — you ' +
      'hear from a leader — and any pre-vote of yours is over (R27).',
    ru: 'Ты принял AppendEntries терма {term} от {leader}: впиши {leader} в ячейку лидера — ты слышишь ' +
      'лидера, — а твоё предголосование, если было, закончено (R27).',
  },
  leaderCell3: {
    en: 'The leader cell holds the leader of your current term you hear from; it is cleared when your term ' +
      'changes or your timer fires, and a new term also ends a pre-vote (R27, R26).',
    ru: 'В ячейке лидера — лидер твоего текущего терма, которого ты слышишь; она очищается, когда меняется ' +
      'терм или срабатывает твой таймер, а новый терм ещё и заканчивает предголосование (R27, R26).',
  },
  // ---- The referee itself (referee.ts) ----
  refereeOne: {
    en: 'The move differs from the correct one.',
    ru: 'Ход отличается от правильного.',
  },
  // ---- Clauses a detector adds to a sentence when they apply ----
  voteCellFreeFor: {
    en: ' and is free for {candidateId}',
    ru: ' и свободна для {candidateId}',
  },
  checkSkippedHeartbeat: {
    en: '. A heartbeat is an AppendEntries like any other: its prevLogIndex/prevLogTerm are checked too',
    ru: '. Heartbeat — такой же AppendEntries, его prevLogIndex/prevLogTerm тоже проверяются',
  },
  logMergeHigherTerm: {
    en: ". A higher term (t{mine}) does not protect an entry: it is not committed, and the leader's log wins",
    ru: '. Больший терм (t{mine}) запись не защищает: она не закоммичена, и побеждает журнал лидера',
  },
  followerCommitFloor: {
    en: ', and it never goes below your {was}',
    ru: ', и он не опускается ниже твоего {was}',
  },
  wrongTermAnswer: {
    en: ' and answer with term {msgTerm}',
    ru: ' и ответь с термом {msgTerm}',
  },
  voteWordsPrior: {
    en: ' (already {prior})',
    ru: ' (уже за {prior})',
  },
} satisfies Record<string, Text>;

/** No clause: the sentence reads on without it. */
export const NO_CLAUSE: Text = { en: '', ru: '' };

export type ExplanationKey = keyof typeof EXPLANATIONS;

const isText = (v: unknown): v is Text => typeof v === 'object' && v !== null && 'en' in v && 'ru' in v;

/**
 * A referee sentence in both languages, filled with the values of this move. A value is written
 * as a template literal would write it (String(v)), a Text in the sentence's own language.
 */
export function explain(key: ExplanationKey, vars: Readonly<Record<string, unknown>> = {}): Text {
  const filled: Record<string, string | Text> = {};
  for (const [k, v] of Object.entries(vars)) filled[k] = isText(v) ? v : String(v);
  return sayBoth(EXPLANATIONS[key], filled);
}
