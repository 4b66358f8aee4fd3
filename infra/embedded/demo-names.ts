const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN_MALE = [
  '建国',
  '志强',
  '海军',
  '永平',
  '红军',
  '立新',
  '国庆',
  '小龙',
  '文斌',
  '俊杰',
  '鹏',
  '磊',
  '强',
  '伟',
  '军',
  '勇',
  '斌',
  '浩',
  '宇',
  '杰',
];
const GIVEN_FEMALE = [
  '秀英',
  '桂兰',
  '玉梅',
  '丽娟',
  '春花',
  '晓燕',
  '红梅',
  '美玲',
  '芳',
  '娟',
  '敏',
  '静',
  '丽',
  '艳',
  '霞',
  '婷',
  '雪',
  '琳',
  '慧',
  '萍',
];

/** A deterministic, plausible Chinese name for demo record `i`. */
export function demoName(i: number, gender: 'male' | 'female'): string {
  const surname = SURNAMES[(i * 7) % SURNAMES.length]!;
  const given = gender === 'male' ? GIVEN_MALE : GIVEN_FEMALE;
  return surname + given[(i * 13) % given.length]!;
}
