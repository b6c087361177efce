/**
 * Message catalogues for the report's headings and labels. English is the
 * reference; French and Korean follow it key by key (the type enforces it).
 */
import type { EditedField } from '../core/diff.js';
import type { OgpLevel } from '../core/scales.js';
import type { Cadence, ReportLang, Status } from '../core/vocabulary.js';

/** The words of a diff (csp diff --format md, and the report's "changes since" section). */
export interface DiffMessages {
  heading(from: string, to: string): string;
  fromTo(from: string, to: string): string;
  /** What follows a label: ": " (" : " in French). */
  colon: string;
  onlyPillar(n: number): string;
  noChanges: string;
  movedTo(n: number, status: string): string;
  sideChanges(n: number): string;
  receivedNotes(n: number): string;
  lostNotes(n: number): string;
  added(n: number): string;
  removed(n: number): string;
  edited(n: number): string;
  /** An initiative that was added, with its status and how many notes it has. */
  addedInitiative(status: string, notes: number): { label: string; detail: string };
  removedInitiative(status: string): { label: string; detail: string };
  status: string;
  since(date: string): string;
  assessment(party: string): string;
  notReported: string;
  newNotes(n: number): string;
  notesRemoved(n: number): string;
  /** Said when one side is a review, which records how many notes there were but not which. */
  countOnly: string;
  editedLabel: string;
  was(field: string): string;
  now(field: string): string;
  field: Record<EditedField, string>;
  pillarValue(n: string): string;
  source: {
    review(name: string, date: string): string;
    date(date: string): string;
    revision(revision: string, commit: string): string;
    worktree(asOf: string): string;
  };
}

export interface Messages {
  reportTitle(partnership: string): string;
  intro(o: { title: string; asOf: string; adopted: string; place?: string; body: string; annual: boolean }): string;
  executiveSummary: string;
  initiativesSummary(total: number, listings: number, completed: string): string;
  pillar: string;
  allInitiatives: string;
  total: string;
  percentCompleted: string;
  barsLegend: string;
  pieTitle: string;
  completedShort(pct: string): string;
  /** A share (0–1) as a whole percentage: "25%", in French "25 %" (with a no-break space). */
  percent(share: number): string;
  needsAttention: string;
  changesSince(what: string): string;
  atRisk: string;
  atRiskSince(date: string): string;
  overdue: string;
  overdueDetail(cadence: string, due: string): string;
  stale(days: number): string;
  lastUpdate(date: string): string;
  neverUpdated: string;
  neverUpdatedDetail(adopted: string): string;
  nothingNeedsAttention: string;
  sidesDiffer: string;
  sidesDifferIntro: string;
  pillarHeading(n: number, title: string): string;
  pillarProgress(pct: string, n: number): string;
  thematicAreas: string;
  initiatives: string;
  colId: string;
  colTitle: string;
  colStatus: string;
  colLastUpdate: string;
  alsoPillar(n: number): string;
  none: string;
  noInitiatives: string;
  latestNotes: string;
  appendix: string;
  sourceDocument: string;
  adoptedLine(date: string, by?: string): string;
  statusesFrom(asOf: string): string;
  untranslated: string;
  status: Record<Status, string>;
  cadence: Record<Cadence, string>;
  ogp: Record<OgpLevel, string>;
  compliance: { full: string; partial: string; none: string; score: string };
  diff: DiffMessages;
}

