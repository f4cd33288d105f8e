import { describe, expect, it } from 'vitest';
import { DEMO_EXAMPLE_NOTE, demoExampleResponses, demoStudy } from '../../../src/core/demo/index';
import { parseInstrument } from '../../../src/core/instrument/parse';
import { allItems, type LocalizedText } from '../../../src/core/instrument/types';
import { validateValue } from '../../../src/core/responses/validate-value';

/** Every LocalizedText of the study, with where it is. */
function allTexts(): { where: string; text: LocalizedText }[] {
  const out: { where: string; text: LocalizedText }[] = [];
  const add = (where: string, text: LocalizedText | undefined) => text && out.push({ where, text });
  add('title', demoStudy.title);
  add('description', demoStudy.description);
  add('consent', demoStudy.consent?.text);
  for (const [list, choices] of Object.entries(demoStudy.choiceLists)) choices.forEach((c) => add(`${list}.${c.name}`, c.label));
  for (const [name, scale] of Object.entries(demoStudy.likertScales)) {
    scale.points.forEach((p) => add(`${name}.${p.value}`, p.label));
    scale.nonSubstantive?.forEach((c) => add(`${name}.${c.name}`, c.label));
  }
  for (const section of demoStudy.sections) {
    add(section.name, section.label);
    add(`${section.name} hint`, section.hint);
    for (const item of section.items) {
      add(item.name, item.label);
      add(`${item.name} hint`, item.hint);
      add(`${item.name} constraintMessage`, item.constraintMessage);
    }
  }
  demoStudy.scales.forEach((s) => add(`scale ${s.name}`, s.label));
  return out;
}

