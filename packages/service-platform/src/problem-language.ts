import type { FastifyRequest } from 'fastify';
import type { FieldError } from './errors.ts';

/**
 * The language of problem answers (ADR 0012): Chinese unless the request's `Accept-Language`
 * puts English first. Codes, types, statuses and field names never change with it.
 */
export type ProblemLanguage = 'zh' | 'en';

export function problemLanguage(request: Pick<FastifyRequest, 'headers'>): ProblemLanguage {
  const header = request.headers['accept-language'];
  const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}

const TITLES: Record<number, string> = {
  400: '请求有误',
  401: '需要登录',
  403: '无权访问',
  404: '未找到',
  409: '冲突',
  413: '内容过大',
  415: '不支持的内容类型',
  422: '无法处理',
  429: '请求过多',
  500: '内部错误',
  502: '上游服务出错',
  503: '服务暂不可用',
  504: '上游服务超时',
};

const CODE_TITLES: Record<string, string> = {
  VALIDATION_FAILED: '填写有误',
  MALFORMED_JSON: '请求内容不是有效的 JSON',
};

/** The Chinese detail of each code; codes with field errors list those instead when this is absent. */
const DETAILS: Record<string, string> = {
  AUTH_REQUIRED: '请先登录（需要有效的访问令牌）',
  FORBIDDEN: '超出您的权限范围',
  NOT_FOUND: '该记录不存在，或不在您的权限范围内',
  ROUTE_NOT_FOUND: '没有这个接口地址',
  MALFORMED_URL: '地址格式有误',
  MALFORMED_JSON: '请求内容不是有效的 JSON',
  BODY_TOO_LARGE: '请求内容超过此接口允许的大小',
  UNSUPPORTED_MEDIA_TYPE: '不支持此内容类型，请发送 application/json（导入请上传 xlsx/csv 表格）',
  RATE_LIMITED: '请求过于频繁，请按 Retry-After 所示时间后重试',
  OVERLOADED: '服务繁忙，请稍后重试',
  SERVICE_UNAVAILABLE: '服务暂不可用，请稍后重试',
  INTERNAL: '发生了意外错误，已记录',
  BAD_REQUEST: '请求有误',
  IDEMPOTENCY_IN_PROGRESS: '使用相同幂等键的请求仍在处理中，请稍后重试',
  IDEMPOTENCY_KEY_REUSED: '该幂等键已用于内容不同的请求',
  ILLEGAL_TRANSITION: '当前状态下不能进行此操作',
  BAD_CREDENTIALS: '用户名或密码错误',
  WRONG_PASSWORD: '当前密码错误',
  WEAK_PASSWORD: '密码强度不够',
  USERNAME_TAKEN: '该用户名已被使用',
  CANNOT_DISABLE_SELF: '不能停用自己的账号',
  EMPLOYER_ACCOUNT_ALREADY_LINKED: '该企业已关联账号',
  UNKNOWN_EMPLOYER: '没有这个企业',
  UNKNOWN_WORKER: '没有这个劳动力',
  WORKER_ALREADY_REGISTERED: '该身份证号已登记',
  INCOME_MONTH_CONFLICT: '该月份的收入被同时录入，请重试',
  PARTY_GROUP_EXISTS: '本村已有同名党小组',
  ALREADY_A_MEMBER: '该劳动力已是党小组成员',
  IMPORT_UNREADABLE_FILE: '无法读取文件：不是 xlsx/csv 表格、文件已损坏、为空或没有表头',
  IMPORT_MISSING_COLUMNS: '缺少必需的列，请从模板开始填写',
  IMPORT_BAD_UPLOAD: '上传内容中没有文件（字段 file）',
  IMPORT_TOO_LARGE: '文件过大，请拆分后导入',
  IMPORT_TOO_MANY_ROWS: '行数过多，请拆分后导入',
  IMPORT_UNZIPPED_TOO_LARGE: '表格解压后过大，请重新保存或拆分后导入',
  IMPORT_BUSY: '您已有导入正在进行，请等待完成后再导入',
  IMPORT_INVALID_ROWS: '部分行有误，未写入任何数据；请改正后重新导入，或选择只导入正确的行',
  IMPORT_CONFLICT: '核对期间文件中的劳动力被修改或登记，请重新导入',
  UNION_FEDERATION_EXISTS: '该乡镇已有工会联合会',
  UNION_WORK_GROUP_EXISTS: '该联合会已有同名工作组',
  UNION_VILLAGE_OUTSIDE_TOWNSHIP: '工作组覆盖的村不在联合会所在乡镇',
  UNION_VILLAGE_NOT_COVERED: '该劳动力的户籍村不在此工作组覆盖范围内',
  UNION_ALREADY_A_MEMBER: '该劳动力已是工会会员，请先登记退会',
  UNION_MEMBERSHIP_NO_TAKEN: '该会员证号已被使用',
  UNION_NOT_A_MEMBER: '该劳动力不是工会会员',
  QIYOU_COMPUTED_ITEM: '此项“七有”由系统计算，请录入相应台账',
  QIYOU_EVIDENCE_REQUIRED: '“七有”申报需填写日期、说明和凭证编号',
  HOUSEHOLD_OTHER_VILLAGE: '该户号的成员居住在其他村',
  HOUSEHOLD_WITHOUT_MEMBERS: '该户已无登记的劳动力，仅保留历史记录',
  EMPLOYER_ALREADY_REGISTERED: '该统一社会信用代码已登记',
  EMPLOYER_ILLEGAL_TRANSITION: '企业当前状态下不能进行此操作',
  EMPLOYER_NOT_VERIFIED: '企业尚未通过审核',
  EMPLOYER_SUSPENDED: '企业已被暂停',
  OPENING_CLOSED: '该岗位已关闭',
  OPENING_FULL: '该岗位已招满',
  OPENING_NOT_OPEN: '该岗位未在招聘',
  OPENING_ILLEGAL_TRANSITION: '岗位当前状态下不能进行此操作',
  OPENING_PAST_CLOSING: '已过岗位截止日期',
  OPENING_RESERVED_FOR_POOR: '该岗位专为脱贫（监测）户劳动力保留',
  APPLICATION_EXISTS: '该劳动力已申请此岗位',
  FOLLOW_UP_NOT_DUE: '尚未到回访时间',
  FOLLOW_UP_RECORDED: '该次回访已记录',
  PLACEMENT_APPLICATION_EXISTS: '该劳动力已申请此岗位',
  PLACEMENT_DESIGNATION_EXCEEDS_POSITIONS: '保留名额超过招聘人数',
  PLACEMENT_EMPLOYER_SUSPENDED: '企业已被暂停',
  PLACEMENT_FOLLOW_UP_NOT_DUE: '尚未到回访时间',
  PLACEMENT_FOLLOW_UP_RECORDED: '该次回访已记录',
  PLACEMENT_ILLEGAL_TRANSITION: '当前状态下不能进行此操作',
  PLACEMENT_OPENING_CLOSED: '该岗位已关闭',
  PLACEMENT_OPENING_FULL: '该岗位已招满',
  PLACEMENT_OPENING_NOT_OPEN: '该岗位未在招聘',
  PLACEMENT_OPENING_RESERVED_FOR_POOR: '该岗位专为脱贫（监测）户劳动力保留',
  PLACEMENT_QUOTA_BELOW_FILLED: '招聘人数不能少于已上岗人数',
  PLACEMENT_SEPARATED: '该劳动力已离岗',
  TRAINING_ALREADY_ENROLLED: '该劳动力已报名此培训班',
  TRAINING_BATCH_FULL: '培训班已满',
  TRAINING_BATCH_NOT_ENROLLING: '培训班未在报名',
  TRAINING_BATCH_NOT_UPCOMING: '培训班已开班，不能修改',
  TRAINING_BATCH_OUT_OF_SCOPE: '培训班不在您的权限范围内',
  TRAINING_CAPACITY_BELOW_ENROLLED: '培训班容量不能少于已报名人数',
  TRAINING_ILLEGAL_TRANSITION: '培训班当前状态下不能进行此操作',
  TRAINING_WORKER_UNKNOWN: '没有这个劳动力',
};

