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
  GW_ACTIVATION_CODE_INVALID: '激活码无效（有误、已使用、已被新码替代或已过期），请向村里的工作人员索取新的激活码',
  GW_WORKER_HAS_ACCOUNT: '该劳动力已有账号，请直接登录；忘记密码可通过手机验证码找回，或联系管理员',
  GW_CODE_INVALID: '验证码错误、已过期、已使用或已锁定，请重新获取',
  GW_CODE_REQUESTS_LIMITED: '获取验证码过于频繁，请按 Retry-After 所示时间后重试',
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
  REGISTRATION_REQUEST_DECIDED: '该登记申请已处理（已确认或已拒绝）',
  WORKER_FIELD_NOT_SELF_EDITABLE: '这些信息只能由村里的工作人员修改；手机号可以提交修改，由工作人员确认',
  WORKER_PENDING_CHANGE_DECIDED: '该修改申请已处理（已确认或已拒绝）',
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
  MATCHING_SAVED_SEARCH_LIMIT: '保存的搜索已达上限，请先删除一条',
  MATCHING_NOT_YET_KNOWN: '匹配服务正在同步登记数据，暂未收到该劳动力的信息，请按 Retry-After 所示时间后重试',
  PLACEMENT_APPLICATION_EXISTS: '该劳动力已申请此岗位',
  PLACEMENT_DESIGNATION_EXCEEDS_POSITIONS: '保留名额超过招聘人数',
  PLACEMENT_EMPLOYER_SUSPENDED: '企业已被暂停',
  PLACEMENT_FOLLOW_UP_NOT_DUE: '尚未到回访时间',
  PLACEMENT_FOLLOW_UP_RECORDED: '该次回访已记录',
  PLACEMENT_ILLEGAL_TRANSITION: '当前状态下不能进行此操作',
  PLACEMENT_NOT_IN_INTERVIEW: '申请处于面试阶段时才能安排面试',
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

/** The entities of `no <what> has this id` (gateway account links). */
const ENTITY_ZH: Record<string, string> = { worker: '劳动力', employer: '企业', officer: '工作人员', account: '账号' };