describe('the demo study', () => {
  it('passes parseInstrument with no problems at all, also after a JSON round trip', () => {
    const result = parseInstrument(JSON.parse(JSON.stringify(demoStudy)), 'demo-study');
    expect(result).toEqual({ ok: true, instrument: demoStudy, warnings: [] });
  });

  it('is the Amirova study, in English, Russian and Kazakh', () => {
    expect(demoStudy.id).toBe('innovative-civil-service');
    expect(demoStudy.studyVersion).toBe('2020-3');
    expect(demoStudy.title.en).toBe('Innovative civil service: expert interview');
    expect(demoStudy.languages).toEqual(['en', 'ru', 'kk']);
    expect(demoStudy.languageNames).toEqual({ en: 'English', ru: 'Русский', kk: 'Қазақша' });
    expect(demoStudy.description?.en).toContain('10.32523/2079-620X-2020-1-52-62');
    expect(demoStudy.description?.en).toContain('reconstructed');
    // A short attribution note for the seed study, in every language.
    expect(demoStudy.description?.en).toContain('Credit: the questions, the four published interviews');
    expect(demoStudy.description?.ru).toContain('Авторство:');
    expect(demoStudy.description?.kk).toContain('Авторлық:');
  });

  it('has a consent in all three languages', () => {
    expect(demoStudy.consent?.version).toBe('1');
    for (const lang of ['en', 'ru', 'kk']) expect(demoStudy.consent?.text[lang]?.length).toBeGreaterThan(300);
    expect(demoStudy.consent?.text.en).toMatch(/voluntary/);
    expect(demoStudy.consent?.text.en).toMatch(/stop the interview at any time/);
    expect(demoStudy.consent?.text.en).toMatch(/NIH/);
  });

  it('has English and Russian for every text, and no Kazakh that is empty', () => {
    const texts = allTexts();
    expect(texts.length).toBeGreaterThan(100);
    for (const { where, text } of texts) {
      expect(text.en, where).toBeTruthy();
      expect(text.ru, where).toBeTruthy();
      if ('kk' in text) expect(text.kk, where).toBeTruthy();
      expect(Object.keys(text).every((lang) => demoStudy.languages.includes(lang)), where).toBe(true);
    }
  });

  it('has the names the brief fixed, in order', () => {
    expect(allItems(demoStudy).map(({ item }) => item.name)).toEqual([
      'role', 'sector', 'gov_level', 'occupation', 'interview_date', 'age', 'exp_total', 'exp_position', 'education',
      'rec_consent', 'interview_audio', 'q1', 'q2', 'q3', 'q4', 'q5',
      's1', 's2', 's3', 'h1', 'h2', 'h3', 'h4', 'h5', 'o1', 'o2', 'o3', 'r1', 'r2', 'r3', 'r4', 'l1', 'l2', 'l3',
    ]);
  });

  it('has 15 + 3 statements in 5 scales on one agree5 scale, with no reversed items', () => {
    const likert = allItems(demoStudy).filter(({ item }) => item.type === 'likert');
    expect(likert).toHaveLength(18);
    expect(likert.filter(({ item }) => item.added)).toHaveLength(3);
    expect(likert.every(({ item }) => item.likert === 'agree5' && item.required === true)).toBe(true);
    expect(likert.every(({ section }) => section.who === 'respondent')).toBe(true);
    expect(demoStudy.scales.map((s) => [s.name, s.items.length, s.reversed.length])).toEqual([
      ['strategy', 3, 0],
      ['human_capital', 5, 0],
      ['organization', 3, 0],
      ['resources', 4, 0],
      ['leadership', 3, 0],
    ]);
    const scale = demoStudy.likertScales.agree5!;
    expect(scale.points.map((p) => [p.value, p.label.en])).toEqual([
      [1, 'Strongly disagree'],
      [2, 'Disagree'],
      [3, 'Neutral'],
      [4, 'Agree'],
      [5, 'Strongly agree'],
    ]);
    expect(scale.points.map((p) => p.label.kk)).toEqual(['Мүлдем келіспеймін', 'Келіспеймін', 'Бейтарап', 'Келісемін', 'Толығымен келісемін']);
    expect(scale.nonSubstantive?.map((c) => c.name)).toEqual(['dk']);
  });

  it('asks the interviewer for the profile and the questions, with one note per question', () => {
    const [profile, questions] = demoStudy.sections;
    expect(profile?.who).toBe('interviewer');
    expect(questions?.who).toBe('interviewer');
    const byName = new Map(allItems(demoStudy).map(({ item }) => [item.name, item]));
    for (const n of [1, 2, 3, 4, 5]) expect(byName.get(`q${n}`)?.note).toBe(true);
    expect(['q1', 'q5'].map((q) => byName.get(q)?.type)).toEqual(['select_multiple', 'select_multiple']);
    expect(['q2', 'q3', 'q4'].map((q) => byName.get(q)?.type)).toEqual(['select_one', 'select_one', 'select_one']);
    expect(demoStudy.choiceLists.q4?.map((c) => c.name)).toEqual(['A', 'B', 'E']);
    expect(byName.get('occupation')?.personal).toBe(true);
    expect(byName.get('gov_level')?.relevant).toBe("${sector} = 'public'");
    expect(byName.get('interview_date')?.constraint).toBe('. <= today()');
  });

  it('marks the reconstructed options in the guidance for the interviewer and researcher, never in what a respondent reads', () => {
    const byName = new Map(allItems(demoStudy).map(({ item }) => [item.name, item]));
    expect(byName.get('q1')?.guidance?.en).toMatch(/D \(Resources\) is reconstructed/);
    expect(byName.get('q2')?.guidance?.en).toMatch(/C \(Salary and bonuses\) is reconstructed/);
    expect(byName.get('q3')?.guidance?.en).toMatch(/A \(Management style\) and B \(Workload\) are reconstructed/);
    expect(byName.get('h1')?.guidance?.en).toMatch(/reconstructed/);
    expect(byName.get('l1')?.guidance?.en).toMatch(/Added after the pilot/);
    for (const { section, item } of allItems(demoStudy)) {
      if (section.who !== 'respondent') continue;
      for (const text of [item.label, item.hint, section.hint, section.label]) expect(JSON.stringify(text ?? {})).not.toMatch(/reconstruct|paper|статьи|мақала/i);
    }
  });
});