const en: Messages = {
  reportTitle: (p) => `${p}: implementation report`,
  intro: (o) =>
    `Where the commitments of “${o.title}” stand as of **${o.asOf}**. Adopted ${o.adopted}${o.place ? ` in ${o.place}` : ''}; reviewed ${o.annual ? 'annually' : 'regularly'} by the ${o.body}.`,
  executiveSummary: 'Executive summary',
  initiativesSummary: (t, l, c) => `${t} initiatives${l !== t ? ` (${l} listings: some are listed under two pillars)` : ''}; **${c} completed**.`,
  pillar: 'Pillar',
  allInitiatives: 'All commitments',
  total: 'total',
  percentCompleted: '% completed',
  barsLegend: '█ completed  ▓ in progress or ongoing  ▒ at risk  ░ not started or discontinued',
  pieTitle: 'Initiatives by status',
  completedShort: (p) => `${p} completed`,
  percent: (x) => `${Math.round(x * 100)}%`,
  needsAttention: 'Needs attention',
  changesSince: (w) => `Changes since ${w}`,
  atRisk: 'At risk',
  atRiskSince: (d) => `at risk since ${d}`,
  overdue: 'Recurring commitments past their cadence',
  overdueDetail: (c, d) => `${c} cadence, due ${d}`,
  stale: (n) => `No note for over ${n} days`,
  lastUpdate: (d) => `last update ${d}`,
  neverUpdated: 'No update since adoption',
  neverUpdatedDetail: (a) => `adopted ${a}, no note since`,
  nothingNeedsAttention: 'Nothing needs attention as of this date.',
  sidesDiffer: 'Where assessments differ',
  sidesDifferIntro: "Commitments whose latest status differs between the two sides' notes:",
  pillarHeading: (n, t) => `Pillar ${n}: ${t}`,
  pillarProgress: (p, n) => `${p} completed · ${n} initiatives`,
  thematicAreas: 'Thematic areas',
  initiatives: 'Initiatives',
  colId: 'ID',
  colTitle: 'Title',
  colStatus: 'Status',
  colLastUpdate: 'Last update',
  alsoPillar: (n) => `also pillar ${n}`,
  none: 'none',
  noInitiatives: 'No initiatives.',
  latestNotes: 'Latest notes',
  appendix: 'Appendix: source',
  sourceDocument: 'Source document',
  adoptedLine: (d, by) => `Adopted: ${d}${by ? ` by ${by}` : ''}`,
  statusesFrom: (d) => `Statuses are taken from each initiative's dated progress notes, as of ${d}.`,
  untranslated: 'EN',
  status: {
    'not-started': 'not started',
    'in-progress': 'in progress',
    ongoing: 'ongoing',
    'at-risk': 'at risk',
    completed: 'completed',
    discontinued: 'discontinued',
  },
  cadence: { annual: 'annual', semiannual: 'semiannual', quarterly: 'quarterly', monthly: 'monthly', regular: 'regular', continuing: 'continuing' },
  ogp: { 'not-started': 'not started', limited: 'limited', substantial: 'substantial', complete: 'complete', withdrawn: 'withdrawn' },
  compliance: { full: 'full', partial: 'partial', none: 'none', score: 'compliance' },
  diff: {
    heading: (f, t) => `Changes from ${f} to ${t}`,
    fromTo: (f, t) => `From ${f} to ${t}.`,
    colon: ': ',
    onlyPillar: (n) => `Only initiatives listed under pillar ${n}.`,
    noChanges: 'No changes.',
    movedTo: (n, st) => `${n} moved to ${st}`,
    sideChanges: (n) => `${n} side assessment${n === 1 ? '' : 's'} changed`,
    receivedNotes: (n) => `${n} received notes`,
    lostNotes: (n) => `${n} lost notes`,
    added: (n) => `${n} added`,
    removed: (n) => `${n} removed`,
    edited: (n) => `${n} edited`,
    addedInitiative: (st, n) => ({ label: 'added', detail: `${st}, ${n} note${n === 1 ? '' : 's'}` }),
    removedInitiative: (st) => ({ label: 'removed', detail: `was ${st}` }),
    status: 'status',
    since: (d) => `since ${d}`,
    assessment: (p) => `${p}'s assessment`,
    notReported: 'not reported',
    newNotes: (n) => `${n} new note${n === 1 ? '' : 's'}`,
    notesRemoved: (n) => `${n} note${n === 1 ? '' : 's'} removed or rewritten`,
    countOnly: '(a review records how many notes, not which)',
    editedLabel: 'edited',
    was: (f) => `${f} was`,
    now: (f) => `${f} now`,
    field: {
      pillar: 'pillar',
      alsoListedUnder: 'alsoListedUnder',
      title: 'title',
      text: 'text',
      kind: 'kind',
      cadence: 'cadence',
      themes: 'themes',
      leads: 'leads',
      related: 'related',
      translations: 'translations',
    },
    pillarValue: (n) => `pillar ${n}`,
    source: {
      review: (n, d) => `review '${n}' (${d})`,
      date: (d) => `the plan as of ${d}`,
      revision: (r, c) => `revision ${r} (${c})`,
      worktree: (d) => `the working tree (as of ${d})`,
    },
  },
};

