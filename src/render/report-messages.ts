/**
 * The words of the brief (csp report's at-a-glance page, pillar sections and
 * annex), one label per concept per language. English is the reference;
 * French and Korean follow it key by key. French typography: a no-break
 * space before ':', ';', '?', '!' and inside « ».
 */
import type { Trend } from '../core/measures.js';
import { PLAN_EVENT_KIND_LABELS, type PlanEventKind, type ReportLang } from '../core/vocabulary.js';

export interface BriefMessages {
  atAGlance: string;
  /** The first page's section naming plan files with errors, and what it says about them. */
  dataProblems: string;
  dataProblemsIntro: string;
  /** The heading of the plan's events: to the report's date, or since the review it compares with. */
  eventsTo(date: string): string;
  eventsSince(date: string): string;
  /** What an event of the plan was (plan.yaml `events`: kind), and the label of its n-th source link. */
  eventKind: Record<PlanEventKind, string>;
  source(n: number): string;
  /** "progress to DATE · plan at REVISION" (the running footer). */
  footer(asOf: string, revision?: string): string;
  uncommitted: string;
  commitments(n: number): string;
  statusByPillar: string;
  trendChart: string;
  trend: Record<Trend, string>;
  /** A one-character mark per trend, for tables. */
  trendMark: Record<Trend, string>;
  sinceReview(label: string, date: string): string;
  noPreviousReview(adopted: string): string;
  freshness(updated: number, expected: number, pct: string, since: string): string;
  cadenceLine(o: { recurring: number; fixed: number; held: number; expected: number; overdue: number }): string;
  highlights: string;
  noHighlights: string;
  forAttention: string;
  nothingForAttention: string;
  staleSummary(n: number, days: number, never: number): string;
  overdueBy(days: number): string;
  days(n: number): string;
  dueOn(date: string): string;
  sinceDate(date: string): string;
  recentNotes: string;
  concerns: string;
  fullTextInAnnex: string;
  annex: string;
  allCommitments: string;
  recurringCommitments: string;
  progressNotes: string;
  sourceAndMethod: string;
  colCommitment: string;
  colPillar: string;
  colKind: string;
  colTrend: string;
  colSince: string;
  colNotes: string;
  colCadence: string;
  colHeld: string;
  colLastHeld: string;
  colNextDue: string;
  colOverdueBy: string;
  heldOf(held: number, expected: number): string;
  kind: Record<'recurring' | 'deliverable' | 'exploratory', string>;
  /** How the chosen scale is explained in the annex. */
  scaleNote: Record<'status' | 'ogp' | 'compliance', string>;
  cadenceMethod: string;
  planAt(revision: string): string;
  /** The label of a list item: "At risk (2)". */
  counted(label: string, n: number): string;
  /** What follows a label: ": " (" : " with a no-break space in French). */
  colon: string;
  /** Between items of a run-in list: "; " (" ; " in French). */
  semicolon: string;
}

