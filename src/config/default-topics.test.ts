import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from './load-config.js';
import { loadMatcher } from './load-matcher.js';
import { configSchema } from './schema.js';

// The shipped topics, gazetteer and lexicon, on invented headlines and summaries.
const root = (p: string): string => path.join(PACKAGE_ROOT, p);
const { matcher, topics } = loadMatcher(
  configSchema.parse({
    match: {
      topicsDir: root('config/topics'),
      gazetteer: root('config/gazetteer.yml'),
      lexicon: root('config/lexicon.yml'),
      model: root('config/topic-model.json'),
    },
  }).match,
);
const topicsOf = (title: string, summary = ''): string[] =>
  matcher.match({ title, summary }).topics.map((t) => t.topic);
// The evidence the reader found (what the learned model weighs): who was hit, who struck.
const cuesOf = (title: string, summary = '') =>
  matcher.explainAll({ title, summary }).reading.evidence.cues;

describe('default topics: on-topic items', () => {
  it.each([
    [
      'casualties',
      'Two US service members wounded as rockets strike base in Anbar',
      'Two American troops were injured when several rockets hit Ain al-Asad air base on Tuesday, the coalition said.',
    ],
    [
      'counter-isis',
      'Iraqi and coalition forces kill ISIS cell leader in Kirkuk raid',
      'A partnered operation by Iraqi Counter-Terrorism Service and coalition advisers killed four Daesh militants in the Hawija district.',
    ],
    [
      'counter-isis',
      'SDF, backed by International Coalition, detains IS suspects in Hasakah sweep',
      'Syrian Democratic Forces arrested six suspected IS members in a security campaign supported by coalition helicopters.',
    ],
    [
      'militia-attacks',
      'Drone attack targets Harir base hosting coalition troops',
      'An explosive-laden drone was shot down near Harir air base in Erbil province, Kurdish officials said.',
    ],
    [
      'militia-attacks',
      'Islamic Resistance in Iraq claims rocket attack on Conoco field base',
      'The group said it fired rockets at the base in Deir ez-Zor that houses American forces.',
    ],
    [
      'us-strikes',
      'US jets strike Kataib Hezbollah depots near Al-Qaim',
      'American aircraft struck weapons storage sites used by the Iran-backed militia, CENTCOM said, in response to attacks on US personnel.',
    ],
    [
      'presence-politics',
      'Iraqi prime minister says coalition mission should end as talks on US troop withdrawal resume',
      'Baghdad and Washington will discuss a timeline for the drawdown of the roughly 2,500 US troops in Iraq.',
    ],
  ])('%s: %s', (topic, title, summary) => {
    expect(topicsOf(title, summary)).toContain(topic);
  });

  it('reads an unnamed-country incident from the base alone', () => {
    expect(topicsOf('Rockets land near Victory base at Baghdad airport', '')).toContain(
      'militia-attacks',
    );
  });

  it('does not let the last paragraphs of a long article decide', () => {
    const filler = 'The ministry said the talks covered trade and water. '.repeat(60);
    const r = matcher.match({
      title: 'Iraq signs water agreement with neighbours',
      summary: 'Officials met in Baghdad.',
      content: `${filler} Years ago, a rocket attack on a US base in Iraq killed American soldiers.`,
    });
    expect(r.match).toBe(false);
  });
});

describe('default topics: near misses stay off', () => {
  it.each([
    [
      'Afghanistan',
      'US troops killed in Kabul airport bombing claimed by ISIS-K',
      'Thirteen American service members died in the blast at Abbey Gate.',
    ],
    [
      'Yemen',
      'US strikes Houthi missile sites in Yemen after Red Sea attacks',
      'American warplanes hit targets near Hodeidah, CENTCOM said.',
    ],
    [
      'Qatar',
      'Iran fires missiles at Al Udeid air base in Qatar',
      'The base hosts thousands of US troops; no casualties were reported.',
    ],
    [
      'Niger',
      'Last US troops leave Niger drone base at Agadez',
      'The withdrawal ends the American military presence in the country.',
    ],
    [
      'Europe',
      'Pentagon sends 2,000 more troops to Poland and Romania',
      'The deployment bolsters NATO’s eastern flank.',
    ],
    [
      'Israel–Lebanon',
      'Israeli drone strike kills Hezbollah commander in south Lebanon',
      'The Israeli army said the commander led rocket attacks on northern Israel.',
    ],
    [
      'Turkey–PKK',
      'Turkish drones strike PKK hideouts in Duhok mountains',
      'The Turkish Defense Ministry said 12 militants were killed in northern Iraq.',
    ],
    [
      'Iraqi oil',
      'Iraq raises oil exports through Basra as Kirkuk pipeline restarts',
      'Crude shipments rose to 3.4 million barrels per day, the oil ministry said.',
    ],
    [
      'Iraqi sport',
      'Iraq beats Jordan in World Cup qualifier in Basra',
      'The Iraqi national team won 2-0 in front of a full stadium.',
    ],
    [
      'police raid',
      'Police raid drug warehouse in Baghdad, arrest 14',
      'Iraqi police said the gang smuggled narcotics from Syria.',
    ],
    [
      'ISIS in Africa',
      'Islamic State Sahel fighters kill soldiers in Mali ambush',
      'The attack near the Niger border killed 20 Malian troops.',
    ],
    [
      'anniversary',
      'Twenty years on, veterans look back on the US invasion of Iraq',
      'American and coalition forces crossed into Iraq in March 2003.',
    ],
    [
      'trial',
      'ISIS militant sentenced to life for killing American hostages in Syria',
      'A US federal court sentenced the former fighter on Friday.',
    ],
    [
      'sanctions',
      'US Treasury sanctions Iraqi bank over dollar smuggling to Iran',
      'The sanctions target a bank in Baghdad.',
    ],
    [
      'veterans',
      'Senate expands benefits for Iraq war veterans exposed to burn pits',
      'The bill covers American troops who served in Iraq and Syria.',
    ],
    [
      'accident',
      'Three US Marines killed in helicopter crash during training in Australia',
      'The aircraft went down off Darwin.',
    ],
  ])('%s: %s', (_family, title, summary) => {
    const r = matcher.match({ title, summary });
    expect(r.match, r.why).toBe(false);
  });

  it('explains a refusal by the missing scope and the other theatre', () => {
    const r = matcher.match({
      title: 'US strikes Houthi missile sites in Yemen',
      summary: 'American warplanes hit targets near Hodeidah.',
    });
    expect(r.why).toMatch(/no match/);
    expect(r.why).toMatch(/other theatre: .*yemen/i);
  });
});