const fr: Messages = {
  reportTitle: (p) => `${p}\u00a0: rapport de mise en œuvre`,
  intro: (o) =>
    `État du document «\u00a0${o.title}\u00a0» au **${o.asOf}**. Adopté le ${o.adopted}${o.place ? ` à ${o.place}` : ''}\u00a0; examiné ${o.annual ? 'chaque année' : 'régulièrement'} par le ${o.body}.`,
  executiveSummary: 'Sommaire',
  initiativesSummary: (t, l, c) =>
    `${t} initiatives${l !== t ? ` (${l} inscriptions\u00a0: certaines figurent sous deux piliers)` : ''}\u00a0; **${c} réalisées**.`,
  pillar: 'Pilier',
  allInitiatives: 'Tous les engagements',
  total: 'total',
  percentCompleted: '% réalisées',
  barsLegend: '█ réalisée  ▓ en cours ou continue  ▒ à risque  ░ non commencée ou abandonnée',
  pieTitle: 'Initiatives selon leur état',
  completedShort: (p) => `${p} réalisées`,
  percent: (x) => `${Math.round(x * 100)}\u00a0%`,
  needsAttention: 'Points à surveiller',
  changesSince: (w) => `Changements depuis\u00a0: ${w}`,
  atRisk: 'À risque',
  atRiskSince: (d) => `à risque depuis le ${d}`,
  overdue: 'Engagements récurrents en retard sur leur fréquence',
  overdueDetail: (c, d) => `fréquence ${c}, prévu le ${d}`,
  stale: (n) => `Aucune note depuis plus de ${n} jours`,
  lastUpdate: (d) => `dernière mise à jour le ${d}`,
  neverUpdated: 'Aucune mise à jour depuis l’adoption',
  neverUpdatedDetail: (a) => `adopté le ${a}, aucune note depuis`,
  nothingNeedsAttention: 'Aucun point à surveiller à cette date.',
  sidesDiffer: 'Évaluations divergentes',
  sidesDifferIntro: 'Engagements dont le dernier état diffère selon les notes de chaque partie\u00a0:',
  pillarHeading: (n, t) => `Pilier ${n}\u00a0: ${t}`,
  pillarProgress: (p, n) => `${p} réalisées · ${n} initiatives`,
  thematicAreas: 'Domaines thématiques',
  initiatives: 'Initiatives',
  colId: 'ID',
  colTitle: 'Titre',
  colStatus: 'État',
  colLastUpdate: 'Dernière mise à jour',
  alsoPillar: (n) => `aussi pilier ${n}`,
  none: 'aucune',
  noInitiatives: 'Aucune initiative.',
  latestNotes: 'Notes récentes',
  appendix: 'Annexe\u00a0: source',
  sourceDocument: 'Document source',
  adoptedLine: (d, by) => `Adopté le ${d}${by ? ` par ${by}` : ''}`,
  statusesFrom: (d) => `Les états proviennent des notes d’avancement datées de chaque initiative, au ${d}.`,
  untranslated: 'EN',
  status: {
    'not-started': 'non commencée',
    'in-progress': 'en cours',
    ongoing: 'continue',
    'at-risk': 'à risque',
    completed: 'réalisée',
    discontinued: 'abandonnée',
  },
  cadence: {
    annual: 'annuelle',
    semiannual: 'semestrielle',
    quarterly: 'trimestrielle',
    monthly: 'mensuelle',
    regular: 'régulière',
    continuing: 'continue',
  },
  ogp: { 'not-started': 'non commencé', limited: 'limité', substantial: 'substantiel', complete: 'complet', withdrawn: 'retiré' },
  compliance: { full: 'pleine', partial: 'partielle', none: 'nulle', score: 'conformité' },
  diff: {
    heading: (f, t) => `Changements entre ${f} et ${t}`,
    fromTo: (f, t) => `Point de départ\u00a0: ${f}. Point d’arrivée\u00a0: ${t}.`,
    colon: '\u00a0: ',
    onlyPillar: (n) => `Seulement les initiatives inscrites sous le pilier ${n}.`,
    noChanges: 'Aucun changement.',
    movedTo: (n, st) => `${n} passée${n === 1 ? '' : 's'} à l’état «\u00a0${st}\u00a0»`,
    sideChanges: (n) => `${n} évaluation${n === 1 ? '' : 's'} d’une partie modifiée${n === 1 ? '' : 's'}`,
    receivedNotes: (n) => `${n} avec de nouvelles notes`,
    lostNotes: (n) => `${n} avec des notes retirées`,
    added: (n) => `${n} ajoutée${n === 1 ? '' : 's'}`,
    removed: (n) => `${n} retirée${n === 1 ? '' : 's'}`,
    edited: (n) => `${n} modifiée${n === 1 ? '' : 's'}`,
    addedInitiative: (st, n) => ({ label: 'ajoutée', detail: `${st}, ${n} note${n === 1 ? '' : 's'}` }),
    removedInitiative: (st) => ({ label: 'retirée', detail: `auparavant ${st}` }),
    status: 'état',
    since: (d) => `depuis le ${d}`,
    assessment: (p) => `évaluation de ${p}`,
    notReported: 'non communiquée',
    newNotes: (n) => `${n} nouvelle${n === 1 ? '' : 's'} note${n === 1 ? '' : 's'}`,
    notesRemoved: (n) => `${n} note${n === 1 ? '' : 's'} retirée${n === 1 ? '' : 's'} ou réécrite${n === 1 ? '' : 's'}`,
    countOnly: '(un examen consigne le nombre de notes, non leur contenu)',
    editedLabel: 'modifié',
    was: (f) => `${f}, avant`,
    now: (f) => `${f}, maintenant`,
    field: {
      pillar: 'pilier',
      alsoListedUnder: 'aussi sous',
      title: 'titre',
      text: 'texte',
      kind: 'type',
      cadence: 'fréquence',
      themes: 'domaines',
      leads: 'responsables',
      related: 'liées',
      translations: 'traductions',
    },
    pillarValue: (n) => `pilier ${n}`,
    source: {
      review: (n, d) => `l’examen «\u00a0${n}\u00a0» (${d})`,
      date: (d) => `le plan au ${d}`,
      revision: (r, c) => `la révision ${r} (${c})`,
      worktree: (d) => `la copie de travail (au ${d})`,
    },
  },
};

