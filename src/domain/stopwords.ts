/**
 * The one stopword list: English function words that carry no meaning on their own. The topic
 * model's word features, the clusterer's text similarity and the subscription index's key
 * frequency guess all leave these out (each may add words of its own purpose beside them).
 * Changing it changes the learned model's features: retrain (`sitrep topics train`) after.
 */
const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but of in on at to from by with for as is are was were be been being has have ' +
    'had that this these those it its their they them he she his her who whom which what when ' +
    'where while into than then there here also s'
  ).split(/\s+/),
);

/** True for a lower-cased function word ("the", "was", "s" of "U.S."). */
export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}
