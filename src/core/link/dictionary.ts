/**
 * The preset dictionary of link format 1: text that most instruments contain (the keys of the
 * instrument format in the order parseInstrument writes them, the item types, Likert and yes/no
 * labels in English, Russian and Kazakh). Deflate can refer back into it from the first byte, which
 * saves a fifth to a third of a small study's link (measured on the XLSForm fixtures, docs/links.md)
 * and so lets more studies fit in a QR code.
 *
 * NEVER CHANGE THIS TEXT: every link of format 1 is compressed against it byte for byte, and a
 * different dictionary turns old links into garbage (their checksum then refuses them). A better
 * dictionary is a new link format (a new version character) with its own constant; the test
 * `test/core/link/payload.test.ts` pins the dictionary's CRC-32.
 * Deflate finds near matches more cheaply than far ones, so the most frequent text comes last.
 */
export const DICTIONARY_V1: string = [
  '{"version":1,"id":"","studyVersion":"1","title":{"en":"","ru":"","kk":""},"description":{"en":"","ru":""},',
  '"languages":["en","ru","kk"],"languageNames":{"en":"English","ru":"Русский","kk":"Қазақша"},',
  '"consent":{"version":"1","text":{"en":"Taking part is voluntary. You may stop at any time. Do you agree to take part?",',
  '"ru":"Участие добровольное. Вы можете прекратить в любой момент. Вы согласны принять участие?"}},',
  '"recipients":["age1"],',
  '"likertScales":{"agree5":{"points":[',
  '{"value":1,"label":{"en":"Strongly disagree","ru":"Полностью не согласен","kk":"Мүлдем келіспеймін"}},',
  '{"value":2,"label":{"en":"Disagree","ru":"Не согласен","kk":"Келіспеймін"}},',
  '{"value":3,"label":{"en":"Neutral","ru":"Нейтрально","kk":"Бейтарап"}},',
  '{"value":4,"label":{"en":"Agree","ru":"Согласен","kk":"Келісемін"}},',
  '{"value":5,"label":{"en":"Strongly agree","ru":"Полностью согласен","kk":"Толығымен келісемін"}}],',
  '"nonSubstantive":[{"name":"dk","label":{"en":"Don\'t know","ru":"Не знаю","kk":"Білмеймін"}}]}},',
  '"scales":[{"name":"","label":{"en":""},"items":[""],"reversed":[]}],',
  '"sections":[{"name":"section_1","label":{},"hint":{"en":""},"relevant":"","mode":"self","items":[',
  '{"name":"","type":"text","label":{"en":""},"hint":{"en":""},"required":true,"requiredMessage":{"en":""},',
  '"relevant":"${} = \'yes\'","constraint":". >= 0 and . <= 100","constraintMessage":{"en":""},',
  '"calculation":"","default":"","readOnly":true,"appearance":"multiline","personal":true,"note":true,"added":true},',
  '{"type":"longtext"},{"type":"integer"},{"type":"decimal"},{"type":"date"},{"type":"time"},',
  '{"type":"acknowledge"},{"type":"calculate","label":{}},{"type":"select_multiple","choices":"","other":true},',
  '{"type":"likert","likert":"agree5"},{"type":"note"}]}],',
  '"choiceLists":{"yesno":[{"name":"yes","label":{"en":"Yes","ru":"Да","kk":"Иә"}},',
  '{"name":"no","label":{"en":"No","ru":"Нет","kk":"Жоқ"}}]},"likertScales":{},',
  '"sections":[{"name":"","label":{"en":"","ru":"","kk":""},"items":[',
  '{"name":"","type":"select_one","label":{"en":"","ru":"","kk":""},"required":true,"choices":"',
].join('');