const ko: Messages = {
  reportTitle: (p) => `${p}: 이행 보고서`,
  intro: (o) =>
    `${o.asOf} 기준 「${o.title}」 이행 현황. ${o.adopted}${o.place ? ` ${o.place}에서` : ''} 채택되었으며, ${o.body}가 ${o.annual ? '매년' : '정기적으로'} 이행을 점검한다.`,
  executiveSummary: '요약',
  initiativesSummary: (t, l, c) => `이니셔티브 ${t}개${l !== t ? ` (목록상 ${l}건: 일부는 두 개의 축에 중복 수록)` : ''}; **완료 ${c}**.`,
  pillar: '축',
  allInitiatives: '전체 약속',
  total: '합계',
  percentCompleted: '완료율',
  barsLegend: '█ 완료  ▓ 진행 중 또는 지속  ▒ 위험  ░ 미착수 또는 중단',
  pieTitle: '상태별 이니셔티브',
  completedShort: (p) => `완료 ${p}`,
  percent: (x) => `${Math.round(x * 100)}%`,
  needsAttention: '주의 필요 사항',
  changesSince: (w) => `${w} 이후 변경 사항`,
  atRisk: '위험',
  atRiskSince: (d) => `${d}부터 위험`,
  overdue: '주기가 지난 정례 약속',
  overdueDetail: (c, d) => `${c} 주기, 예정일 ${d}`,
  stale: (n) => `${n}일 넘게 기록 없음`,
  lastUpdate: (d) => `최종 갱신 ${d}`,
  neverUpdated: '채택 이후 갱신 없음',
  neverUpdatedDetail: (a) => `${a} 채택 이후 기록 없음`,
  nothingNeedsAttention: '이 날짜 기준 주의가 필요한 사항이 없습니다.',
  sidesDiffer: '양측 평가가 다른 사항',
  sidesDifferIntro: '양측 기록에 따른 최신 상태가 서로 다른 약속:',
  pillarHeading: (n, t) => `제${n}축: ${t}`,
  pillarProgress: (p, n) => `완료 ${p} · 이니셔티브 ${n}개`,
  thematicAreas: '주제 분야',
  initiatives: '이니셔티브',
  colId: 'ID',
  colTitle: '제목',
  colStatus: '상태',
  colLastUpdate: '최종 갱신',
  alsoPillar: (n) => `제${n}축에도 수록`,
  none: '없음',
  noInitiatives: '이니셔티브 없음.',
  latestNotes: '최근 기록',
  appendix: '부록: 출처',
  sourceDocument: '원문',
  adoptedLine: (d, by) => `채택: ${d}${by ? ` (${by})` : ''}`,
  statusesFrom: (d) => `상태는 ${d} 기준 각 이니셔티브의 날짜별 진행 기록에서 산출했습니다.`,
  untranslated: 'EN',
  status: {
    'not-started': '미착수',
    'in-progress': '진행 중',
    ongoing: '지속',
    'at-risk': '위험',
    completed: '완료',
    discontinued: '중단',
  },
  cadence: { annual: '연례', semiannual: '반기', quarterly: '분기', monthly: '월례', regular: '정례', continuing: '지속' },
  ogp: { 'not-started': '미착수', limited: '제한적', substantial: '상당', complete: '완료', withdrawn: '철회' },
  compliance: { full: '완전', partial: '부분', none: '미이행', score: '이행도' },
  diff: {
    heading: (f, t) => `${f}에서 ${t}까지의 변경 사항`,
    fromTo: (f, t) => `${f}부터 ${t}까지.`,
    colon: ': ',
    onlyPillar: (n) => `제${n}축에 수록된 이니셔티브만 표시.`,
    noChanges: '변경 사항 없음.',
    movedTo: (n, st) => `${n}건 '${st}'(으)로 변경`,
    sideChanges: (n) => `일방 평가 ${n}건 변경`,
    receivedNotes: (n) => `${n}건 새 기록`,
    lostNotes: (n) => `${n}건 기록 삭제`,
    added: (n) => `${n}건 추가`,
    removed: (n) => `${n}건 삭제`,
    edited: (n) => `${n}건 수정`,
    addedInitiative: (st, n) => ({ label: '추가', detail: `${st}, 기록 ${n}건` }),
    removedInitiative: (st) => ({ label: '삭제', detail: `이전 상태: ${st}` }),
    status: '상태',
    since: (d) => `${d}부터`,
    assessment: (p) => `${p} 측 평가`,
    notReported: '보고 없음',
    newNotes: (n) => `새 기록 ${n}건`,
    notesRemoved: (n) => `기록 ${n}건 삭제 또는 수정`,
    countOnly: '(점검 기록에는 기록의 수만 있고 내용은 없음)',
    editedLabel: '수정',
    was: (f) => `이전 ${f}`,
    now: (f) => `현재 ${f}`,
    field: {
      pillar: '축',
      alsoListedUnder: '중복 수록',
      title: '제목',
      text: '본문',
      kind: '유형',
      cadence: '주기',
      themes: '주제 분야',
      leads: '주관 부처',
      related: '관련 이니셔티브',
      translations: '번역',
    },
    pillarValue: (n) => `제${n}축`,
    source: {
      review: (n, d) => `점검 '${n}' (${d})`,
      date: (d) => `${d} 기준 계획`,
      revision: (r, c) => `리비전 ${r} (${c})`,
      worktree: (d) => `작업 사본 (${d} 기준)`,
    },
  },
};

export const MESSAGES: Record<ReportLang, Messages> = { en, fr, ko };