const en: BriefMessages = {
  atAGlance: 'At a glance',
  dataProblems: 'Data problems',
  dataProblemsIntro:
    "These plan files have errors. The report is drawn from every file that could be read and leaves out what these files hold that could not be read; 'csp validate' lists each problem.",
  eventsTo: (d) => `Events of the plan as a whole, to ${d}`,
  eventsSince: (d) => `Events of the plan as a whole since ${d}`,
  eventKind: PLAN_EVENT_KIND_LABELS,
  source: (n) => `source ${n}`,
  footer: (d, r) => `progress to ${d}${r ? ` · plan at ${r}` : ''}`,
  uncommitted: 'with uncommitted changes',
  commitments: (n) => `${n} commitment${n === 1 ? '' : 's'}`,
  statusByPillar: 'Status by pillar',
  trendChart: 'Trend since the previous review',
  trend: { improved: 'improved', regressed: 'regressed', unchanged: 'unchanged', new: 'new' },
  trendMark: { improved: '↑', regressed: '↓', unchanged: '→', new: '+' },
  sinceReview: (l, d) => `Since ${l} (${d})`,
  noPreviousReview: (a) => `There is no earlier review to compare with; the period runs from adoption (${a}).`,
  freshness: (u, e, p, s) => `Evidence: ${u} of ${e} open commitments (${p}) have a progress note dated after ${s}.`,
  cadenceLine: (o) =>
    `Recurring commitments: ${o.recurring}${o.fixed ? `; ${o.fixed} with a fixed cadence, held in ${o.held} of ${o.expected} periods since adoption${o.overdue ? `, ${o.overdue} overdue` : ''}` : '; none has a fixed cadence'}.`,
  highlights: 'Highlights of the period',
  noHighlights: 'No commitment changed status in this period.',
  forAttention: 'For the dialogue’s attention',
  nothingForAttention: 'Nothing needs the dialogue’s attention as of this date.',
  staleSummary: (n, d, never) => `${n} without a note for over ${d} days${never ? ` (${never} with none since adoption)` : ''}`,
  overdueBy: (d) => `${d} days overdue`,
  days: (n) => `${n} day${n === 1 ? '' : 's'}`,
  dueOn: (d) => `due ${d}`,
  sinceDate: (d) => `since ${d}`,
  recentNotes: 'Latest notes',
  concerns: 'Concerns',
  fullTextInAnnex: 'full text in the annex',
  annex: 'Annex',
  allCommitments: 'All commitments',
  recurringCommitments: 'Recurring commitments',
  progressNotes: 'Progress notes',
  sourceAndMethod: 'Source and method',
  colCommitment: 'Commitment',
  colPillar: 'Pillar',
  colKind: 'Kind',
  colTrend: 'Trend',
  colSince: 'Since',
  colNotes: 'Notes',
  colCadence: 'Cadence',
  colHeld: 'Held',
  colLastHeld: 'Last held',
  colNextDue: 'Next due',
  colOverdueBy: 'Overdue by',
  heldOf: (h, e) => `${h} of ${e}`,
  kind: { recurring: 'recurring', deliverable: 'deliverable', exploratory: 'exploratory' },
  scaleNote: {
    status: 'Statuses are csp’s: not started, in progress, ongoing (a recurring or continuing commitment carried out as planned), at risk, completed, discontinued.',
    ogp: 'Statuses are shown on the Open Government Partnership completion scale: not started; limited (in progress or at risk); substantial (ongoing); complete; withdrawn (discontinued).',
    compliance: 'Statuses are shown as compliance scores: +1 full (completed, ongoing), 0 partial (in progress, at risk), −1 none (not started, discontinued).',
  },
  cadenceMethod:
    'A recurring commitment’s periods are counted from adoption; a period counts as held when the commitment has a progress note dated in it. The trend compares each status with the previous review: discontinued < at risk < not started < in progress < ongoing < completed.',
  planAt: (r) => `The plan as committed at ${r}.`,
  counted: (l, n) => `${l} (${n})`,
  colon: ': ',
  semicolon: '; ',
};

const NB = '\u00a0';

