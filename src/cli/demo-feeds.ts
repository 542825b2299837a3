/** Invented fixture feeds for `sitrep demo`: on-topic, off-topic and a broken one. */

interface DemoItem {
  guid: string;
  title: string;
  summary: string;
  link: string;
  hoursAgo: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function rss(title: string, items: DemoItem[], now: Date): string {
  const entries = items
    .map(
      (
        i,
      ) => `<item><guid>${esc(i.guid)}</guid><title>${esc(i.title)}</title><link>${esc(i.link)}</link>
<description>${esc(i.summary)}</description><pubDate>${new Date(now.getTime() - i.hoursAgo * 3_600_000).toUTCString()}</pubDate></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${esc(title)}</title><link>https://example.org/</link>
<description>sitrep demo feed</description>
${entries}
</channel></rss>`;
}

export function demoFeeds(
  now: Date,
): Record<string, { body: string; status: number; type: string }> {
  const wire = rss(
    'Demo Wire',
    [
      {
        guid: 'wire-1',
        title: 'Drone attack targets US forces at Ain al-Asad air base in western Iraq',
        summary:
          'A one-way attack drone struck Ain al-Asad air base in Anbar province early Tuesday, injuring two American service members, US officials said. The Islamic Resistance in Iraq claimed the attack.',
        link: 'https://wire.example.org/2026/ain-al-asad-drone?utm_source=rss',
        hoursAgo: 2,
      },
      {
        guid: 'wire-2',
        title: "Iraq's oil exports climb as Basra terminals expand",
        summary:
          'Iraqi crude exports rose to a record last month, the oil ministry said, as new terminals opened in Basra.',
        link: 'https://wire.example.org/2026/iraq-oil-exports',
        hoursAgo: 3,
      },
      {
        guid: 'wire-3',
        title: 'Iraq beat Jordan in World Cup qualifier',
        summary: 'The Iraq national football team won 2-1 in Amman on Monday night.',
        link: 'https://wire.example.org/2026/iraq-football',
        hoursAgo: 5,
      },
    ],
    now,
  );
  const regional = rss(
    'Demo Regional News',
    [
      {
        guid: 'regional-1',
        title: 'Three US troops hurt in drone strike on Ain al-Asad, Pentagon says',
        summary:
          'Three American service members were injured when a drone hit Ain al-Asad air base in Iraq on Tuesday, the Pentagon said, revising an earlier count. Iran-backed militia group Islamic Resistance in Iraq claimed responsibility.',
        link: 'https://regional.example.org/news/ain-al-asad-drone-three-hurt',
        hoursAgo: 1,
      },
      {
        guid: 'regional-2',
        title: 'US and Iraqi forces kill ISIS operatives in raid in Syria',
        summary:
          'US Central Command said a partnered raid with the Syrian Democratic Forces in Deir ez-Zor killed four ISIS operatives on Sunday night.',
        link: 'https://regional.example.org/news/centcom-deir-ez-zor-raid',
        hoursAgo: 4,
      },
      {
        guid: 'regional-3',
        title: 'Police raid suspected drug lab in Ohio',
        summary: 'Officers arrested three people in a pre-dawn raid on Monday.',
        link: 'https://regional.example.org/news/ohio-police-raid',
        hoursAgo: 6,
      },
    ],
    now,
  );
  return {
    '/wire.xml': { body: wire, status: 200, type: 'application/rss+xml' },
    '/regional.xml': { body: regional, status: 200, type: 'application/rss+xml' },
    '/broken.xml': {
      body: '<rss><channel><title>Broken</title><item><title>oops</channel>',
      status: 200,
      type: 'application/rss+xml',
    },
    '/gone.xml': { body: 'Service Unavailable', status: 503, type: 'text/plain' },
  };
}
