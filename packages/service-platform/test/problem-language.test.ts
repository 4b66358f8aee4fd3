import t from 'tap';
import { fieldMessageZh, localizeProblem } from '../src/index.ts';
import { isRowSource, messageLiterals } from './message-literals.ts';

const HAN = /\p{Script=Han}/u;

t.test('every field message the services write has a Chinese rendering', async (t) => {
  const messages = messageLiterals().filter((m) => !isRowSource(m.file));
  t.ok(messages.length > 100, `found ${messages.length} field messages in the sources`);
  const untranslated = messages.filter((m) => !HAN.test(fieldMessageZh(m.message)));
  t.same(
    untranslated.map((m) => `${m.file}: ${m.message}`),
    [],
    'each needs a template in problem-language.ts (FIELD_MESSAGES)',
  );
});

t.test('field messages keep the values they name', async (t) => {
  t.equal(fieldMessageZh('is in the future'), '晚于今天');
  t.equal(fieldMessageZh('is required as evidence'), '作为凭证必填');
  t.equal(fieldMessageZh('has an open membership'), '已是工会会员');
  t.equal(
    fieldMessageZh("520181101001 is not a village of the federation's township 520181101"),
    '520181101001 不是联合会所在乡镇 520181101 的村',
  );
  t.equal(fieldMessageZh('must be at least 3, the places already filled'), '不能少于已上岗的 3 人');
  t.equal(fieldMessageZh('cannot move from pending to closed'), '不能从 pending 变为 closed');
  t.equal(fieldMessageZh('no worker has this id'), '没有此 ID 的劳动力');
  t.equal(fieldMessageZh('only a registered-poor (建档立卡) household leaves poverty'), '只有建档立卡户才能登记脱贫');
  t.equal(fieldMessageZh('已是中文的说明'), '已是中文的说明', 'a message already in Chinese stays');
  t.equal(fieldMessageZh('an unheard-of message'), 'an unheard-of message', 'a message without a template stays');
});

t.test('a problem is Chinese by default and as raised in English', async (t) => {
  const problem = {
    code: 'VALIDATION_FAILED',
    status: 400,
    title: 'Validation failed',
    detail: 'separatedAt: is in the future',
    errors: [{ field: 'separatedAt', message: 'is in the future' }],
  };
  const zh = localizeProblem(problem, 'zh');
  t.equal(zh.title, '填写有误');
  t.equal(zh.detail, 'separatedAt：晚于今天');
  t.same(zh.errors, [{ field: 'separatedAt', message: '晚于今天' }]);
  t.equal(zh.code, 'VALIDATION_FAILED');
  t.same(localizeProblem(problem, 'en'), problem);
});