const HAN = /\p{Script=Han}/u;

/** English field messages (the schema validator's and the platform's) and their Chinese. */
const FIELD_MESSAGES: [RegExp, (...m: string[]) => string][] = [
  [/^is required$/, () => '必填'],
  [/^unknown field$/, () => '不认识的字段'],
  [/^malformed JSON$/, () => '不是有效的 JSON'],
  [/^invalid$/, () => '无效'],
  [/^is already registered$/, () => '已登记'],
  [/^must be one of: (.*)$/, (v) => `须为以下之一：${v}`],
  [/^must NOT have fewer than (\d+) (?:characters|items)$/, (n) => `至少 ${n} 个`],
  [/^must NOT have more than (\d+) (?:characters|items)$/, (n) => `最多 ${n} 个`],
  [/^must NOT have more than (\d+) properties$/, (n) => `最多 ${n} 项`],
  [/^must NOT have additional properties$/, () => '不认识的字段'],
  [/^must match pattern "(.*)"$/, (p) => `格式不对（须符合 ${p}）`],
  [/^must match format "(.*)"$/, (f) => `格式不对（须为 ${f}）`],
  [/^must be (string|number|integer|boolean|array|object|null)$/, (t) => `类型不对（须为 ${t}）`],
  [
    /^must be ([<>]=?) (-?[\d.]+)$/,
    (op, n) => `须${op === '>=' ? '不小于' : op === '>' ? '大于' : op === '<=' ? '不大于' : '小于'} ${n}`,
  ],
  [/^must be equal to one of the allowed values$/, () => '不是允许的取值'],
  [/^must be equal to constant$/, () => '不是允许的取值'],
  [/^must NOT have duplicate items.*$/, () => '不能有重复项'],
  [/^must be multiple of (.*)$/, (n) => `须为 ${n} 的倍数`],
  [/^must match a schema in anyOf$/, () => '不是允许的取值'],
  [/^must not contain a NUL character$/, () => '不能含有 NUL 字符'],
  [/^must be well-formed Unicode text$/, () => '须为完整的 Unicode 文本'],
];

