import t from 'tap';
import { loggableUrl, maskPersonalNumbers } from '../src/index.ts';

t.test('ID numbers and phones are masked in any text, even after a %20', async (t) => {
  t.equal(maskPersonalNumbers('id 140723199005173214 end'), 'id 140723********3214 end');
  t.equal(maskPersonalNumbers('14072319900517321x'), '140723********321x');
  t.equal(maskPersonalNumbers('q=140723%2013912345678'), 'q=140723%20139****5678');
  t.equal(maskPersonalNumbers('tel +8613912345678'), 'tel 139****5678');
  t.equal(maskPersonalNumbers('{"time":1796070705822}'), '{"time":1796070705822}', 'a timestamp is not a phone');
});

t.test('a logged URL keeps its path and harmless query values', async (t) => {
  t.equal(loggableUrl('/api/v1/workers?q=140723199005173214&limit=5'), '/api/v1/workers?q=[redacted]&limit=5');
  t.equal(loggableUrl('/api/v1/x?phone=139%2012345678'), '/api/v1/x?phone=[redacted]');
  t.equal(loggableUrl('/api/v1/workers/140723199005173214'), '/api/v1/workers/140723********3214');
  t.equal(loggableUrl('/health'), '/health');
  t.equal(loggableUrl('/a?q=%E0%A4%A'), '/a?q=[redacted]', 'an undecodable value does not throw');
});