const fr: BriefMessages = {
  atAGlance: 'En un coup d’œil',
  dataProblems: 'Problèmes de données',
  dataProblemsIntro:
    'Ces fichiers du plan contiennent des erreurs. Le rapport est établi à partir de tous les fichiers lisibles et laisse de côté ce que ces fichiers contiennent d’illisible ; « csp validate » indique chaque problème.',
  eventsTo: (d) => `Événements du plan dans son ensemble, au ${d}`,
  eventsSince: (d) => `Événements du plan dans son ensemble depuis le ${d}`,
  eventKind: { leaders: 'dirigeants', ministerial: 'ministres', officials: 'hauts fonctionnaires', review: 'examen', decision: 'décision', agreement: 'accord' },
  source: (n) => `source ${n}`,
  footer: (d, r) => `avancement au ${d}${r ? ` · plan à la révision ${r}` : ''}`,
  uncommitted: 'avec des modifications non validées',
  commitments: (n) => `${n} engagement${n === 1 ? '' : 's'}`,
  statusByPillar: 'État par pilier',
  trendChart: 'Évolution depuis l’examen précédent',
  trend: { improved: 'progression', regressed: 'recul', unchanged: 'inchangé', new: 'nouveau' },
  trendMark: { improved: '↑', regressed: '↓', unchanged: '→', new: '+' },
  sinceReview: (l, d) => `Depuis ${l} (${d})`,
  noPreviousReview: (a) => `Aucun examen antérieur pour comparer${NB}; la période court depuis l’adoption (${a}).`,
  freshness: (u, e, p, s) => `Données${NB}: ${u} des ${e} engagements en cours (${p}) ont une note d’avancement postérieure au ${s}.`,
  cadenceLine: (o) =>
    `Engagements récurrents${NB}: ${o.recurring}${o.fixed ? `${NB}; ${o.fixed} à fréquence fixe, tenus dans ${o.held} des ${o.expected} périodes depuis l’adoption${o.overdue ? `, ${o.overdue} en retard` : ''}` : `${NB}; aucun n’a de fréquence fixe`}.`,
  highlights: 'Faits saillants de la période',
  noHighlights: 'Aucun engagement n’a changé d’état pendant la période.',
  forAttention: 'À l’attention du dialogue',
  nothingForAttention: 'Aucun point à soumettre au dialogue à cette date.',
  staleSummary: (n, d, never) => `${n} sans note depuis plus de ${d}${NB}jours${never ? ` (${never} sans aucune note depuis l’adoption)` : ''}`,
  overdueBy: (d) => `${d}${NB}jours de retard`,
  days: (n) => `${n}${NB}jour${n === 1 ? '' : 's'}`,
  dueOn: (d) => `prévu le ${d}`,
  sinceDate: (d) => `depuis le ${d}`,
  recentNotes: 'Notes récentes',
  concerns: 'Préoccupations',
  fullTextInAnnex: 'texte intégral en annexe',
  annex: 'Annexe',
  allCommitments: 'Tous les engagements',
  recurringCommitments: 'Engagements récurrents',
  progressNotes: 'Notes d’avancement',
  sourceAndMethod: 'Source et méthode',
  colCommitment: 'Engagement',
  colPillar: 'Pilier',
  colKind: 'Type',
  colTrend: 'Évolution',
  colSince: 'Depuis',
  colNotes: 'Notes',
  colCadence: 'Fréquence',
  colHeld: 'Tenus',
  colLastHeld: 'Dernière tenue',
  colNextDue: 'Prochaine échéance',
  colOverdueBy: 'Retard',
  heldOf: (h, e) => `${h} sur ${e}`,
  kind: { recurring: 'récurrent', deliverable: 'livrable', exploratory: 'exploratoire' },
  scaleNote: {
    status: `États de csp${NB}: non commencée, en cours, continue (engagement récurrent ou permanent mené comme prévu), à risque, réalisée, abandonnée.`,
    ogp: `États exprimés sur l’échelle d’achèvement du Partenariat pour un gouvernement ouvert${NB}: non commencé${NB}; limité (en cours ou à risque)${NB}; substantiel (continue)${NB}; complet${NB}; retiré (abandonnée).`,
    compliance: `États exprimés en notes de conformité${NB}: +1 pleine (réalisée, continue), 0 partielle (en cours, à risque), −1 nulle (non commencée, abandonnée).`,
  },
  cadenceMethod: `Les périodes d’un engagement récurrent sont comptées depuis l’adoption${NB}; une période est tenue lorsqu’une note d’avancement y est datée. L’évolution compare chaque état à celui de l’examen précédent${NB}: abandonnée < à risque < non commencée < en cours < continue < réalisée.`,
  planAt: (r) => `Le plan tel que validé à la révision ${r}.`,
  counted: (l, n) => `${l} (${n})`,
  colon: `${NB}: `,
  semicolon: `${NB}; `,
};