/** English field messages (the schema validator's and the platform's) and their Chinese. */
const FIELD_MESSAGES: MessageTable = [
  [/^is required$/, () => '必填'],
  [/^unknown field$/, () => '不认识的字段'],
  [/^malformed JSON$/, () => '不是有效的 JSON'],
  [/^invalid$/, () => '无效'],
  [/^is already registered$/, () => '已登记'],
  [/^only your village officer may change this$/, () => '只能由村里的工作人员修改'],
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
  // The messages services write themselves (services/*/src); a test scans the sources for them.
  [/^not a cursor this list issued$/, () => '不是本列表给出的游标'],
  [
    /^use 1 to 128 letters, digits, dots, colons, dashes or underscores$/,
    () => '须为 1 到 128 个字母、数字、点、冒号、短横线或下划线',
  ],
  [/^(?:is )?already registered$/, () => '已登记'],
  [/^is in the future$/, () => '晚于今天'],
  [
    /^is not a valid activation code \(wrong, used, replaced or expired\)$/,
    () => '不是有效的激活码（有误、已使用、已被替代或已过期）',
  ],
  [/^is in the future \(after (\d+)\)$/, (y) => `晚于今年（${y} 年）`],
  [/^is in the past$/, () => '早于今天'],
  [/^has passed$/, () => '已过期'],
  [/^is before 2000$/, () => '早于 2000 年'],
  [/^is before the start date (.*)$/, (d) => `早于上岗日期 ${d}`],
  [/^is before the application$/, () => '早于申请日期'],
  [/^is before the worker joined$/, () => '早于入会日期'],
  [/^is before the joining date$/, () => '早于入会日期'],
  [/^is before the party was founded$/, () => '早于建党日期（1921-07-01）'],
  [/^is before the union federation was founded$/, () => '早于中华全国总工会成立日期（1925-05-01）'],
  [/^must be a past date after (\d{4})$/, (y) => `须为 ${y} 年以后、今天以前的日期`],
  [/^must not be before startDate$/, () => '不能早于开始日期（startDate）'],
  [/^the closing date must not be before the start date$/, () => '截止日期不能早于开始日期'],
  [/^is not a known region code$/, () => '不是已知的区划代码'],
  [/^is not a known region code \(GB\/T 2260\)$/, () => '不是已知的区划代码（GB/T 2260）'],
  [
    /^is not a known region code \(GB\/T 2260, county level or finer\)$/,
    () => '不是已知的区划代码（GB/T 2260，须为县级或更细）',
  ],
  [/^is not a known village code(?: \(GB\/T 2260, 12 digits\))?$/, () => '不是已知的村代码（GB/T 2260，12 位）'],
  [/^is not a known township code$/, () => '不是已知的乡镇代码'],
  [/^is not a known village$/, () => '不是已知的村'],
  [/^not a village of the county \((.*)\)$/, (c) => `不是本县（${c}）的村`],
  [/^not a kind of notification \((.*)\)$/, (k) => `不是通知的种类（${k}）`],
  [/^(.*) is not a village of the federation's township (.*)$/, (v, t) => `${v} 不是联合会所在乡镇 ${t} 的村`],
  [/^the work group does not cover the worker's home village (.*)$/, (v) => `工作组不覆盖该劳动力的户籍村 ${v}`],
  [/^members of the group live in (.*)$/, (v) => `工作组有成员居住在 ${v}`],
  [/^household (.*) belongs to village (.*)$/, (h, v) => `户 ${h} 属于村 ${v}`],
  [/^the household has no registered member$/, () => '该户没有登记的劳动力'],
  [/^was already (confirmed|declined)$/, (s) => (s === 'confirmed' ? '已确认' : '已拒绝')],
  [/^is outside your villages$/, () => '不在您负责的村'],
  [/^is outside your townships$/, () => '不在您负责的乡镇'],
  [/^no such worker in your scope$/, () => '您的权限范围内没有这个劳动力'],
  [/^no such worker in your villages$/, () => '您负责的村没有这个劳动力'],
  [/^no such worker in this township$/, () => '本乡镇没有这个劳动力'],
  [/^no such employer$/, () => '没有这个企业'],
  [/^no such work group$/, () => '没有这个工作组'],
  [/^no such federation$/, () => '没有这个工会联合会'],
  [/^no (\w+) has this id$/, (w) => `没有此 ID 的${ENTITY_ZH[w] ?? w}`],
  [/^no party group of a village this work group covers$/, () => '不是本工作组覆盖村的党小组'],
  [/^not an opening of this employer$/, () => '不是本企业的岗位'],
  [/^unknown occupation code (.*)$/, (c) => `无法识别的工种代码 ${c}`],
  [/^unknown occupation (.*)$/, (c) => `无法识别的工种 ${c}`],
  [/^unknown skill code (.*)$/, (c) => `无法识别的技能代码 ${c}`],
  [/^each skill code may appear once$/, () => '每个技能代码只能出现一次'],
  [/^not a code, name or synonym in the skill taxonomy$/, () => '不是技能目录中的代码、名称或同义词'],
  [/^(?:must be |is )?one of (.*)$/, (v) => `须为以下之一：${v}`],
  [/^check character does not match \(GB 32100\)$/, () => '校验码不符（GB 32100）'],
  [
    /^must be 18 characters: 2 letters or digits, a 6-digit region code, 10 letters or digits \(no I, O, S, V, Z\)$/,
    () => '须为 18 位：2 位字母或数字、6 位区划代码、10 位字母或数字（不含 I、O、S、V、Z）',
  ],
  [/^wageMin must not exceed wageMax$/, () => '最低工资不能高于最高工资'],
  [/^must not be below the (\d+) already hired$/, (n) => `不能少于已录用的 ${n} 人`],
  [/^an open-ended contract has no length$/, () => '无固定期限合同不填期限'],
  [/^only verified employers may open openings$/, () => '只有通过审核的企业可以发布岗位'],
  [/^cannot move from (.*) to (.*)$/, (a, b) => `不能从 ${a} 变为 ${b}`],
  [/^invalid percent-encoding$/, () => '百分号编码无效'],
  [/^is not your current password$/, () => '不是您当前的密码'],
  [/^is wrong, expired, used or locked$/, () => '错误、已过期、已使用或已锁定'],
  [/^give a username or a phone, not both$/, () => '请填写用户名或手机号（二选一）'],
  [/^must be at least (\d+) characters$/, (n) => `至少 ${n} 个字符`],
  [/^is the published demo password; choose another$/, () => '是公开的演示密码，请另选一个'],
  [/^must not be the username$/, () => '不能与用户名相同'],
  [/^must differ from the current password$/, () => '不能与当前密码相同'],
  [/^only a worker account acts for a worker record$/, () => '只有劳动力账号才能对应劳动力记录'],
  [/^only an employer account acts for an employer$/, () => '只有企业账号才能对应企业'],
  [/^only an officer account serves regions$/, () => '只有工作人员账号才能负责区域'],
  [/^a worker account needs the worker record it is$/, () => '劳动力账号须对应其劳动力记录'],
  [/^an officer account needs at least one region$/, () => '工作人员账号至少负责一个区域'],
  [/^must be at least (\d+), the places already filled$/, (n) => `不能少于已上岗的 ${n} 人`],
  [/^at most (\d+)$/, (n) => `最多 ${n}`],
  [/^is required when referring a worker$/, () => '推荐劳动力时必填'],
  [/^a referral is made in your own name$/, () => '推荐须以您本人名义'],
  [/^only a hire has a start date$/, () => '只有录用才有上岗日期'],
  [/^only a hire has an agreed wage$/, () => '只有录用才有约定工资'],
  [/^only a move to interview sets an interview$/, () => '只有转入面试时才能填写面试安排'],
  [/^must be in the future$/, () => '须为将来的时间'],
  [/^the employer sets the interview$/, () => '面试由企业安排'],
  [/^ask for due or overdue follow-ups, not both$/, () => '请只选“到期”或“逾期”回访之一'],
  [/^only a follow-up reporting the worker left has a separation$/, () => '只有报告已离岗的回访才填写离岗信息'],
  [/^cannot exceed sessionsTotal$/, () => '不能超过总课时（sessionsTotal）'],
  [/^this course issues no certificate$/, () => '本课程不发证书'],
  [/^is recorded when the enrolment is completed$/, () => '结业时才录入'],
  [/^is required: the course issues (.*)$/, (c) => `必填：本课程颁发${c}`],
  [/^more than (\d+) rows$/, (n) => `超过 ${n} 行`],
  [/^too large$/, () => '过大'],
  [/^not a spreadsheet upload$/, () => '上传的不是表格'],
  [/^too many imports in flight for this account$/, () => '此账号正在进行的导入过多'],
  [/^required column is missing from the header row$/, () => '表头中缺少此必需的列'],
  [/^already has a federation$/, () => '已有工会联合会'],
  [/^is taken in this federation$/, () => '本联合会已有同名工作组'],
  [/^has an open membership$/, () => '已是工会会员'],
  [/^is held by another open membership$/, () => '已被其他会员使用'],
  [/^has no open membership$/, () => '不是工会会员'],
  [/^must be 17 digits followed by a digit or X$/, () => '须为 17 位数字加 1 位数字或 X'],
  [/^a member does not keep in touch with themselves$/, () => '联系人不能是本人'],
  [/^is required as evidence$/, () => '作为凭证必填'],
  [/^(.*) is computed from the ledgers, not declared$/, (i) => `${i} 由台账计算，不能申报`],
  [/^is one of (.*)$/, (v) => `须为以下之一：${v}`],
  [/^only a registered-poor \(建档立卡\) household leaves poverty$/, () => '只有建档立卡户才能登记脱贫'],
  [/^a worker reports income; an officer verifies it$/, () => '收入由劳动力申报、工作人员核实'],
  [/^name the township or village \(you serve several\)$/, () => '请写明乡镇或村（您负责多个）'],
  [/^officers record services as themselves$/, () => '工作人员只能以本人名义记录服务'],
  [/^names the department that delivered a family service$/, () => '家庭服务须写明提供服务的部门'],
  [/^check digit does not match \(GB 11643\)$/, () => '校验位不符（GB 11643）'],
  [/^the birth date inside it is not a real past date$/, () => '其中的出生日期不是真实的过去日期'],
  [/^the region code inside it is not a known region$/, () => '其中的区划代码不是已知区划'],
  [/^does not agree with the ID number(?: \((.*)\))?$/, (d) => (d ? `与身份证号不一致（${d}）` : '与身份证号不一致')],
  [/^must be an 11-digit mainland mobile number$/, () => '须为 11 位大陆手机号码'],
  [/^multipart body without a boundary$/, () => '表单缺少分隔符（boundary）'],
  [
    /^the form has no file part \(send the spreadsheet as the field "file"\)$/,
    () => '表单中没有文件（请以字段 file 上传表格）',
  ],
  [/^its ZIP directory is (missing|damaged)$/, (w) => (w === 'missing' ? 'ZIP 目录缺失' : 'ZIP 目录已损坏')],
  [/^ZIP64 archives are not accepted; save as a plain xlsx$/, () => '不接受 ZIP64 文件，请另存为普通 xlsx'],
  [/^the workbook holds (\d+) entries; at most (\d+) are accepted$/, (n, m) => `表格含 ${n} 个条目，最多接受 ${m} 个`],
  [/^entry (.*) is encrypted$/, (e) => `条目 ${e} 已加密`],
  [/^entry (.*) unpacks to more than the (\d+) bytes it declares$/, (e, n) => `条目 ${e} 解压后超过其声明的 ${n} 字节`],
  [/^entry (.*) unpacks to fewer bytes than it declares$/, (e) => `条目 ${e} 解压后少于其声明的字节数`],
  [/^entry (.*) unpacks to more than (\d+) MiB$/, (e, n) => `条目 ${e} 解压后超过 ${n} MiB`],
  [/^the workbook unpacks to more than (\d+) MiB$/, (n) => `表格解压后超过 ${n} MiB`],
  [
    /^entry (.*) is compressed more than (\d+):1, which no real sheet is$/,
    (e, n) => `条目 ${e} 压缩比超过 ${n}:1，不是正常的表格`,
  ],
  [/^entry (.*) is missing$/, (e) => `条目 ${e} 缺失`],
  [/^entry (.*) is cut short$/, (e) => `条目 ${e} 不完整`],
  [/^entry (.*) uses an unsupported compression method$/, (e) => `条目 ${e} 使用了不支持的压缩方式`],
  [/^an entry does not inflate \((.*)\)$/, (m) => `有条目无法解压（${m}）`],
];

/** Message templates: the first pattern a message matches renders it from its captured values. */
export type MessageTable = readonly [RegExp, (...values: string[]) => string][];

/** The message rendered by the first template of `table` it matches; `otherwise` when none does. */
export function renderMessage(table: MessageTable, message: string, otherwise: (message: string) => string): string {
  for (const [pattern, render] of table) {
    const m = pattern.exec(message);
    if (m) return render(...m.slice(1));
  }
  return otherwise(message);
}

/** A field message in Chinese: Chinese messages stay; English ones without a template stay English. */
export function fieldMessageZh(message: string): string {
  return renderMessage(FIELD_MESSAGES, message, (m) => m);
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