/** A field message in Chinese: Chinese messages stay; English ones without a template stay English. */
export function fieldMessageZh(message: string): string {
  if (HAN.test(message)) return message;
  for (const [pattern, render] of FIELD_MESSAGES) {
    const m = pattern.exec(message);
    if (m) return render(...m.slice(1));
  }
  return message;
}

export interface ProblemText {
  code: string;
  status: number;
  title: string;
  detail?: string;
  errors?: FieldError[];
}

/**
 * The title, detail and field messages of a problem in the answer's language. English is what the
 * ProblemError carries; Chinese comes from the tables above, or the English when a code has none.
 */
export function localizeProblem(problem: ProblemText, language: ProblemLanguage): ProblemText {
  if (language === 'en') return problem;
  const errors = problem.errors?.map((e) => ({ field: e.field, message: fieldMessageZh(e.message) }));
  const title = CODE_TITLES[problem.code] ?? TITLES[problem.status] ?? problem.title;
  let detail = DETAILS[problem.code];
  if (detail === undefined && errors?.length) detail = errors.map((e) => `${e.field}：${e.message}`).join('；');
  if (detail === undefined) detail = problem.detail;
  return { ...problem, title, ...(detail === undefined ? {} : { detail }), ...(errors ? { errors } : {}) };
}