describe('the example data', () => {
  const items = new Map(allItems(demoStudy).map(({ item }) => [item.name, item]));
  const byCode = new Map(demoExampleResponses.map((r) => [r.respondentCode, r]));

  it('is four respondents R1..R4 with fixed ids, all marked as examples', () => {
    expect(demoExampleResponses.map((r) => r.respondentCode)).toEqual(['R1', 'R2', 'R3', 'R4']);
    expect(new Set(demoExampleResponses.map((r) => r.id)).size).toBe(4);
    for (const r of demoExampleResponses) {
      expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(r.example).toBe(true);
    }
    for (const lang of ['en', 'ru', 'kk']) expect(DEMO_EXAMPLE_NOTE[lang]).toBeTruthy();
  });

  it('answers every item of the study, and only those, with values of the right shape', () => {
    for (const r of demoExampleResponses) {
      expect(Object.keys(r.answers).sort(), r.respondentCode).toEqual([...items.keys()].sort());
      for (const [name, value] of Object.entries(r.answers)) {
        expect(validateValue(demoStudy, items.get(name)!, value), `${r.respondentCode} ${name}`).toBeNull();
      }
      for (const name of Object.keys(r.other ?? {})) {
        expect(items.get(name)?.other, name).toBe(true);
        expect(r.answers[name]).toContain('other');
      }
      for (const name of Object.keys(r.notes ?? {})) expect(items.get(name)?.note, name).toBe(true);
    }
  });

  it('leaves the Leadership statements unanswered', () => {
    for (const r of demoExampleResponses) {
      for (const name of ['l1', 'l2', 'l3']) expect(r.answers[name]).toBeNull();
    }
  });

  it('matches Table 3 of the seed for R3 (the central government representative)', () => {
    const r3 = byCode.get('R3')!;
    expect(r3.answers.role).toBe('central_gov');
    expect(['s1', 's2', 's3', 'h1', 'h2', 'h3', 'h4', 'h5', 'o1', 'o2', 'o3', 'r1', 'r2', 'r3', 'r4'].map((n) => r3.answers[n])).toEqual(
      ['5', '5', '5', '5', '5', '4', '5', '5', '5', '4', '5', '4', '4', '4', '4'],
    );
  });

  it('keeps the paper\u2019s contrast on institutional memory: R3 rates it 5, the private-sector R2 rates it 2', () => {
    expect(byCode.get('R3')?.answers.h5).toBe('5');
    expect(byCode.get('R2')?.answers.h5).toBe('2');
    expect(byCode.get('R2')?.answers.sector).toBe('private');
  });

  it('matches Tables 1 and 2 of the seed (spot checks)', () => {
    expect(byCode.get('R1')?.answers).toMatchObject({ interview_date: '2019-11-04', age: 29, exp_total: 5.42, exp_position: 0.33, education: 'master' });
    expect(byCode.get('R2')?.answers).toMatchObject({ age: 35, exp_total: 10, gov_level: null, q1: ['A', 'B', 'C', 'other'], q2: 'A' });
    expect(byCode.get('R2')?.other).toEqual({ q1: 'Leadership (management styles and quality)' });
    expect(byCode.get('R2')?.notes).toMatchObject({ exp_total: 'More than 10 years' });
    // The paper's words on what the experts said, as the interviewer's notes on the questions (coded in src/core/demo/coding.ts).
    expect(byCode.get('R2')?.notes?.q1).toContain('leadership, namely the quality and style of management');
    expect(byCode.get('R4')?.answers).toMatchObject({ gov_level: 'local', exp_position: 1.5, q4: 'B', q5: ['C'], r4: '3' });
    expect(demoExampleResponses.map((r) => r.answers.q3)).toEqual(['C', 'C', 'C', 'C']);
    expect(demoExampleResponses.map((r) => r.answers.q4)).toEqual(['A', 'B', 'E', 'B']);
  });
});