const ko: BriefMessages = {
  atAGlance: '한눈에 보기',
  dataProblems: '데이터 문제',
  dataProblemsIntro:
    "다음 계획 파일에 오류가 있습니다. 이 보고서는 읽을 수 있는 모든 파일을 바탕으로 작성되었으며, 이 파일들에서 읽을 수 없었던 내용은 빠져 있습니다. 각 문제는 'csp validate'로 확인할 수 있습니다.",
  eventsTo: (d) => `계획 전체의 주요 일정 (${d}까지)`,
  eventsSince: (d) => `계획 전체의 주요 일정 (${d} 이후)`,
  eventKind: { leaders: '정상', ministerial: '장관', officials: '고위 관리', review: '검토', decision: '결정', agreement: '협정' },
  source: (n) => `출처 ${n}`,
  footer: (d, r) => `${d} 기준 진행 상황${r ? ` · 계획 리비전 ${r}` : ''}`,
  uncommitted: '커밋되지 않은 변경 포함',
  commitments: (n) => `약속 ${n}건`,
  statusByPillar: '축별 상태',
  trendChart: '지난 점검 이후 추이',
  trend: { improved: '개선', regressed: '후퇴', unchanged: '변동 없음', new: '신규' },
  trendMark: { improved: '↑', regressed: '↓', unchanged: '→', new: '+' },
  sinceReview: (l, d) => `${l}(${d}) 이후`,
  noPreviousReview: (a) => `비교할 이전 점검이 없어 채택일(${a})부터의 기간을 봅니다.`,
  freshness: (u, e, p, s) => `근거: 진행 중인 약속 ${e}건 중 ${u}건(${p})에 ${s} 이후 진행 기록이 있습니다.`,
  cadenceLine: (o) =>
    `정례 약속: ${o.recurring}건${o.fixed ? `; 주기가 정해진 ${o.fixed}건은 채택 이후 ${o.expected}개 주기 중 ${o.held}개 주기에 이행${o.overdue ? `, ${o.overdue}건 지연` : ''}` : '; 주기가 정해진 약속 없음'}.`,
  highlights: '이번 기간의 주요 성과',
  noHighlights: '이번 기간에 상태가 바뀐 약속이 없습니다.',
  forAttention: '전략대화 논의 사항',
  nothingForAttention: '이 날짜 기준 전략대화에서 다룰 사항이 없습니다.',
  staleSummary: (n, d, never) => `${d}일 넘게 기록 없음 ${n}건${never ? ` (채택 이후 기록 없음 ${never}건)` : ''}`,
  overdueBy: (d) => `${d}일 지연`,
  days: (n) => `${n}일`,
  dueOn: (d) => `예정일 ${d}`,
  sinceDate: (d) => `${d}부터`,
  recentNotes: '최근 기록',
  concerns: '우려 사항',
  fullTextInAnnex: '전문은 부록 참조',
  annex: '부록',
  allCommitments: '전체 약속',
  recurringCommitments: '정례 약속',
  progressNotes: '진행 기록',
  sourceAndMethod: '출처 및 방법',
  colCommitment: '약속',
  colPillar: '축',
  colKind: '유형',
  colTrend: '추이',
  colSince: '기준일',
  colNotes: '기록',
  colCadence: '주기',
  colHeld: '이행',
  colLastHeld: '최근 이행',
  colNextDue: '다음 예정일',
  colOverdueBy: '지연',
  heldOf: (h, e) => `${e}회 중 ${h}회`,
  kind: { recurring: '정례', deliverable: '성과물', exploratory: '검토' },
  scaleNote: {
    status: 'csp 상태: 미착수, 진행 중, 지속(계획대로 수행 중인 정례·지속 약속), 위험, 완료, 중단.',
    ogp: '열린정부파트너십(OGP) 이행 척도로 표시: 미착수; 제한적(진행 중 또는 위험); 상당(지속); 완료; 철회(중단).',
    compliance: '이행도 점수로 표시: +1 완전(완료, 지속), 0 부분(진행 중, 위험), −1 미이행(미착수, 중단).',
  },
  cadenceMethod:
    '정례 약속의 주기는 채택일부터 계산하며, 그 주기 안에 날짜가 있는 진행 기록이 있으면 이행한 것으로 봅니다. 추이는 각 상태를 이전 점검과 비교합니다: 중단 < 위험 < 미착수 < 진행 중 < 지속 < 완료.',
  planAt: (r) => `리비전 ${r}에 커밋된 계획.`,
  counted: (l, n) => `${l} (${n}건)`,
  colon: ': ',
  semicolon: '; ',
};

export const BRIEF_MESSAGES: Record<ReportLang, BriefMessages> = { en, fr, ko };