describe('default topics: why names the deciding evidence', () => {
  it('names the base, the militia and the event', () => {
    const r = matcher.match({
      title: "Kata'ib Hezbollah drone attack hits Ain al-Asad",
      summary: 'The drone attack on the base in Anbar caused no casualties among US forces.',
    });
    expect(r.match).toBe(true);
    expect(r.why).toContain('Ain al-Asad (base, Anbar, Iraq)');
    expect(r.why).toMatch(/attack on US\/coalition: drone attack/);
    expect(r.why).toMatch(/→ militia-attacks [01]\.\d\d/);
  });

  it('every shipped topic matches its own example', () => {
    for (const t of topics) {
      expect(t.example, t.id).toBeDefined();
      expect(topicsOf(t.example ?? ''), t.id).toContain(t.id);
    }
  });
});

describe('default topics: who acts, who is hit, what is denied', () => {
  it('does not read a casualty that the text denies', () => {
    const item = [
      'Rockets fall near Union III compound in Baghdad',
      'Two rockets landed near the compound housing coalition advisers; no one was hurt and there were no casualties, officials said.',
    ] as const;
    expect(topicsOf(...item)[0]).toBe('militia-attacks');
    expect(cuesOf(...item).casualty).toBe(0);
    expect(cuesOf(...item).usVictim).toBe(0);
  });

  it('reads a raid credited to the US as a state as a counter-ISIS operation', () => {
    expect(
      topicsOf(
        'Islamic State commander dies in US counterterrorism raid in Idlib',
        'The senior Daesh official was killed overnight, officials said.',
      ),
    ).toContain('counter-isis');
  });

  it('does not take US troops hit by a drone for the strikers', () => {
    const t = topicsOf(
      'Coalition soldiers hurt at Harir base',
      'An explosive drone struck the base overnight, lightly wounding two coalition soldiers, officials said.',
    );
    expect(t).toEqual(expect.arrayContaining(['casualties', 'militia-attacks']));
    expect(t).not.toContain('us-strikes');
    expect(t).not.toContain('counter-isis');
  });

  it('keeps a US strike that answers earlier attacks out of militia attacks', () => {
    const t = topicsOf(
      "American jets strike Kata'ib Hezbollah depots near al-Qaim",
      'The strikes came in response to repeated rocket attacks on US troops in the region.',
    );
    expect(t).toContain('us-strikes');
    expect(t).not.toContain('militia-attacks');
  });

  it('reads US drones firing on militia leaders as a US strike, not an attack on the US', () => {
    const t = topicsOf(
      'Nujaba commander among dead in Baghdad strike',
      'American drones fired on a vehicle carrying Harakat al-Nujaba officials in eastern Baghdad.',
    );
    expect(t[0]).toBe('us-strikes');
    const cues = cuesOf(
      'Nujaba commander among dead in Baghdad strike',
      'American drones fired on a vehicle carrying Harakat al-Nujaba officials in eastern Baghdad.',
    );
    expect(cues.usAgent).toBeGreaterThan(0.5);
  });

  it('reads militia firing on US troops as an attack on them, not a US strike', () => {
    const t = topicsOf(
      'Gunmen fire on US troops near Rumalyn base',
      "Fighters from Kata'ib Hezbollah fired on US troops guarding the base; there were no injuries.",
    );
    expect(t[0]).toBe('militia-attacks');
    const cues = cuesOf(
      'Gunmen fire on US troops near Rumalyn base',
      "Fighters from Kata'ib Hezbollah fired on US troops guarding the base; there were no injuries.",
    );
    expect(cues.usAgent).toBe(0);
    expect(cues.usTarget).toBeGreaterThan(0.5);
  });

  it('knows US-only warplane types as US forces', () => {
    expect(
      topicsOf(
        'A-10s strike militia launch team near Abu Kamal',
        'The Iran-backed fighters were preparing a rocket launch, a defense official said.',
      ),
    ).toContain('us-strikes');
  });

  it.each([
    [
      'Baghdad calls US strike on militia headquarters a violation of Iraqi sovereignty',
      'The government summoned the American charge d’affaires over the strike by US forces.',
    ],
    [
      'Washington to halve its troop numbers in northeast Syria',
      'US forces will consolidate at fewer bases in Hasakah, defense officials said.',
    ],
  ])('reads presence politics: %s', (title, summary) => {
    expect(topicsOf(title, summary)).toContain('presence-politics');
  });
});
