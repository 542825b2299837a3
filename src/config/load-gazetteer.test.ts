import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gazetteerWarnings, loadGazetteer } from './load-gazetteer.js';
import { PACKAGE_ROOT } from './load-config.js';

const gaz = loadGazetteer(path.join(PACKAGE_ROOT, 'config', 'gazetteer.yml'));
const ids = (text: string): string[] => gaz.findMentions(text).map((m) => m.ref.entry.id);

describe('config/gazetteer.yml', () => {
  it.each([
    ["Kata'ib Hezbollah", 'kataib-hezbollah'],
    ['Kataib Hizbollah', 'kataib-hezbollah'],
    ['Kataeb Hizballah', 'kataib-hezbollah'],
    ['Ayn al-Asad', 'ain-al-asad'],
    ['Al-Asad Air Base', 'ain-al-asad'],
    ['Hashd al-Shaabi', 'pmf'],
    ['the International Coalition', 'coalition'],
    ['CJTF-OIR', 'coalition'],
    ['Daesh', 'isis'],
    ['Tower 22', 'tower-22'],
    ['Rmeilan', 'rumalyn'],
    ['Victoria Base', 'victory-base'],
    ['Deir Ezzor', 'deir-ez-zor'],
    ['Ansar Allah', 'houthis'],
  ])('knows %s', (alias, id) => {
    expect(ids(`reports from ${alias} today`)).toContain(id);
  });

  it('reads Hezbollah alone as Lebanese, with Kataib as the Iraqi militia', () => {
    expect(ids('Hezbollah fired rockets')).toEqual(['hezbollah']);
    expect(ids('Kataib Hezbollah fired rockets')).toEqual(['kataib-hezbollah']);
  });

  it('counts IS only in capitals and ISIS-K as its own branch', () => {
    expect(ids('IS cells attacked')).toEqual(['isis']);
    expect(ids('this is what it is')).toEqual([]);
    expect(ids('ISIS-K bombers')).toEqual(['isis-k']);
  });

  it('composes US force phrases and keeps the theatre of each place', () => {
    expect(ids('American troops at a U.S. base')).toEqual(['us-forces', 'us-forces']);
    expect(gaz.place('erbil-air-base')).toMatchObject({ theatre: 'iraq-syria', hostsUs: true });
    expect(gaz.place('qatar')?.theatre).toBe('gulf');
  });

  it('rejects an invalid file with its path and the bad field', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-gaz-'));
    const file = path.join(dir, 'bad.yml');
    writeFileSync(file, 'places:\n  - { id: x, name: X, type: castle, country: Iraq }\n');
    expect(() => loadGazetteer(file)).toThrow(/bad\.yml[\s\S]*places\.0\.type/);
  });

  it('rejects a misspelt actor kind or theatre with its path', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-gaz-'));
    const file = path.join(dir, 'typo.yml');
    writeFileSync(
      file,
      'actors:\n  - { id: a, name: A, side: militia, kind: milita }\n' +
        'places:\n  - { id: p, name: P, type: town, country: Iraq, theatre: iraq-sryia }\n',
    );
    expect(() => loadGazetteer(file)).toThrow(/typo\.yml[\s\S]*actors\.0\.kind/);
    expect(() => loadGazetteer(file)).toThrow(/places\.0\.theatre/);
  });
});

describe('coordinates', () => {
  it('gives every place of the shipped gazetteer a latitude and longitude', () => {
    expect(gazetteerWarnings(gaz)).toEqual([]);
    const asad = gaz.place('ain-al-asad');
    expect(asad?.lat).toBeCloseTo(33.79, 1);
    expect(asad?.lon).toBeCloseTo(42.44, 1);
  });

  it('warns about a place without coordinates instead of failing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gaz-'));
    const file = path.join(dir, 'g.yml');
    writeFileSync(
      file,
      'places:\n  - { id: somewhere, name: Somewhere, type: town, country: Iraq }\n  - { id: here, name: Here, type: town, country: Iraq, lat: 33.3, lon: 44.4 }\n',
    );
    const loaded = loadGazetteer(file);
    expect(loaded.places).toHaveLength(2);
    expect(gazetteerWarnings(loaded)).toEqual([
      'gazetteer: 1 place(s) have no lat/lon and will not appear on maps: somewhere',
    ]);
  });

  it('rejects a latitude out of range with the entry path', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gaz-'));
    const file = path.join(dir, 'g.yml');
    writeFileSync(
      file,
      'places:\n  - { id: x, name: X, type: town, country: Iraq, lat: 133.3, lon: 44.4 }\n',
    );
    expect(() => loadGazetteer(file)).toThrow(/places\.0\.lat/);
  });
});
